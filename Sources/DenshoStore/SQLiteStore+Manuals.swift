import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: ManualRepository {
    static let manualColumns = """
        id, company_id, clip_id, title, document_number, status, revision, author, approver, approved_at, updated_at,
        review, revision_reason, major_change
        """

    static func manual(row: Row, steps: [ManualStep]) -> Manual {
        Manual(
            id: .init(row[0]), companyID: .init(row[1]), clipID: (row[2] as Int64?).map(Clip.ID.init), title: row[3],
            documentNumber: row[4], status: ManualStatus(rawValue: row[5]) ?? .draft, revision: row[6], author: row[7],
            approver: row[8], approvedAt: row[9], updatedAt: row[10], steps: steps,
            review: ManualReview(rawValue: row[11]) ?? .editing, revisionReason: row[12], majorChange: row[13])
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

    /// Replaces the steps (triggers note the manual for the search index).
    static func writeSteps(_ db: Database, manual: Int64, _ steps: [ManualStep]) throws {
        try db.execute(sql: "DELETE FROM manual_step WHERE manual_id = ?", arguments: [manual])
        for (position, step) in steps.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO manual_step (manual_id, position, main_step, key_point, reason, start_time, end_time)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [manual, position, step.mainStep, step.keyPoint, step.reason, step.start, step.end])
        }
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
                try Self.writeSteps(db, manual: id, manual.steps)
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
        _ id: Manual.ID, title: String, documentNumber: String, steps: [ManualStep], reason: String, majorChange: Bool,
        company: Company.ID, by actor: String
    ) async throws -> Manual {
        try await pool.write { db in
            guard let before = try Self.fetchManual(db, id, company: company) else {
                throw StoreError.notFound(entity: "manual", key: id.description)
            }
            try Self.translate(entity: "manual", key: title) {
                // The live version is the latest manual_revision row: only the working copy changes.
                try db.execute(
                    sql: """
                        UPDATE manual SET title = ?, document_number = ?, status = 'draft', review = 'editing',
                          revision_reason = ?, major_change = ?, updated_at = \(Migrations.now)
                        WHERE id = ?
                        """, arguments: [title, documentNumber, reason, majorChange, id.rawValue])
                try Self.writeSteps(db, manual: id.rawValue, steps)
            }
            let after = try Self.fetchManual(db, id, company: company)!
            try Audit.record(db, company: company, actor: actor, entity: "manual", id: id.rawValue, action: "update",
                             before: before, after: after)
            return after
        }
    }

    /// What a working copy needs before it can be submitted or approved.
    static func checkReady(_ manual: Manual) throws {
        guard !manual.steps.isEmpty else { throw StoreError.invalid("manual \(manual.id) has no steps to approve") }
        guard manual.hasPendingChanges || manual.revision == 0 else {
            throw StoreError.invalid("manual \(manual.id) has no changes since 第\(manual.revision)版")
        }
        if manual.revision > 0, manual.revisionReason.allSatisfy(\.isWhitespace) {
            throw StoreError.invalid("改訂理由を入力してください (a revision needs a reason)")
        }
    }

    static func review(_ db: Database, manual: Manual.ID, action: ManualReviewEntry.Action, actor: String, comment: String = "") throws {
        try db.execute(sql: "INSERT INTO manual_review (manual_id, action, actor, comment) VALUES (?, ?, ?, ?)",
                       arguments: [manual.rawValue, action.rawValue, actor, comment])
    }

    /// The account that last submitted the working copy (who hears of the decision).
    static func submitter(_ db: Database, manual: Manual.ID) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: """
                SELECT account.id FROM account WHERE login = (
                  SELECT actor FROM manual_review WHERE manual_id = ? AND action = 'submit' ORDER BY id DESC LIMIT 1)
                """, arguments: [manual.rawValue])
    }

    public func submitManual(_ id: Manual.ID, company: Company.ID, by actor: String) async throws -> Manual {
        try await pool.write { db in
            guard let before = try Self.fetchManual(db, id, company: company) else {
                throw StoreError.notFound(entity: "manual", key: id.description)
            }
            try Self.checkReady(before)
            guard before.review != .submitted else { throw StoreError.invalid("manual \(id) is already waiting for approval") }
            try db.execute(sql: "UPDATE manual SET review = 'submitted' WHERE id = ?", arguments: [id.rawValue])
            try Self.review(db, manual: id, action: .submit, actor: actor)
            let after = try Self.fetchManual(db, id, company: company)!
            try Audit.record(db, company: company, actor: actor, entity: "manual", id: id.rawValue, action: "submit",
                             before: before, after: after)
            let department = try Int64.fetchOne(
                db, sql: "SELECT employee.department_id FROM account JOIN employee ON employee.id = account.employee_id WHERE account.login = ?",
                arguments: [actor])
            try Notifier.post(db, company: company.rawValue, accounts: try Notifier.approvers(db, department: department, company: company.rawValue),
                              kind: .manualWaiting, params: ["title": after.title, "name": after.author], link: "/manuals/\(id)/draft")
            return after
        }
    }

    public func returnManual(_ id: Manual.ID, comment: String, company: Company.ID, by actor: String) async throws -> Manual {
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty else { throw StoreError.invalid("差し戻しの理由を入力してください (a return needs a comment)") }
        return try await pool.write { db in
            guard let before = try Self.fetchManual(db, id, company: company) else {
                throw StoreError.notFound(entity: "manual", key: id.description)
            }
            guard before.review == .submitted else { throw StoreError.invalid("manual \(id) is not waiting for approval") }
            try db.execute(sql: "UPDATE manual SET review = 'returned' WHERE id = ?", arguments: [id.rawValue])
            try Self.review(db, manual: id, action: .return, actor: actor, comment: comment)
            let after = try Self.fetchManual(db, id, company: company)!
            try Audit.record(db, company: company, actor: actor, entity: "manual", id: id.rawValue, action: "return",
                             before: before, after: after)
            try Notifier.post(db, company: company.rawValue, accounts: try Self.submitter(db, manual: id), kind: .manualDecided,
                              params: ["title": after.title, "result": "returned", "comment": comment], link: "/manuals/\(id)/draft")
            return after
        }
    }

    public func approveManual(_ id: Manual.ID, company: Company.ID, by actor: String, approverName: String, seen: String?) async throws
        -> Manual
    {
        try await pool.write { db in
            guard let before = try Self.fetchManual(db, id, company: company) else {
                throw StoreError.notFound(entity: "manual", key: id.description)
            }
            if let seen, seen != before.updatedAt {
                throw StoreError.invalid("下書きが変更されました。もう一度内容を確かめてから承認してください (the draft changed after you opened it: check it again, then approve)")
            }
            try Self.checkReady(before)
            let revision = before.revision + 1
            let major = revision > 1 && before.majorChange
            try db.execute(
                sql: """
                    UPDATE manual SET status = 'approved', review = 'editing', revision = ?, approver = ?, approved_at = \(Migrations.now),
                      revision_reason = '', major_change = 0
                    WHERE id = ?
                    """, arguments: [revision, approverName, id.rawValue])
            try db.execute(
                sql: """
                    INSERT INTO manual_revision (manual_id, revision, title, steps, approver, reason, major_change, document_number)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id.rawValue, revision, before.title, Audit.json(before.steps), approverName,
                            revision > 1 ? before.revisionReason : "", major, before.documentNumber])
            try Self.review(db, manual: id, action: .approve, actor: actor)
            let after = try Self.fetchManual(db, id, company: company)!
            try Audit.record(db, company: company, actor: actor, entity: "manual", id: id.rawValue, action: "approve",
                             before: before, after: after)
            try Self.assignmentsFollowRevision(db, manual: after, major: major, company: company)
            if before.review == .submitted {
                try Notifier.post(db, company: company.rawValue, accounts: try Self.submitter(db, manual: id), kind: .manualDecided,
                                  params: ["title": after.title, "result": "approved", "comment": ""], link: "/manuals/\(id)")
            }
            return after
        }
    }

    public func revisions(of manual: Manual.ID, company: Company.ID) async throws -> [ManualRevision] {
        try await pool.read { db in try Self.revisions(db, manual: manual, company: company) }
    }

    static func revisions(_ db: Database, manual: Manual.ID, company: Company.ID) throws -> [ManualRevision] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.revision, r.approver, r.approved_at, r.title, r.steps, r.reason, r.major_change, r.document_number
                FROM manual_revision r JOIN manual ON manual.id = r.manual_id
                WHERE r.manual_id = ? AND manual.company_id = ? ORDER BY r.revision DESC
                """, arguments: [manual.rawValue, company.rawValue])
        var newer: String?
        return try rows.map { row in
            let steps = try JSONDecoder().decode([ManualStep].self, from: Data((row[4] as String).utf8))
            defer { newer = row[2] }
            return ManualRevision(revision: row[0], approver: row[1], approvedAt: row[2], title: row[3], steps: steps, reason: row[5],
                                  majorChange: row[6], documentNumber: row[7], supersededAt: newer)
        }
    }

    public func reviews(of manual: Manual.ID, company: Company.ID) async throws -> [ManualReviewEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.action, r.actor, r.comment, r.at FROM manual_review r JOIN manual ON manual.id = r.manual_id
                    WHERE r.manual_id = ? AND manual.company_id = ? ORDER BY r.id DESC
                    """, arguments: [manual.rawValue, company.rawValue]
            ).map { ManualReviewEntry(action: .init(rawValue: $0[0]) ?? .submit, actor: $0[1], comment: $0[2], at: $0[3]) }
        }
    }
}
