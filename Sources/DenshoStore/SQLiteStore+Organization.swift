import DenshoDomain
import GRDB

extension SQLiteStore: OrganizationRepository {
    public func createCompany(code: String, name: String, admin: NewAccount) async throws -> Company {
        try await pool.write { db in
            let company = try Self.insertCompany(
                db, code: code, name: name, retirementAge: 65, multiSkillThreshold: 3, scale: .standard)
            _ = try Self.insertAccount(db, admin, company: company.id, employee: nil)
            try Audit.record(db, company: company.id, actor: admin.login, entity: "company", id: company.id.rawValue,
                             action: "create", after: company)
            return company
        }
    }

    static func insertCompany(
        _ db: Database, code: String, name: String, retirementAge: Int, multiSkillThreshold: Int, scale: LevelScale
    ) throws -> Company {
        try translate(entity: "company", key: code) {
            try db.execute(
                sql: "INSERT INTO company (code, name, retirement_age, multi_skill_threshold) VALUES (?, ?, ?, ?)",
                arguments: [code, name, retirementAge, multiSkillThreshold])
        }
        let company = Company(
            id: Company.ID(db.lastInsertedRowID), code: code, name: name, retirementAge: retirementAge,
            multiSkillThreshold: multiSkillThreshold)
        for definition in scale.levels {
            try db.execute(
                sql: "INSERT INTO level_definition (company_id, level, label, symbol) VALUES (?, ?, ?, ?)",
                arguments: [company.id.rawValue, definition.level, definition.label, definition.symbol])
        }
        return company
    }

