import DenshoDomain
import Foundation
import GRDB

/// Quizzes and their attempts, checklists, practical sign-offs (a pass records the level), and
/// the per-skill check rules.
extension SQLiteStore: CheckRepository {
    /// A column's JSON, written as the audit log writes it (sorted keys), but failing loudly.
    static func json(_ value: some Encodable) throws -> String { String(decoding: try Audit.encoder.encode(value), as: UTF8.self) }
    static func decoded<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try JSONDecoder().decode(type, from: Data(text.utf8)) }

    /// A check error as a store refusal ("日本語 (English)").
    static func checked<T>(_ body: () throws(CheckError) -> T) throws -> T {
        do { return try body() } catch let error { throw StoreError.invalid(error.description) }
    }

    /// The live 版 of a manual (0 when never approved).
    static func liveRevision(_ db: Database, manual: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(revision), 0) FROM manual_revision WHERE manual_id = ?", arguments: [manual]) ?? 0
    }

    // MARK: Quizzes

    public func saveQuiz(_ quiz: Quiz, by actor: String) async throws -> Quiz {
        let quiz = try Self.checked { () throws(CheckError) in try quiz.validated() }
        return try await pool.write { db in
            try Self.requireInCompany(db, table: "manual", id: quiz.manualID.rawValue, company: quiz.companyID)
            try db.execute(
                sql: """
                    INSERT INTO quiz (company_id, manual_id, questions, pass_percent, attempts_allowed, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (manual_id) DO UPDATE SET questions = excluded.questions, pass_percent = excluded.pass_percent,
                      attempts_allowed = excluded.attempts_allowed, updated_by = excluded.updated_by, updated_at = \(Migrations.now)
                    """,
                arguments: [quiz.companyID.rawValue, quiz.manualID.rawValue, try Self.json(quiz.questions), quiz.passPercent,
                            quiz.attemptsAllowed, actor])
            let saved = try Self.quiz(db, manual: quiz.manualID.rawValue, company: quiz.companyID.rawValue)!
            try Audit.record(db, company: quiz.companyID, actor: actor, entity: "quiz", id: saved.id.rawValue, action: "save", after: saved)
            return saved
        }
    }

    static let quizColumns = "id, company_id, manual_id, questions, pass_percent, attempts_allowed, updated_by"

    static func quiz(row: Row) throws -> Quiz {
        Quiz(id: .init(row[0]), companyID: .init(row[1]), manualID: .init(row[2]), questions: try decoded([QuizQuestion].self, row[3]),
             passPercent: row[4], attemptsAllowed: row[5], updatedBy: row[6])
    }

    static func quiz(_ db: Database, manual: Int64, company: Int64) throws -> Quiz? {
        try Row.fetchOne(db, sql: "SELECT \(quizColumns) FROM quiz WHERE manual_id = ? AND company_id = ?", arguments: [manual, company])
            .map(quiz(row:))
    }

    public func quiz(manual: Manual.ID, company: Company.ID) async throws -> Quiz? {
        try await pool.read { db in try Self.quiz(db, manual: manual.rawValue, company: company.rawValue) }
    }

    public func quizzes(company: Company.ID) async throws -> [Quiz] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.quizColumns) FROM quiz WHERE company_id = ? ORDER BY manual_id",
                             arguments: [company.rawValue]).map(Self.quiz(row:))
        }
    }

    public func attemptQuiz(
        _ id: Quiz.ID, employee: Employee.ID, answers: [Set<Int>], company: Company.ID, by actor: String
    ) async throws -> (attempt: QuizAttempt, result: QuizResult) {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.quizColumns) FROM quiz WHERE id = ? AND company_id = ?",
                                             arguments: [id.rawValue, company.rawValue])
            else { throw StoreError.notFound(entity: "quiz", key: id.description) }
            let quiz = try Self.quiz(row: row)
            try Self.requireInCompany(db, table: "employee", id: employee.rawValue, company: company)
            let earlier = try Self.attempts(db, company: company.rawValue, quiz: id.rawValue, employee: employee.rawValue)
            guard QuizScoring.mayAttempt(quiz, attempts: earlier) else {
                throw StoreError.invalid(earlier.contains(where: \.passed)
                    ? "このテストは合格済みです (already passed)" : "受験できる回数を使い切りました (no attempts left)")
            }
            guard answers.count == quiz.questions.count,
                zip(answers, quiz.questions).allSatisfy({ answer, question in answer.allSatisfy(question.choices.indices.contains) })
            else { throw StoreError.invalid("すべての問題に答えてください (answer every question)") }
            let result = QuizScoring.score(quiz, answers: answers)
            let revision = try Self.liveRevision(db, manual: quiz.manualID.rawValue)
            try db.execute(
                sql: """
                    INSERT INTO quiz_attempt (company_id, quiz_id, employee_id, manual_revision, questions, answers, right_count, total, passed)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [company.rawValue, id.rawValue, employee.rawValue, revision, try Self.json(quiz.questions),
                            try Self.json(answers.map { $0.sorted() }), result.right, result.total, result.passed])
            let attempt = try Self.attempts(db, company: company.rawValue, quiz: nil, employee: nil, id: db.lastInsertedRowID)[0]
            try Audit.record(db, company: company, actor: actor, entity: "quiz_attempt", id: attempt.id.rawValue, action: "create",
                             after: attempt)
            return (attempt, result)
        }
    }

    static func attempts(_ db: Database, company: Int64, quiz: Int64?, employee: Int64?, id: Int64? = nil) throws -> [QuizAttempt] {
        try Row.fetchAll(
            db, sql: """
                SELECT id, quiz_id, employee_id, manual_revision, answers, right_count, total, passed, taken_at FROM quiz_attempt
                WHERE company_id = ?1 AND (?2 IS NULL OR quiz_id = ?2) AND (?3 IS NULL OR employee_id = ?3) AND (?4 IS NULL OR id = ?4)
                ORDER BY id
                """, arguments: [company, quiz, employee, id]
        ).map { row in
            QuizAttempt(id: .init(row[0]), quizID: .init(row[1]), employeeID: .init(row[2]), manualRevision: row[3],
                        answers: try decoded([[Int]].self, row[4]).map(Set.init), right: row[5], total: row[6], passed: row[7],
                        takenAt: row[8])
        }
    }

    public func quizAttempts(company: Company.ID, quiz: Quiz.ID?, employee: Employee.ID?) async throws -> [QuizAttempt] {
        try await pool.read { db in try Self.attempts(db, company: company.rawValue, quiz: quiz?.rawValue, employee: employee?.rawValue) }
    }

    // MARK: Checklists

    public func saveChecklist(_ checklist: Checklist, by actor: String) async throws -> Checklist {
        let checklist = try Self.checked { () throws(CheckError) in try checklist.validated() }
        return try await pool.write { db in
            let company = checklist.companyID
            try Self.requireInCompany(db, table: "skill", id: checklist.skillID.rawValue, company: company)
            if let manual = checklist.manualID { try Self.requireInCompany(db, table: "manual", id: manual.rawValue, company: company) }
            guard try Self.levelScale(db, company: company).contains(checklist.level) else {
                throw StoreError.invalid("レベル\(checklist.level)は段階にありません (level \(checklist.level) is not on the scale)")
            }
            var saved = checklist
            if checklist.id.rawValue == 0 {
                try db.execute(
                    sql: "INSERT INTO checklist (company_id, title, skill_id, level, manual_id, items, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [company.rawValue, checklist.title, checklist.skillID.rawValue, checklist.level, checklist.manualID?.rawValue,
                                try Self.json(checklist.items), actor])
                saved.id = .init(db.lastInsertedRowID)
            } else {
                try db.execute(
                    sql: """
                        UPDATE checklist SET title = ?, skill_id = ?, level = ?, manual_id = ?, items = ?, updated_by = ?,
                          updated_at = \(Migrations.now) WHERE id = ? AND company_id = ?
                        """,
                    arguments: [checklist.title, checklist.skillID.rawValue, checklist.level, checklist.manualID?.rawValue,
                                try Self.json(checklist.items), actor, checklist.id.rawValue, company.rawValue])
                guard db.changesCount == 1 else { throw StoreError.notFound(entity: "checklist", key: checklist.id.description) }
            }
            try Audit.record(db, company: company, actor: actor, entity: "checklist", id: saved.id.rawValue, action: "save", after: saved)
            return saved
        }
    }

    static func checklists(_ db: Database, company: Int64, id: Int64?) throws -> [Checklist] {
        try Row.fetchAll(
            db, sql: """
                SELECT id, company_id, title, skill_id, level, manual_id, items FROM checklist
                WHERE company_id = ?1 AND (?2 IS NULL OR id = ?2) ORDER BY title, id
                """, arguments: [company, id]
        ).map { row in
            Checklist(id: .init(row[0]), companyID: .init(row[1]), title: row[2], skillID: .init(row[3]), level: row[4],
                      manualID: (row[5] as Int64?).map(Manual.ID.init), items: try decoded([ChecklistItem].self, row[6]))
        }
    }

    public func checklist(_ id: Checklist.ID, company: Company.ID) async throws -> Checklist? {
        try await pool.read { db in try Self.checklists(db, company: company.rawValue, id: id.rawValue).first }
    }

    public func checklists(company: Company.ID) async throws -> [Checklist] {
        try await pool.read { db in try Self.checklists(db, company: company.rawValue, id: nil) }
    }

    // MARK: Sign-offs

    public func signOff(_ signOff: SignOff, by actor: String) async throws -> SignOff {
        try await pool.write { db in
            let company = signOff.companyID
            guard let checklist = try Self.checklists(db, company: company.rawValue, id: signOff.checklistID.rawValue).first else {
                throw StoreError.notFound(entity: "checklist", key: signOff.checklistID.description)
            }
            var record = try Self.checked { () throws(CheckError) in try signOff.validated(against: checklist) }
            try Self.requireInCompany(db, table: "employee", id: record.traineeID.rawValue, company: company)
            if let evaluator = record.evaluatorID { try Self.requireInCompany(db, table: "employee", id: evaluator.rawValue, company: company) }
            if let clip = record.evidenceClipID { try Self.requireInCompany(db, table: "clip", id: clip.rawValue, company: company) }
            record.skillID = checklist.skillID
            record.level = checklist.level
            record.items = checklist.items
            record.manualID = checklist.manualID
            record.manualRevision = try checklist.manualID.map { try Self.liveRevision(db, manual: $0.rawValue) }
            if record.passed, let rule = try Self.checkRule(db, skill: checklist.skillID), rule.quizRequired {
                // The company wants the written test passed first (on the checklist's manual).
                let passedQuiz = try Bool.fetchOne(
                    db, sql: """
                        SELECT 1 FROM quiz_attempt qa JOIN quiz ON quiz.id = qa.quiz_id
                        WHERE qa.employee_id = ? AND qa.passed = 1 AND quiz.manual_id = ?
                        """, arguments: [record.traineeID.rawValue, checklist.manualID?.rawValue]) ?? false
                guard passedQuiz else {
                    throw StoreError.invalid("この技能は理解度テストの合格が先に必要です (this skill needs a passed quiz first)")
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO sign_off (company_id, checklist_id, trainee_id, evaluator_id, evaluator_name, skill_id, level, manual_id,
                      manual_revision, items, marks, passed, feedback, evidence_clip_id, signed_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [company.rawValue, checklist.id.rawValue, record.traineeID.rawValue, record.evaluatorID?.rawValue,
                            record.evaluatorName, record.skillID.rawValue, record.level, record.manualID?.rawValue, record.manualRevision,
                            try Self.json(checklist.items), try Self.json(record.marks), record.passed,
                            record.feedback.trimmingCharacters(in: .whitespacesAndNewlines), record.evidenceClipID?.rawValue,
                            record.signedOn.description])
            record.id = .init(db.lastInsertedRowID)
            if record.passed {
                let evaluation = try Self.insertEvaluation(
                    db, Evaluation(id: .init(0), employeeID: record.traineeID, skillID: record.skillID, level: record.level,
                                   evaluatorID: record.evaluatorID, evaluatedOn: record.signedOn, note: checklist.title, kind: .supervisor,
                                   state: .approved, method: .signOff, evidence: EvaluationEvidence.signOff(record.id).text,
                                   manualID: record.manualID, manualRevision: record.manualRevision),
                    company: company, scale: try Self.levelScale(db, company: company), actor: actor)
                record.evaluationID = evaluation.id
                // The sign-off names its evaluation; the trigger allows this one write before 確認.
                try db.execute(sql: "UPDATE sign_off SET evaluation_id = ? WHERE id = ? AND evaluation_id IS NULL",
                               arguments: [evaluation.id.rawValue, record.id.rawValue])
            }
            try Audit.record(db, company: company, actor: actor, entity: "sign_off", id: record.id.rawValue, action: "create", after: record)
            try Notifier.signOffRecorded(db, record, skill: checklist.skillID, company: company)
            return record
        }
    }

    static let signOffColumns = """
        id, company_id, checklist_id, trainee_id, evaluator_id, evaluator_name, skill_id, level, manual_id, manual_revision, marks, passed, \
        feedback, evidence_clip_id, signed_on, evaluation_id, acknowledged_at, items
        """

    static func signOffs(_ db: Database, company: Int64, employee: Int64?, id: Int64?) throws -> [SignOff] {
        try Row.fetchAll(
            db, sql: """
                SELECT \(signOffColumns) FROM sign_off
                WHERE company_id = ?1 AND (?2 IS NULL OR trainee_id = ?2) AND (?3 IS NULL OR id = ?3) ORDER BY signed_on DESC, id DESC
                """, arguments: [company, employee, id]
        ).map { row in
            var record = SignOff(id: .init(row[0]), companyID: .init(row[1]), checklistID: .init(row[2]), traineeID: .init(row[3]),
                    evaluatorID: (row[4] as Int64?).map(Employee.ID.init), evaluatorName: row[5], skillID: .init(row[6]), level: row[7],
                    manualID: (row[8] as Int64?).map(Manual.ID.init), manualRevision: row[9],
                    marks: try decoded([SignOffMark].self, row[10]), passed: row[11], feedback: row[12],
                    evidenceClipID: (row[13] as Int64?).map(Clip.ID.init), signedOn: LocalDate(parsing: row[14])!,
                    evaluationID: (row[15] as Int64?).map(Evaluation.ID.init), acknowledgedAt: row[16])
            record.items = try decoded([ChecklistItem].self, row[17])
            return record
        }
    }

    public func signOffs(company: Company.ID, employee: Employee.ID?) async throws -> [SignOff] {
        try await pool.read { db in try Self.signOffs(db, company: company.rawValue, employee: employee?.rawValue, id: nil) }
    }

    public func signOffRecord(_ id: SignOff.ID, company: Company.ID) async throws -> SignOff? {
        try await pool.read { db in try Self.signOffs(db, company: company.rawValue, employee: nil, id: id.rawValue).first }
    }

    public func acknowledgeSignOff(_ id: SignOff.ID, employee: Employee.ID, company: Company.ID, by actor: String) async throws -> SignOff {
        try await pool.write { db in
            guard var record = try Self.signOffs(db, company: company.rawValue, employee: nil, id: id.rawValue).first,
                record.traineeID == employee
            else { throw StoreError.notFound(entity: "sign_off", key: id.description) }
            guard record.acknowledgedAt == nil else { return record }
            try db.execute(sql: "UPDATE sign_off SET acknowledged_at = \(Migrations.now) WHERE id = ?", arguments: [id.rawValue])
            record.acknowledgedAt = try String.fetchOne(db, sql: "SELECT acknowledged_at FROM sign_off WHERE id = ?", arguments: [id.rawValue])
            try Audit.record(db, company: company, actor: actor, entity: "sign_off", id: id.rawValue, action: "acknowledge", after: record)
            return record
        }
    }

    // MARK: Rules

    static let checkRuleColumns = "skill_id, sign_off_from_level, quiz_required, validity_months"

    static func checkRule(row: Row) -> SkillCheckRule {
        SkillCheckRule(skillID: .init(row[0]), signOffFromLevel: row[1], quizRequired: row[2], validityMonths: row[3])
    }

    static func checkRule(_ db: Database, skill: Skill.ID) throws -> SkillCheckRule? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(checkRuleColumns) FROM skill_check_rule WHERE skill_id = ?"), arguments: [skill.rawValue]
        ).map(checkRule(row:))
    }

    public func setCheckRule(_ rule: SkillCheckRule, company: Company.ID, by actor: String) async throws {
        let rule = try Self.checked { () throws(CheckError) in try rule.validated() }
        try await pool.write { db in
            try Self.requireInCompany(db, table: "skill", id: rule.skillID.rawValue, company: company)
            if rule.signOffFromLevel == nil, !rule.quizRequired, rule.validityMonths == nil {
                try db.execute(sql: "DELETE FROM skill_check_rule WHERE skill_id = ?", arguments: [rule.skillID.rawValue])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO skill_check_rule (skill_id, company_id, sign_off_from_level, quiz_required, validity_months)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (skill_id) DO UPDATE SET sign_off_from_level = excluded.sign_off_from_level,
                          quiz_required = excluded.quiz_required, validity_months = excluded.validity_months
                        """,
                    arguments: [rule.skillID.rawValue, company.rawValue, rule.signOffFromLevel, rule.quizRequired, rule.validityMonths])
            }
            try Audit.record(db, company: company, actor: actor, entity: "skill_check_rule", id: rule.skillID.rawValue, action: "save",
                             after: rule)
        }
    }

    public func checkRules(company: Company.ID) async throws -> [Skill.ID: SkillCheckRule] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(Self.checkRuleColumns) FROM skill_check_rule WHERE company_id = ?", arguments: [company.rawValue])
            return Dictionary(uniqueKeysWithValues: rows.map(Self.checkRule(row:)).map { ($0.skillID, $0) })
        }
    }

    public func checkedLevels(company: Company.ID, employee: Employee.ID?) async throws -> [CheckedLevel] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT cl.employee_id, cl.skill_id, cl.level, e.method, cl.evaluated_on, r.validity_months
                    FROM current_level cl JOIN skill_check_rule r ON r.skill_id = cl.skill_id
                    JOIN evaluation e ON e.id = cl.evaluation_id JOIN employee p ON p.id = cl.employee_id
                    WHERE r.company_id = ?1 AND r.validity_months IS NOT NULL AND p.leave_date IS NULL AND (?2 IS NULL OR cl.employee_id = ?2)
                    """, arguments: [company.rawValue, employee?.rawValue])
            return rows.map { row in
                let on = LocalDate(parsing: row[4])!
                return CheckedLevel(employeeID: .init(row[0]), skillID: .init(row[1]), level: row[2],
                                    method: EvaluationMethod(rawValue: row[3]) ?? .supervisor, checkedOn: on,
                                    validThrough: SkillCheckRule.validThrough(checkedOn: on, months: row[5])!)
            }
        }
    }
}
