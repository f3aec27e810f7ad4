import DenshoDomain
import GRDB

extension SQLiteStore: QualificationRepository {
    public func addQualification(_ qualification: Qualification, by actor: String) async throws -> Qualification {
        try await pool.write { db in try Self.insertQualification(db, qualification, actor: actor) }
    }

    static func insertQualification(_ db: Database, _ qualification: Qualification, actor: String) throws -> Qualification {
        try translate(entity: "qualification", key: qualification.name) {
            try db.execute(
                sql: "INSERT INTO qualification (company_id, name, issuer, validity_years) VALUES (?, ?, ?, ?)",
                arguments: [qualification.companyID.rawValue, qualification.name, qualification.issuer,
                            qualification.validityYears])
        }
        var saved = qualification
        saved.id = Qualification.ID(db.lastInsertedRowID)
        try Audit.record(db, company: qualification.companyID, actor: actor, entity: "qualification",
                         id: saved.id.rawValue, action: "create", after: saved)
        return saved
    }

    public func qualifications(company: Company.ID) async throws -> [Qualification] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Qualification.columns) FROM qualification WHERE company_id = ? ORDER BY id",
                arguments: [company.rawValue]
            ).map(Qualification.init(row:))
        }
    }

    public func grant(_ held: HeldQualification, company: Company.ID, by actor: String) async throws -> HeldQualification {
        try await pool.write { db in try Self.insertHeld(db, held, company: company, actor: actor) }
    }

    static func insertHeld(_ db: Database, _ held: HeldQualification, company: Company.ID, actor: String) throws
        -> HeldQualification
    {
        try requireInCompany(db, table: "employee", id: held.employeeID.rawValue, company: company)
        try requireInCompany(db, table: "qualification", id: held.qualificationID.rawValue, company: company)
        if let expires = held.expiresOn, expires < held.acquiredOn {
            throw StoreError.invalid("expiry \(expires) is before acquisition \(held.acquiredOn)")
        }
        try db.execute(
            sql: """
                INSERT INTO held_qualification (company_id, employee_id, qualification_id, acquired_on, expires_on,
                  certificate_number) VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [company.rawValue, held.employeeID.rawValue, held.qualificationID.rawValue,
                        held.acquiredOn.description, held.expiresOn?.description, held.certificateNumber])
        var saved = held
        saved.id = HeldQualification.ID(db.lastInsertedRowID)
        try Audit.record(db, company: company, actor: actor, entity: "held_qualification", id: saved.id.rawValue,
                         action: "grant", after: saved)
        return saved
    }

    public func renew(_ id: HeldQualification.ID, expiresOn: LocalDate?, company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(HeldQualification.columns) FROM held_qualification WHERE id = ? AND company_id = ?",
                arguments: [id.rawValue, company.rawValue])
            else { throw StoreError.notFound(entity: "held qualification", key: id.description) }
            let before = HeldQualification(row: row)
            if let expiresOn, expiresOn < before.acquiredOn {
                throw StoreError.invalid("expiry \(expiresOn) is before acquisition \(before.acquiredOn)")
            }
            var after = before
            after.expiresOn = expiresOn
            try db.execute(
                sql: "UPDATE held_qualification SET expires_on = ? WHERE id = ?",
                arguments: [expiresOn?.description, id.rawValue])
            try Audit.record(db, company: company, actor: actor, entity: "held_qualification", id: id.rawValue,
                             action: "renew", before: before, after: after)
        }
    }

    public func heldQualifications(company: Company.ID, employee: Employee.ID?) async throws -> [HeldQualification] {
        try await pool.read { db in
            var sql = "SELECT \(HeldQualification.columns) FROM held_qualification WHERE company_id = ?"
            var arguments: StatementArguments = [company.rawValue]
            if let employee { sql += " AND employee_id = ?"; arguments += [employee.rawValue] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map(HeldQualification.init(row:))
        }
    }
}