    static func insertAccount(_ db: Database, _ account: NewAccount, company: Company.ID?, employee: Employee.ID?) throws
        -> Account.ID
    {
        try translate(entity: "account", key: account.login) {
            try db.execute(
                sql: """
                    INSERT INTO account (company_id, login, display_name, role, employee_id, password_hash)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [company?.rawValue, account.login, account.displayName, account.role.rawValue,
                            employee?.rawValue, account.passwordHash])
        }
        let id = Account.ID(db.lastInsertedRowID)
        if account.role == .supervisor, let employee {
            // A supervisor starts out looking after their own department; an admin can widen it.
            try db.execute(
                sql: """
                    INSERT INTO supervised_department (account_id, department_id)
                    SELECT ?, department_id FROM employee WHERE id = ? AND department_id IS NOT NULL
                    """, arguments: [id.rawValue, employee.rawValue])
        }
        return id
    }

    public func companies() async throws -> [Company] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Company.columns) FROM company ORDER BY id").map(Company.init(row:))
        }
    }

    public func company(code: String) async throws -> Company? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Company.columns) FROM company WHERE code = ?", arguments: [code])
                .map(Company.init(row:))
        }
    }

    public func updateCompany(_ company: Company, by actor: String) async throws {
        try await pool.write { db in
            let before = try Row.fetchOne(
                db, sql: "SELECT \(Company.columns) FROM company WHERE id = ?", arguments: [company.id.rawValue]
            ).map(Company.init(row:))
            try Self.translate(entity: "company", key: company.code) {
                try db.execute(
                    sql: "UPDATE company SET code = ?, name = ?, retirement_age = ?, multi_skill_threshold = ? WHERE id = ?",
                    arguments: [company.code, company.name, company.retirementAge, company.multiSkillThreshold,
                                company.id.rawValue])
            }
            try Self.requireOneChange(db, entity: "company", key: company.code)
            try Audit.record(db, company: company.id, actor: actor, entity: "company", id: company.id.rawValue,
                             action: "update", before: before, after: company)
        }
    }

    public func levelScale(company: Company.ID) async throws -> LevelScale {
        try await pool.read { db in try Self.levelScale(db, company: company) }
    }

    static func levelScale(_ db: Database, company: Company.ID) throws -> LevelScale {
        LevelScale(levels: try Row.fetchAll(
            db, sql: "SELECT level, label, symbol FROM level_definition WHERE company_id = ? ORDER BY level",
            arguments: [company.rawValue]
        ).map { LevelDefinition(level: $0[0], label: $0[1], symbol: $0[2]) })
    }

    public func setLevel(_ definition: LevelDefinition, company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            let before = try Self.levelScale(db, company: company).definition(definition.level)
            try Self.translate(entity: "level", key: String(definition.level)) {
                try db.execute(
                    sql: """
                        INSERT INTO level_definition (company_id, level, label, symbol) VALUES (?, ?, ?, ?)
                        ON CONFLICT (company_id, level) DO UPDATE SET label = excluded.label, symbol = excluded.symbol
                        """,
                    arguments: [company.rawValue, definition.level, definition.label, definition.symbol])
            }
            try Audit.record(db, company: company, actor: actor, entity: "level", id: Int64(definition.level),
                             action: before == nil ? "create" : "update", before: before, after: definition)
        }
    }

    public func accounts(company: Company.ID) async throws -> [Account] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Account.columns) FROM account WHERE company_id = ? ORDER BY id",
                arguments: [company.rawValue]
            ).map { Account(row: $0) }
        }
    }

    public func addDepartment(name: String, company: Company.ID, by actor: String) async throws -> Department {
        try await pool.write { db in
            try Self.insertDepartment(db, name: name, company: company, actor: actor)
        }
    }

    static func insertDepartment(_ db: Database, name: String, company: Company.ID, actor: String) throws -> Department {
        try translate(entity: "department", key: name) {
            try db.execute(sql: "INSERT INTO department (company_id, name) VALUES (?, ?)", arguments: [company.rawValue, name])
        }
        let department = Department(id: Department.ID(db.lastInsertedRowID), companyID: company, name: name)
        try Audit.record(db, company: company, actor: actor, entity: "department", id: department.id.rawValue,
                         action: "create", after: department)
        return department
    }

    public func departments(company: Company.ID) async throws -> [Department] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Department.columns) FROM department WHERE company_id = ? ORDER BY id",
                arguments: [company.rawValue]
            ).map(Department.init(row:))
        }
    }

    public func renameDepartment(_ id: Department.ID, to name: String, company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            try Self.translate(entity: "department", key: name) {
                try db.execute(
                    sql: "UPDATE department SET name = ? WHERE id = ? AND company_id = ?",
                    arguments: [name, id.rawValue, company.rawValue])
            }
            try Self.requireOneChange(db, entity: "department", key: id)
            try Audit.record(db, company: company, actor: actor, entity: "department", id: id.rawValue,
                             action: "rename", after: name)
        }
    }

    public func addEmployee(_ employee: Employee, by actor: String) async throws -> Employee {
        try await pool.write { db in try Self.insertEmployee(db, employee, actor: actor) }
    }

    static func insertEmployee(_ db: Database, _ employee: Employee, actor: String) throws -> Employee {
        try checkReferences(db, employee)
        try translate(entity: "employee", key: employee.number) {
            try db.execute(
                sql: """
                    INSERT INTO employee (company_id, number, name, kana, hire_date, birth_year, department_id,
                      position, grade_id, leave_date, leave_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: employeeArguments(employee))
        }
        var saved = employee
        saved.id = Employee.ID(db.lastInsertedRowID)
        try Audit.record(db, company: employee.companyID, actor: actor, entity: "employee", id: saved.id.rawValue,
                         action: "create", after: saved)
        return saved
    }

    static func employeeArguments(_ e: Employee) -> StatementArguments {
        [e.companyID.rawValue, e.number, e.name, e.kana, e.hireDate.description, e.birthYear,
         e.departmentID?.rawValue, e.position, e.gradeID?.rawValue, e.leaveDate?.description, e.leaveReason]
    }

    /// Department and grade must belong to the employee's own company.
    static func checkReferences(_ db: Database, _ employee: Employee) throws {
        if let department = employee.departmentID,
            try Bool.fetchOne(db, sql: "SELECT 1 FROM department WHERE id = ? AND company_id = ?",
                              arguments: [department.rawValue, employee.companyID.rawValue]) == nil
        {
            throw StoreError.notFound(entity: "department", key: department.description)
        }
        if let grade = employee.gradeID,
            try Bool.fetchOne(db, sql: "SELECT 1 FROM grade WHERE id = ? AND company_id = ?",
                              arguments: [grade.rawValue, employee.companyID.rawValue]) == nil
        {
            throw StoreError.notFound(entity: "grade", key: grade.description)
        }
        if let leave = employee.leaveDate, leave < employee.hireDate {
            throw StoreError.invalid("leave date \(leave) is before hire date \(employee.hireDate)")
        }
    }

    public func updateEmployee(_ employee: Employee, by actor: String) async throws {
        try await pool.write { db in try Self.updateEmployee(db, employee, actor: actor) }
    }

    static func updateEmployee(_ db: Database, _ employee: Employee, actor: String) throws {
        let before = try fetchEmployee(db, id: employee.id, company: employee.companyID)
        try checkReferences(db, employee)
        try translate(entity: "employee", key: employee.number) {
            try db.execute(
                sql: """
                    UPDATE employee SET company_id = ?, number = ?, name = ?, kana = ?, hire_date = ?, birth_year = ?,
                      department_id = ?, position = ?, grade_id = ?, leave_date = ?, leave_reason = ?
                    WHERE id = ? AND company_id = ?
                    """,
                arguments: employeeArguments(employee) + [employee.id.rawValue, employee.companyID.rawValue])
        }
        try Audit.record(db, company: employee.companyID, actor: actor, entity: "employee", id: employee.id.rawValue,
                         action: "update", before: before, after: employee)
    }

    static func fetchEmployee(_ db: Database, id: Employee.ID, company: Company.ID) throws -> Employee {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT \(Employee.columns) FROM employee WHERE id = ? AND company_id = ?",
            arguments: [id.rawValue, company.rawValue])
        else { throw StoreError.notFound(entity: "employee", key: id.description) }
        return Employee(row: row)
    }

    public func employees(company: Company.ID, filter: EmployeeFilter) async throws -> [Employee] {
        try await pool.read { db in try Self.employees(db, company: company, filter: filter) }
    }

    static func employees(_ db: Database, company: Company.ID, filter: EmployeeFilter) throws -> [Employee] {
        var sql = "SELECT \(Employee.columns) FROM employee WHERE company_id = ?"
        var arguments: StatementArguments = [company.rawValue]
        if let department = filter.department {
            sql += " AND department_id = ?"
            arguments += [department.rawValue]
        }
        if let date = filter.activeOn?.description {
            sql += " AND hire_date <= ? AND (leave_date IS NULL OR leave_date > ?)"
            arguments += [date, date]
        }
        sql += " ORDER BY number COLLATE NOCASE, id"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Employee.init(row:))
    }

    public func employee(number: String, company: Company.ID) async throws -> Employee? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Employee.columns) FROM employee WHERE company_id = ? AND number = ?",
                arguments: [company.rawValue, number]
            ).map(Employee.init(row:))
        }
    }

    public func employee(_ id: Employee.ID, company: Company.ID) async throws -> Employee? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Employee.columns) FROM employee WHERE company_id = ? AND id = ?",
                arguments: [company.rawValue, id.rawValue]
            ).map(Employee.init(row:))
        }
    }
}
