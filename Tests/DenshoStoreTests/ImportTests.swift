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
