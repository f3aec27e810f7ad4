import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: ManualRepository {
    static let manualColumns = """
        id, company_id, clip_id, title, document_number, status, revision, author, approver, approved_at, updated_at
        """

    static func manual(row: Row, steps: [ManualStep]) -> Manual {
        Manual(
            id: .init(row[0]), companyID: .init(row[1]), clipID: (row[2] as Int64?).map(Clip.ID.init), title: row[3],
            documentNumber: row[4], status: ManualStatus(rawValue: row[5]) ?? .draft, revision: row[6], author: row[7],
            approver: row[8], approvedAt: row[9], updatedAt: row[10], steps: steps)
    }

    static func steps(_ db: Database, manual: Int64) throws -> [ManualStep] {
        try Row.fetchAll(
            db, sql: "SELECT main_step, key_point, reason, start_time, end_time FROM manual_step WHERE manual_id = ? ORDER BY position",
            arguments: [manual]
        ).map { ManualStep(mainStep: $0[0], keyPoint: $0[1], reason: $0[2], start: $0[3], end: $0[4]) }
    }

    static func fetchManual(_ db: Database, _ id: Manual.ID, company: Company.ID) throws -> Manual? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT \(manualColumns) FROM manual WHERE id = ? AND company_id = ?",
                arguments: [id.rawValue, company.rawValue])
        else { return nil }
        return manual(row: row, steps: try steps(db, manual: id.rawValue))
    }

    /// Replaces the steps and refreshes the manual's search entry with their text.
    static func writeSteps(_ db: Database, manual: Int64, documentNumber: String, _ steps: [ManualStep]) throws {
        try db.execute(sql: "DELETE FROM manual_step WHERE manual_id = ?", arguments: [manual])
        for (position, step) in steps.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO manual_step (manual_id, position, main_step, key_point, reason, start_time, end_time)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [manual, position, step.mainStep, step.keyPoint, step.reason, step.start, step.end])
        }
        let body = ([documentNumber] + steps.flatMap { [$0.mainStep, $0.keyPoint, $0.reason] }).filter { !$0.isEmpty }
            .joined(separator: " ")
        try db.execute(sql: "UPDATE search_index SET body = ? WHERE kind = 'manual' AND ref_id = ?", arguments: [body, manual])
    }

    static func checkClip(_ db: Database, _ clip: Clip.ID?, company: Company.ID) throws {
        guard let clip else { return }
        guard try Bool.fetchOne(
            db, sql: "SELECT 1 FROM clip WHERE id = ? AND company_id = ?", arguments: [clip.rawValue, company.rawValue]) ?? false
        else { throw StoreError.notFound(entity: "clip", key: clip.description) }
    }

    public func addManual(_ manual: Manual, by actor: String) async throws -> Manual {
        try await pool.write { db in
            try Self.checkClip(db, manual.clipID, company: manual.companyID)
            let id = try Self.translate(entity: "manual", key: manual.title) {
                try db.execute(
                    sql: "INSERT INTO manual (company_id, clip_id, title, document_number, author) VALUES (?, ?, ?, ?, ?)",
                    arguments: [manual.companyID.rawValue, manual.clipID?.rawValue, manual.title, manual.documentNumber, manual.author])
                let id = db.lastInsertedRowID
                try Self.writeSteps(db, manual: id, documentNumber: manual.documentNumber, manual.steps)
                return id
            }
            let saved = try Self.fetchManual(db, .init(id), company: manual.companyID)!
            try Audit.record(db, company: manual.companyID, actor: actor, entity: "manual", id: saved.id.rawValue,
                             action: "create", after: saved)
            return saved
        }
    }

    public func manuals(company: Company.ID, clip: Clip.ID?) async throws -> [Manual] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.manualColumns) FROM manual WHERE company_id = ?1 AND (?2 IS NULL OR clip_id = ?2) ORDER BY id",
                arguments: [company.rawValue, clip?.rawValue]
            ).map { Self.manual(row: $0, steps: try Self.steps(db, manual: $0[0])) }
        }
    }

    public func manual(_ id: Manual.ID, company: Company.ID) async throws -> Manual? {
        try await pool.read { db in try Self.fetchManual(db, id, company: company) }
    }

    public func updateManual(
        _ id: Manual.ID, title: String, documentNumber: String, steps: [ManualStep], company: Company.ID, by actor: String
    ) async throws -> Manual {
        try await pool.write { db in
            guard let before = try Self.fetchManual(db, id, company: company) else {
                throw StoreError.notFound(entity: "manual", key: id.description)
            }
            try Self.translate(entity: "manual", key: title) {
                try db.execute(
                    sql: """
                        UPDATE manual SET title = ?, document_number = ?, status = 'draft', updated_at = \(Migrations.now)
                        WHERE id = ?
                        """, arguments: [title, documentNumber, id.rawValue])
                try Self.writeSteps(db, manual: id.rawValue, documentNumber: documentNumber, steps)
            }
            let after = try Self.fetchManual(db, id, company: company)!
            try Audit.record(db, company: company, actor: actor, entity: "manual", id: id.rawValue, action: "update",
                             before: before, after: after)
            return after
        }
    }

    public func approveManual(_ id: Manual.ID, company: Company.ID, by actor: String) async throws -> Manual {
        try await pool.write { db in
            guard let before = try Self.fetchManual(db, id, company: company) else {
                throw StoreError.notFound(entity: "manual", key: id.description)
            }
            guard before.status == .draft else { throw StoreError.invalid("manual \(id) is already approved") }
            guard !before.steps.isEmpty else { throw StoreError.invalid("manual \(id) has no steps to approve") }
            let revision = before.revision + 1
            try db.execute(
                sql: """
                    UPDATE manual SET status = 'approved', revision = ?, approver = ?, approved_at = \(Migrations.now)
                    WHERE id = ?
                    """, arguments: [revision, actor, id.rawValue])
            try db.execute(
                sql: "INSERT INTO manual_revision (manual_id, revision, title, steps, approver) VALUES (?, ?, ?, ?, ?)",
                arguments: [id.rawValue, revision, before.title, Audit.json(before.steps), actor])
            let after = try Self.fetchManual(db, id, company: company)!
            try Audit.record(db, company: company, actor: actor, entity: "manual", id: id.rawValue, action: "approve",
                             before: before, after: after)
            return after
        }
    }

    public func revisions(of manual: Manual.ID, company: Company.ID) async throws -> [ManualRevision] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.revision, r.approver, r.approved_at, r.title, r.steps FROM manual_revision r
                    JOIN manual ON manual.id = r.manual_id WHERE r.manual_id = ? AND manual.company_id = ? ORDER BY r.revision DESC
                    """, arguments: [manual.rawValue, company.rawValue]
            ).map {
                let steps = try JSONDecoder().decode([ManualStep].self, from: Data(($0[4] as String).utf8))
                return ManualRevision(revision: $0[0], approver: $0[1], approvedAt: $0[2], title: $0[3], steps: steps)
            }
        }
    }
}
