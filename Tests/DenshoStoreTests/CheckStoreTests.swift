import DenshoDomain
import Foundation
import GRDB
import Testing
@testable import DenshoStore

/// Quizzes, sign-offs and check rules on a real database file: a pass records the level with its
/// evidence, the history cannot be rewritten, and rules decide which levels need a check.
@Suite struct CheckStoreTests {
    static func quiz(_ company: Company.ID, _ manual: Manual.ID, attempts: Int? = 2) -> Quiz {
        Quiz(id: .init(0), companyID: company, manualID: manual, questions: [
            QuizQuestion(text: "チャックの清掃はどこまで？", choices: ["爪の表面", "爪の奥まで", "しない"], correct: [1]),
            QuizQuestion(text: "保護具は？（すべて選ぶ）", choices: ["保護めがね", "手袋", "安全靴", "腕時計"], correct: [0, 2]),
            QuizQuestion(text: "材料を掴む前に確認するのは？", choices: ["突き出し量", "天気"], correct: [0]),
        ], passPercent: 100, attemptsAllowed: attempts)
    }

    static func checklist(_ company: Company.ID, skill: Skill.ID, manual: Manual.ID?) -> Checklist {
        Checklist(id: .init(0), companyID: company, title: "NC旋盤 段取り 実技確認", skillID: skill, level: 3, manualID: manual,
                  items: [ChecklistItem(step: "チャックを清掃する", keyPoint: "爪の奥まで"), ChecklistItem(step: "材料を掴む")])
    }

