import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore {
    public func addEvaluation(_ evaluation: Evaluation, company: Company.ID, by actor: String) async throws -> Evaluation {
        try await pool.write { db in
            let scale = try Self.levelScale(db, company: company)
            let saved = try Self.insertEvaluation(db, evaluation, company: company, scale: scale, actor: actor)
            // Imports record many at once and tell nobody; one self-assessment waits for its approvers.
            if saved.kind == .self, saved.state == .pending { try Notifier.selfAssessmentWaiting(db, saved, company: company) }
            return saved
        }
    }

    static func insertEvaluation(
        _ db: Database, _ evaluation: Evaluation, company: Company.ID, scale: LevelScale, actor: String, audit: Bool = true
    ) throws -> Evaluation {
        guard scale.contains(evaluation.level) else {
            throw StoreError.invalid("level \(evaluation.level) is not on the scale \(scale.range.lowerBound)–\(scale.range.upperBound)")
        }
        try requireInCompany(db, table: "employee", id: evaluation.employeeID.rawValue, company: company)
        try requireInCompany(db, table: "skill", id: evaluation.skillID.rawValue, company: company)
        if let evaluator = evaluation.evaluatorID {
            try requireInCompany(db, table: "employee", id: evaluator.rawValue, company: company)
        }
        // Levels the company keeps for 実技確認 come only from a sign-off: neither a supervisor's
        // evaluation nor a self-assessment (which could never be approved) records them. An import
        // is checked per row that would change the map (`importEvaluations`).
        if ![.signOff, .import].contains(evaluation.method), let rule = try checkRule(db, skill: evaluation.skillID),
            rule.needsSignOff(evaluation.level)
        {
            throw StoreError.invalid(
                "レベル\(evaluation.level)は実技確認で記録します (level \(evaluation.level) of this skill is recorded by a practical sign-off)")
        }
        try db.execute(
            sql: """
                INSERT INTO evaluation (company_id, employee_id, skill_id, level, evaluator_id, evaluated_on, note, kind,
                  state, decided_by, decided_at, method, evidence, manual_id, manual_revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = 'pending' THEN NULL ELSE \(Migrations.now) END, ?, ?, ?, ?)
                """,
            arguments: [company.rawValue, evaluation.employeeID.rawValue, evaluation.skillID.rawValue, evaluation.level,
                        evaluation.evaluatorID?.rawValue, evaluation.evaluatedOn.description, evaluation.note,
                        evaluation.kind.rawValue, evaluation.state.rawValue, evaluation.decidedBy?.rawValue,
                        evaluation.state.rawValue, evaluation.method.rawValue, evaluation.evidence,
                        evaluation.manualID?.rawValue, evaluation.manualRevision])
        var saved = evaluation
        saved.id = Evaluation.ID(db.lastInsertedRowID)
        if audit {
            try Audit.record(db, company: company, actor: actor, entity: "evaluation", id: saved.id.rawValue,
                             action: "create", after: saved)
        }
        return saved
    }

    /// Refuses ids of another company's records, which must look exactly like missing ones.
    static func requireInCompany(_ db: Database, table: String, id: Int64, company: Company.ID) throws {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ? AND company_id = ?",
                             arguments: [id, company.rawValue]) == nil {
            throw StoreError.notFound(entity: table, key: String(id))
        }
    }

    public func decide(
        _ id: Evaluation.ID, approve: Bool, decidedBy: Employee.ID?, company: Company.ID, by actor: String
    ) async throws -> Evaluation {
        try await decide(id, approve: approve, reason: "", decidedBy: decidedBy, company: company, by: actor)
    }

    /// Sends a pending self-assessment back with the reason the person will read (差し戻し).
    public func returnEvaluation(
        _ id: Evaluation.ID, reason: String, decidedBy: Employee.ID?, company: Company.ID, by actor: String
    ) async throws -> Evaluation {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.invalid("差し戻しの理由を入力してください (a return needs a reason)") }
        return try await decide(id, approve: false, reason: reason, decidedBy: decidedBy, company: company, by: actor)
    }

    func decide(
        _ id: Evaluation.ID, approve: Bool, reason: String, decidedBy: Employee.ID?, company: Company.ID, by actor: String
    ) async throws -> Evaluation {
        try await pool.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(Evaluation.columns) FROM evaluation WHERE id = ? AND company_id = ?",
                arguments: [id.rawValue, company.rawValue])
            else { throw StoreError.notFound(entity: "evaluation", key: id.description) }
            let before = Evaluation(row: row)
            guard before.state == .pending else {
                throw StoreError.invalid("evaluation \(id) was already \(before.state.rawValue)")
            }
            var after = before
            after.state = approve ? .approved : .rejected
            after.decidedBy = decidedBy
            after.decisionNote = reason
            if approve, let rule = try Self.checkRule(db, skill: before.skillID), rule.needsSignOff(before.level) {
                throw StoreError.invalid(
                    "レベル\(before.level)は実技確認で記録します (level \(before.level) of this skill is recorded by a practical sign-off)")
            }
            try db.execute(
                sql: "UPDATE evaluation SET state = ?, decided_by = ?, decided_at = \(Migrations.now), decision_note = ? WHERE id = ?",
                arguments: [after.state.rawValue, decidedBy?.rawValue, reason, id.rawValue])
            try Audit.record(db, company: company, actor: actor, entity: "evaluation", id: id.rawValue,
                             action: approve ? "approve" : "reject", before: before, after: after)
            try Notifier.selfAssessmentDecided(db, after, company: company)
            return after
        }
    }

    public func evaluations(
        company: Company.ID, employee: Employee.ID?, skill: Skill.ID?, state: ApprovalState?
    ) async throws -> [Evaluation] {
        try await pool.read { db in
            var sql = "SELECT \(Evaluation.columns) FROM evaluation WHERE company_id = ?"
            var arguments: StatementArguments = [company.rawValue]
            if let employee { sql += " AND employee_id = ?"; arguments += [employee.rawValue] }
            if let skill { sql += " AND skill_id = ?"; arguments += [skill.rawValue] }
            if let state { sql += " AND state = ?"; arguments += [state.rawValue] }
            sql += " ORDER BY evaluated_on, id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Evaluation.init(row:))
        }
    }

    public func evaluation(_ id: Evaluation.ID, company: Company.ID) async throws -> Evaluation? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Evaluation.columns) FROM evaluation WHERE company_id = ? AND id = ?",
                arguments: [company.rawValue, id.rawValue]
            ).map(Evaluation.init(row:))
        }
    }

    public func addTarget(_ target: SkillTarget, company: Company.ID, by actor: String) async throws -> SkillTarget {
        try await pool.write { db in
            try Self.insertTarget(db, target, company: company, actor: actor)
        }
    }

    static func insertTarget(_ db: Database, _ target: SkillTarget, company: Company.ID, actor: String) throws -> SkillTarget {
        let scale = try levelScale(db, company: company)
        guard scale.contains(target.level) else {
            throw StoreError.invalid("level \(target.level) is not on the company's scale")
        }
        try requireInCompany(db, table: "employee", id: target.employeeID.rawValue, company: company)
        try requireInCompany(db, table: "skill", id: target.skillID.rawValue, company: company)
        try db.execute(
            sql: "INSERT INTO skill_target (company_id, employee_id, skill_id, level, due_on, note) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [company.rawValue, target.employeeID.rawValue, target.skillID.rawValue, target.level,
                        target.dueDate.description, target.note])
        var saved = target
        saved.id = SkillTarget.ID(db.lastInsertedRowID)
        try Audit.record(db, company: company, actor: actor, entity: "target", id: saved.id.rawValue,
                         action: "create", after: saved)
        return saved
    }

    public func targets(company: Company.ID, employee: Employee.ID?) async throws -> [SkillTarget] {
        try await pool.read { db in
            var sql = "SELECT \(SkillTarget.columns) FROM skill_target WHERE company_id = ?"
            var arguments: StatementArguments = [company.rawValue]
            if let employee { sql += " AND employee_id = ?"; arguments += [employee.rawValue] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY due_on, id", arguments: arguments).map(SkillTarget.init(row:))
        }
    }
}
