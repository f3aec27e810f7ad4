import DenshoDomain
import Foundation
import Testing
@testable import DenshoStore

@Suite("All-or-nothing import")
struct ImportTests {
    static func row(_ line: Int, _ number: String, _ skill: String, _ level: Int, _ date: String = "2025-04-01") -> EvaluationRecord {
        EvaluationRecord(source: SourcePosition(file: "v.csv", line: line), employeeNumber: number, skillCode: skill, level: level,
                         evaluatedOn: .d(date))
    }

    @Test func oneBadRowRejectsTheWholeFile() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let rows = [Self.row(2, "1001", "L-01", 3), Self.row(3, "1003", "l-01", 2), Self.row(4, "1002", "L-09", 2),
                    Self.row(5, "1002", "L-02", 6), Self.row(6, "1002", "L-02", 1, "2019-01-01")]
        let error = await #expect(throws: ImportError.self) {
            try await db.store.importRecords(.evaluations(rows), company: company.id, dryRun: false, by: "test")
        }
        let issues = error?.issues.map { "\($0.line) \($0.column ?? "")" }
        #expect(issues == ["3 社員番号", "4 スキルコード", "5 レベル", "6 評価日"])
        #expect(error?.issues[0].message == "unknown employee number '1003'; did you mean '1001', '1002'?")
        #expect(error?.issues[1].message.contains("L-01") == true)
        #expect(try await db.store.evaluations(company: company.id, employee: nil, skill: nil, state: nil).isEmpty)
        #expect(try await db.store.auditLog(company: company.id, limit: 100).allSatisfy { $0.entity != "import" })
    }

    @Test func dryRunChecksButWritesNothing() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let rows = [Self.row(2, "1001", "L-01", 3), Self.row(3, "1002", "l-02", 1)]
        let summary = try await db.store.importRecords(.evaluations(rows), company: company.id, dryRun: true, by: "test")
        #expect(summary == ImportSummary(inserted: 2, updated: 0, dryRun: true))
        #expect(try await db.store.evaluations(company: company.id, employee: nil, skill: nil, state: nil).isEmpty)
        _ = try await db.store.importRecords(.evaluations(rows), company: company.id, dryRun: false, by: "test")
        #expect(try await db.store.evaluations(company: company.id, employee: nil, skill: nil, state: nil).count == 2)
    }

    @Test func employeesAreInsertedOrUpdatedByNumber() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        func record(_ line: Int, _ number: String, _ name: String, dept: String? = "機械加工") -> EmployeeRecord {
            EmployeeRecord(source: SourcePosition(file: "e.csv", line: line), number: number, name: name, kana: "",
                           hireDate: .d("2024-04-01"), department: dept)
        }
        let summary = try await db.store.importRecords(
            .employees([record(2, "1002", "佐藤 翔太（改姓）"), record(3, "1003", "工藤 葵")]), company: company.id, dryRun: false, by: "t")
        #expect(summary == ImportSummary(inserted: 1, updated: 1, dryRun: false))
        #expect(try await db.store.employee(number: "1002", company: company.id)?.name == "佐藤 翔太（改姓）")
        let error = await #expect(throws: ImportError.self) {
            try await db.store.importRecords(
                .employees([record(2, "1004", "A", dept: "機械加功"), record(3, "1004", "B")]), company: company.id, dryRun: false, by: "t")
        }
        #expect(error?.issues.map(\.column) == ["部署", "社員番号"])
        #expect(error?.issues.first?.message.contains("did you mean '機械加工'") == true)
        #expect(try await db.store.employee(number: "1004", company: company.id) == nil)
    }

    static func entry(
        _ line: Int, _ number: String, _ skill: String, _ level: Int, _ date: String = "2025-04-01", by evaluator: String? = nil,
        kind: EvaluationKind = .supervisor, note: String = ""
    ) -> EvaluationRecord {
        EvaluationRecord(source: SourcePosition(file: "v.csv", line: line), employeeNumber: number, skillCode: skill, level: level,
                         evaluatedOn: .d(date), evaluatorNumber: evaluator, kind: kind, note: note)
    }

    @Test func reimportingTheSameEvaluationsChangesNothing() async throws {
        let db = try TestDatabase()
        let (company, employees, skills) = try await db.smallCompany()
        func history() async throws -> [Evaluation] {
            try await db.store.evaluations(company: company.id, employee: nil, skill: nil, state: nil)
        }
        func run(_ rows: [EvaluationRecord], dryRun: Bool = false) async throws -> ImportSummary {
            try await db.store.importRecords(.evaluations(rows), company: company.id, dryRun: dryRun, by: "test")
        }
        let rows = [
            Self.entry(2, "1002", "L-01", 2, by: "1001", note: "段取りまで一人で, 確認済み\n次は量産"),
            Self.entry(3, "1002", "L-02", 1, "2025-10-01", by: "1001"),
            Self.entry(4, "1002", "L-01", 2, "2025-10-01", by: "1002", kind: .self),
            Self.entry(5, "1001", "L-01", 3),
        ]
        #expect(try await run(rows) == ImportSummary(inserted: 4, updated: 0, unchanged: 0, dryRun: false))
        #expect(try await history().count == 4)

        // The same file again: every row is unchanged, nothing is written. The self-assessment was
        // approved meanwhile (the file still says 承認待ち): still the same entry.
        let pending = try #require(try await history().first { $0.state == .pending })
        _ = try await db.store.decide(pending.id, approve: true, decidedBy: employees[0].id, company: company.id, by: "test")
        #expect(try await run(rows) == ImportSummary(inserted: 0, updated: 0, unchanged: 4, dryRun: false))
        #expect(try await history().count == 4)

        // Excel's re-save: CRLF inside the note and a blank after it; the code typed in lower case.
        var resaved = rows
        resaved[0].note = "段取りまで一人で, 確認済み\r\n次は量産 "
        resaved[3].skillCode = "l-01"
        #expect(try await run(resaved) == ImportSummary(inserted: 0, updated: 0, unchanged: 4, dryRun: false))
        #expect(try await history().count == 4)

        // One level edited: a new entry of that occasion (history is never rewritten), counted as
        // changed; the same row twice in the file counts once. A dry run counts the same.
        var edited = rows
        edited[1].level = 2
        edited.append(edited[1])
        #expect(try await run(edited, dryRun: true) == ImportSummary(inserted: 0, updated: 1, unchanged: 4, dryRun: true))
        #expect(try await history().count == 4)
        #expect(try await run(edited) == ImportSummary(inserted: 0, updated: 1, unchanged: 4, dryRun: false))
        let after = try await history()
        #expect(after.count == 5)
        #expect(after.filter { $0.employeeID == employees[1].id && $0.skillID == skills[1].id }.currentLevel() == 2)
        #expect(try await run(edited) == ImportSummary(inserted: 0, updated: 0, unchanged: 5, dryRun: false))

        // Another date, or another evaluator, is a new entry.
        let later = [Self.entry(2, "1002", "L-02", 3, "2026-04-01", by: "1001"), Self.entry(3, "1002", "L-02", 1, "2025-10-01")]
        #expect(try await run(later) == ImportSummary(inserted: 2, updated: 0, unchanged: 0, dryRun: false))
        #expect(try await history().count == 7)
        let audit = try await db.store.auditLog(company: company.id, limit: 100).filter { $0.entity == "import" }
        #expect(audit.contains { $0.after?.contains("\"unchanged\":5") == true })
    }

    @Test func reimportingTheSameEmployeesAndSkillsChangesNothing() async throws {
        let db = try TestDatabase()
        let (company, employees, skills) = try await db.smallCompany()
        func run(_ batch: ImportBatch) async throws -> ImportSummary {
            try await db.store.importRecords(batch, company: company.id, dryRun: false, by: "test")
        }
        func person(_ e: Employee) -> EmployeeRecord {
            EmployeeRecord(source: SourcePosition(file: "e.csv", line: 2), number: e.number, name: e.name, kana: e.kana,
                           hireDate: e.hireDate, birthYear: e.birthYear, department: "機械加工", position: e.position)
        }
        let people = employees.map(person)
        #expect(try await run(.employees(people)) == ImportSummary(inserted: 0, updated: 0, unchanged: 2, dryRun: false))
        var renamed = people
        renamed[1].name = "佐藤 翔太（改姓）"
        renamed.append(EmployeeRecord(source: SourcePosition(file: "e.csv", line: 4), number: "1003", name: "工藤 葵", kana: "",
                                      hireDate: .d("2024-04-01"), department: "機械加工"))
        #expect(try await run(.employees(renamed)) == ImportSummary(inserted: 1, updated: 1, unchanged: 1, dryRun: false))
        #expect(try await db.store.employee(number: "1002", company: company.id)?.name == "佐藤 翔太（改姓）")
        #expect(try await run(.employees(renamed)) == ImportSummary(inserted: 0, updated: 0, unchanged: 3, dryRun: false))
        // An empty 退職理由 is the same as none.
        renamed[2].leaveReason = ""
        #expect(try await run(.employees(renamed)) == ImportSummary(inserted: 0, updated: 0, unchanged: 3, dryRun: false))
        let updates = try await db.store.auditLog(company: company.id, limit: 100).filter { $0.entity == "employee" && $0.action == "update" }
        #expect(updates.count == 1)

        func skill(_ s: Skill, wording: [Int: String]) -> SkillRecord {
            SkillRecord(source: SourcePosition(file: "s.csv", line: 2), category: "旋盤加工", code: s.code, name: s.name,
                        description: s.description, levelDescriptions: wording)
        }
        let catalogue = skills.map { skill($0, wording: [1: "補助があればできる", 2: "一人でできる"]) }
        #expect(try await run(.skills(catalogue)) == ImportSummary(inserted: 0, updated: 2, unchanged: 0, dryRun: false))
        #expect(try await run(.skills(catalogue)) == ImportSummary(inserted: 0, updated: 0, unchanged: 2, dryRun: false))
        var edited = catalogue
        edited[0].code = "l-01"
        edited[1].name = "NC旋盤 段取り・芯出し"
        edited.append(SkillRecord(source: SourcePosition(file: "s.csv", line: 4), category: "旋盤加工", code: "L-03", name: "ねじ切り"))
        #expect(try await run(.skills(edited)) == ImportSummary(inserted: 1, updated: 1, unchanged: 1, dryRun: false))
        #expect(try await run(.skills(edited)) == ImportSummary(inserted: 0, updated: 0, unchanged: 3, dryRun: false))
        let stored = try await db.store.skills(company: company.id, includeRetired: false)
        #expect(stored.map(\.name) == ["汎用旋盤 外径加工", "NC旋盤 段取り・芯出し", "ねじ切り"])
        #expect(stored[0].code == "L-01" && stored[0].levelDescriptions == [1: "補助があればできる", 2: "一人でできる"])
        // Wording moved to another level is a change.
        edited[0].levelDescriptions = [1: "補助があればできる", 3: "一人でできる"]
        #expect(try await run(.skills(edited)) == ImportSummary(inserted: 0, updated: 1, unchanged: 2, dryRun: false))
    }

    @Test func aRowTheDatabaseRefusesRollsBackTheWholeFile() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        // 生年 is checked by the CSV reader, not by the import: the table's CHECK refuses the second
        // row after the first was written, and the transaction takes the first back too.
        let rows = [
            EmployeeRecord(source: SourcePosition(file: "e.csv", line: 2), number: "1003", name: "工藤 葵", kana: "",
                           hireDate: .d("2024-04-01"), department: "機械加工"),
            EmployeeRecord(source: SourcePosition(file: "e.csv", line: 3), number: "1004", name: "髙橋 一郎", kana: "",
                           hireDate: .d("2024-04-01"), birthYear: 1800, department: "機械加工"),
        ]
        await #expect(throws: StoreError.self) {
            try await db.store.importRecords(.employees(rows), company: company.id, dryRun: false, by: "test")
        }
        #expect(try await db.store.employee(number: "1003", company: company.id) == nil)
        #expect(try await db.store.employees(company: company.id, filter: EmployeeFilter()).count == 2)
        #expect(try await db.store.auditLog(company: company.id, limit: 100).allSatisfy { $0.entity != "import" })
    }

    @Test func demoDataLoadsAndMatrixAgreesWithHistory() async throws {
        let db = try TestDatabase()
        let asOf = LocalDate.d("2026-11-25")
        for dataset in DemoData.companies(asOf: asOf, passwordHash: "x") {
            _ = try await db.store.seed(dataset, by: "demo")
        }
        let companies = try await db.store.companies()
        #expect(companies.map(\.code) == ["hanawa", "osarizawa", "oyu"])
        let hanawa = companies[0]
        let matrix = try await db.store.matrix(company: hanawa.id, department: nil, asOf: asOf)
        #expect((20...60).contains(matrix.employees.count))
        let history = try await db.store.evaluations(company: hanawa.id, employee: nil, skill: nil, state: nil)
        for employee in matrix.employees.prefix(10) {
            for skill in matrix.skills {
                let expected = history.filter { $0.employeeID == employee.id && $0.skillID == skill.id }.currentLevel() ?? 0
                #expect(matrix.level(employee.id, skill.id) == expected)
            }
        }
        #expect(try await db.store.accounts(company: hanawa.id).map(\.role) == [.admin, .hr, .supervisor, .staff])
        #expect(try await db.store.tracks(company: hanawa.id).map { $0.grades.count } == [5, 4])
        #expect(try db.store.integrityCheck() == "ok")
        // Seeding the same company twice fails as a whole.
        await #expect(throws: StoreError.duplicate(entity: "company", key: "hanawa")) {
            try await db.store.seed(DemoData.companies(asOf: asOf, passwordHash: "x")[0], by: "demo")
        }
        #expect(try await db.store.companies().count == 3)
    }
}