    @Test func quizAttemptsAreScoredPerQuestionLimitedAndKeepTheManualVersion() async throws {
        let db = try TestDatabase()
        let (company, employees, manual, _) = try await TrainingStoreTests.approvedManual(db)
        // Invalid quizzes are refused with words for the person editing.
        var broken = Self.quiz(company.id, manual.id)
        broken.questions[1].correct = []
        await #expect(throws: StoreError.self) { try await db.store.saveQuiz(broken, by: "sup") }
        let quiz = try await db.store.saveQuiz(Self.quiz(company.id, manual.id), by: "sup")
        #expect(try await db.store.quiz(manual: manual.id, company: company.id)?.questions.count == 3)
        let trainee = employees[1].id
        // One of the two correct protective items missing: that question is wrong.
        let (first, result) = try await db.store.attemptQuiz(quiz.id, employee: trainee, answers: [[1], [0], [0]], company: company.id, by: "staff")
        #expect(!first.passed && result.right == 2 && result.marks[1].correct == [0, 2] && !result.marks[1].right)
        #expect(first.manualRevision == 1)
        let (second, _) = try await db.store.attemptQuiz(quiz.id, employee: trainee, answers: [[1], [2, 0], [0]], company: company.id, by: "staff")
        #expect(second.passed && second.right == 3)
        // Passed: no more attempts. Another person with the attempts used up is refused too.
        await #expect(throws: StoreError.self) {
            try await db.store.attemptQuiz(quiz.id, employee: trainee, answers: [[1], [0, 2], [0]], company: company.id, by: "staff")
        }
        let other = employees[0].id
        for _ in 0..<2 { _ = try await db.store.attemptQuiz(quiz.id, employee: other, answers: [[0], [0], [1]], company: company.id, by: "x") }
        await #expect(throws: StoreError.self) {
            try await db.store.attemptQuiz(quiz.id, employee: other, answers: [[1], [0, 2], [0]], company: company.id, by: "x")
        }
        #expect(try await db.store.quizAttempts(company: company.id, quiz: quiz.id, employee: nil).count == 4)
        // Attempts are history.
        #expect(throws: (any Error).self) {
            try db.store.pool.write { try $0.execute(sql: "UPDATE quiz_attempt SET passed = 1 WHERE employee_id = ?", arguments: [other.rawValue]) }
        }
        #expect(throws: (any Error).self) { try db.store.pool.write { try $0.execute(sql: "DELETE FROM quiz_attempt") } }
    }

    @Test func aPassedSignOffRecordsTheLevelWithItsEvidenceAndAFailRecordsNone() async throws {
        let db = try TestDatabase()
        let (company, employees, manual, _) = try await TrainingStoreTests.approvedManual(db)
        let skill = try await db.store.skills(company: company.id, includeRetired: false)[1]
        let checklist = try await db.store.saveChecklist(Self.checklist(company.id, skill: skill.id, manual: manual.id), by: "sup")
        let (supervisor, trainee) = (employees[0], employees[1])
        func record(passed: Bool, marks: [SignOffMark], feedback: String) -> SignOff {
            SignOff(id: .init(0), companyID: company.id, checklistID: checklist.id, traineeID: trainee.id, evaluatorID: supervisor.id,
                    evaluatorName: supervisor.name, skillID: skill.id, level: 0, marks: marks, passed: passed, feedback: feedback,
                    signedOn: .d("2026-04-01"))
        }
        // Incomplete sign-offs are refused and record nothing.
        await #expect(throws: StoreError.self) { try await db.store.signOff(record(passed: true, marks: [.init(ok: true), .init(ok: true)], feedback: " "), by: "sup") }
        await #expect(throws: StoreError.self) { try await db.store.signOff(record(passed: true, marks: [.init(ok: true), .init(ok: false)], feedback: "良い"), by: "sup") }
        await #expect(throws: StoreError.self) { try await db.store.signOff(record(passed: true, marks: [.init(ok: true)], feedback: "良い"), by: "sup") }
        let failed = try await db.store.signOff(record(passed: false, marks: [.init(ok: false, comment: "清掃不足"), .init(ok: true)], feedback: "もう一度"), by: "sup")
        #expect(failed.evaluationID == nil)
        #expect(try await db.store.levels(of: trainee.id, company: company.id)[skill.id] == nil)
        let passed = try await db.store.signOff(
            record(passed: true, marks: [.init(ok: true), .init(ok: false, comment: "掴み代が少し短い")], feedback: "合格。掴み代に注意"), by: "sup")
        #expect(passed.level == 3 && passed.manualRevision == 1 && passed.evaluationID != nil)
        #expect(try await db.store.levels(of: trainee.id, company: company.id)[skill.id] == 3)
        let evaluation = try #require(try await db.store.evaluations(company: company.id, employee: trainee.id, skill: skill.id, state: nil).last)
        #expect(evaluation.method == .signOff && evaluation.evidence == "signoff:\(passed.id.rawValue)")
        #expect(evaluation.manualID == manual.id && evaluation.manualRevision == 1 && evaluation.evaluatorID == supervisor.id)
        // Only the trainee acknowledges, once.
        await #expect(throws: StoreError.self) {
            try await db.store.acknowledgeSignOff(passed.id, employee: supervisor.id, company: company.id, by: "sup")
        }
        let acknowledged = try await db.store.acknowledgeSignOff(passed.id, employee: trainee.id, company: company.id, by: "staff")
        #expect(acknowledged.acknowledgedAt != nil)
        // The ISO record lists it with method and evidence.
        let iso = try await db.store.isoRecord(.employee(trainee.id), company: company.id)
        #expect(iso.count == 1 && iso[0].method == .signOff && iso[0].evidence == "実技確認 #\(passed.id.rawValue) (M-1 第1版)")
        #expect(iso[0].evaluator == supervisor.name)
        // History cannot be rewritten or removed, neither the evaluation nor the sign-off.
        for sql in ["UPDATE evaluation SET level = 1", "UPDATE evaluation SET method = 'supervisor'", "UPDATE evaluation SET evidence = ''",
                    "DELETE FROM evaluation", "UPDATE sign_off SET passed = 0", "UPDATE sign_off SET feedback = 'x'", "DELETE FROM sign_off",
                    "UPDATE sign_off SET acknowledged_at = NULL"] {
            #expect(throws: (any Error).self, "\(sql)") { try db.store.pool.write { try $0.execute(sql: sql) } }
        }
        #expect(try await db.store.levels(of: trainee.id, company: company.id)[skill.id] == 3)
    }

    @Test func rulesKeepCheckedLevelsForSignOffsAndCanRequireAQuiz() async throws {
        let db = try TestDatabase()
        let (company, employees, manual, _) = try await TrainingStoreTests.approvedManual(db)
        let skill = try await db.store.skills(company: company.id, includeRetired: false)[1]
        try await db.store.setCheckRule(SkillCheckRule(skillID: skill.id, signOffFromLevel: 3, quizRequired: true, validityMonths: 24),
                                        company: company.id, by: "sup")
        let trainee = employees[1]
        func evaluation(_ level: Int, method: EvaluationMethod? = nil) -> Evaluation {
            Evaluation(id: .init(0), employeeID: trainee.id, skillID: skill.id, level: level, evaluatorID: employees[0].id,
                       evaluatedOn: .d("2026-03-01"), method: method)
        }
        // A plain supervisor's evaluation may record level 2, not 3; an Excel import brings the existing map as it is.
        _ = try await db.store.addEvaluation(evaluation(2), company: company.id, by: "sup")
        await #expect(throws: StoreError.self) { try await db.store.addEvaluation(evaluation(3), company: company.id, by: "sup") }
        // An import (an edited 力量表 workbook) may not type in level 3 either; level 2 imports.
        func imported(_ level: Int, on day: String) -> ImportBatch {
            .evaluations([EvaluationRecord(source: SourcePosition(file: "力量表.xlsx", line: 5), employeeNumber: trainee.number,
                                           skillCode: skill.code, level: level, evaluatedOn: .d(day))])
        }
        await #expect(throws: ImportError.self) { try await db.store.importRecords(imported(3, on: "2026-03-03"), company: company.id, dryRun: false, by: "sup") }
        #expect(try await db.store.importRecords(imported(2, on: "2026-03-03"), company: company.id, dryRun: false, by: "sup").inserted == 1)
        // A self-assessment of level 3 could never be approved: refused at once. Level 2 may be asked for.
        func claim(_ level: Int) -> Evaluation {
            Evaluation(id: .init(0), employeeID: trainee.id, skillID: skill.id, level: level, evaluatorID: trainee.id,
                       evaluatedOn: .d("2026-03-02"), kind: .self, state: .pending)
        }
        await #expect(throws: StoreError.self) { try await db.store.addEvaluation(claim(3), company: company.id, by: "staff") }
        let pending = try await db.store.addEvaluation(claim(2), company: company.id, by: "staff")
        await #expect(throws: StoreError.self) {
            try await db.store.returnEvaluation(pending.id, reason: "  ", decidedBy: employees[0].id, company: company.id, by: "sup")
        }
        let returned = try await db.store.returnEvaluation(pending.id, reason: "実技確認を受けてください", decidedBy: employees[0].id, company: company.id, by: "sup")
        #expect(returned.state == .rejected && returned.decisionNote == "実技確認を受けてください")
        // The sign-off needs the quiz on the checklist's manual first.
        let checklist = try await db.store.saveChecklist(Self.checklist(company.id, skill: skill.id, manual: manual.id), by: "sup")
        let signOff = SignOff(id: .init(0), companyID: company.id, checklistID: checklist.id, traineeID: trainee.id, evaluatorID: employees[0].id,
                              skillID: skill.id, level: 3, marks: [.init(ok: true), .init(ok: true)], passed: true, feedback: "良い",
                              signedOn: .d("2026-04-01"))
        await #expect(throws: StoreError.self) { try await db.store.signOff(signOff, by: "sup") }
        let quiz = try await db.store.saveQuiz(Self.quiz(company.id, manual.id), by: "sup")
        _ = try await db.store.attemptQuiz(quiz.id, employee: trainee.id, answers: [[1], [0, 2], [0]], company: company.id, by: "staff")
        _ = try await db.store.signOff(signOff, by: "sup")
        #expect(try await db.store.levels(of: trainee.id, company: company.id)[skill.id] == 3)
        // Valid for 24 months: through 2028-03-31, told 60 days before by the daily scan.
        let checked = try await db.store.checkedLevels(company: company.id, employee: trainee.id)
        #expect(checked.map(\.validThrough) == [.d("2028-03-31")] && checked[0].method == .signOff)
        #expect(!checked[0].isExpired(on: .d("2028-03-31")) && checked[0].isExpired(on: .d("2028-04-01")))
        _ = try await db.store.addAccount(NewAccount(login: "trainee", displayName: trainee.name, role: .staff, passwordHash: "x"),
                                          company: company.id, employee: trainee.id, by: "admin")
        #expect(try await db.store.runDailyScan(today: .d("2028-01-30")) == 0)
        let posted = try await db.store.runDailyScan(today: .d("2028-01-31"))
        #expect(posted >= 1)
        #expect(try await db.store.runDailyScan(today: .d("2028-02-01")) == 0, "told once")
    }

    @Test func anotherCompanysRecordsLookMissing() async throws {
        let db = try TestDatabase()
        let (company, employees, manual, _) = try await TrainingStoreTests.approvedManual(db)
        let (other, _, otherSkills) = try await db.smallCompany(code: "other")
        await #expect(throws: StoreError.self) { try await db.store.saveQuiz(Self.quiz(other.id, manual.id), by: "x") }
        await #expect(throws: StoreError.self) {
            try await db.store.saveChecklist(Self.checklist(company.id, skill: otherSkills[0].id, manual: manual.id), by: "x")
        }
        let quiz = try await db.store.saveQuiz(Self.quiz(company.id, manual.id), by: "sup")
        await #expect(throws: StoreError.self) {
            try await db.store.attemptQuiz(quiz.id, employee: employees[0].id, answers: [[1], [0, 2], [0]], company: other.id, by: "x")
        }
    }
}
