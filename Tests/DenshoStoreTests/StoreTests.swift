import DenshoDomain
import Foundation
import GRDB
import Testing
@testable import DenshoStore

@Suite("SQLite store")
struct StoreTests {
    @Test func companiesAreKeptApart() async throws {
        let db = try TestDatabase()
        let (a, employeesA, skillsA) = try await db.smallCompany(code: "a")
        let (b, _, _) = try await db.smallCompany(code: "b")
        #expect(try await db.store.employees(company: b.id, filter: EmployeeFilter()).count == 2)
        // Another company's ids behave exactly like missing ones.
        await #expect(throws: StoreError.notFound(entity: "employee", key: String(employeesA[0].id.rawValue))) {
            try await db.store.addEvaluation(
                Evaluation(id: .init(0), employeeID: employeesA[0].id, skillID: skillsA[0].id, level: 2, evaluatorID: nil,
                           evaluatedOn: .d("2025-04-01")),
                company: b.id, by: "test")
        }
        var moved = employeesA[0]
        moved.companyID = b.id
        await #expect(throws: StoreError.self) { try await db.store.updateEmployee(moved, by: "test") }
        #expect(try await db.store.employee(number: "1001", company: a.id)?.name == "黒澤 修")
        #expect(try await db.store.levels(of: employeesA[0].id, company: b.id).isEmpty)
    }

    @Test func duplicatesAreNamed() async throws {
        let db = try TestDatabase()
        let (company, employees, _) = try await db.smallCompany()
        var copy = employees[0]
        copy.name = "別人"
        await #expect(throws: StoreError.duplicate(entity: "employee", key: "1001")) {
            try await db.store.addEmployee(copy, by: "test")
        }
        await #expect(throws: StoreError.duplicate(entity: "department", key: "機械加工")) {
            try await db.store.addDepartment(name: "機械加工", company: company.id, by: "test")
        }
    }

    @Test func currentLevelIsDerivedFromTheHistory() async throws {
        let db = try TestDatabase()
        let (company, e, s) = try await db.smallCompany()
        func add(_ level: Int, _ date: String, kind: EvaluationKind = .supervisor) async throws -> Evaluation {
            try await db.store.addEvaluation(
                Evaluation(id: .init(0), employeeID: e[1].id, skillID: s[0].id, level: level, evaluatorID: e[0].id,
                           evaluatedOn: .d(date), kind: kind, state: Evaluation.initialState(for: kind)),
                company: company.id, by: "test")
        }
        _ = try await add(1, "2024-04-01")
        _ = try await add(2, "2025-04-01")
        _ = try await add(1, "2024-10-01")  // back-dated: does not override
        #expect(try await db.store.levels(of: e[1].id, company: company.id)[s[0].id] == 2)
        let pending = try await add(3, "2025-10-01", kind: .self)
        #expect(pending.state == .pending)
        #expect(try await db.store.levels(of: e[1].id, company: company.id)[s[0].id] == 2)
        _ = try await db.store.decide(pending.id, approve: true, decidedBy: e[0].id, company: company.id, by: "test")
        #expect(try await db.store.levels(of: e[1].id, company: company.id)[s[0].id] == 3)
        await #expect(throws: StoreError.self) {
            try await db.store.decide(pending.id, approve: false, decidedBy: nil, company: company.id, by: "test")
        }
        let history = try await db.store.evaluations(company: company.id, employee: e[1].id, skill: s[0].id, state: nil)
        #expect(history.map(\.level) == [1, 1, 2, 3])
        // The derived table agrees with the pure rule over the whole history.
        #expect(history.currentLevel() == 3)
        await #expect(throws: StoreError.self) { try await add(7, "2025-11-01") }  // off the scale
    }

    @Test func historyCannotBeRewrittenEvenWithRawSQL() async throws {
        let db = try TestDatabase()
        let (company, e, s) = try await db.smallCompany()
        let evaluation = try await db.store.addEvaluation(
            Evaluation(id: .init(0), employeeID: e[1].id, skillID: s[0].id, level: 2, evaluatorID: nil, evaluatedOn: .d("2025-04-01")),
            company: company.id, by: "test")
        await #expect(throws: DatabaseError.self) {
            try await db.store.pool.write { try $0.execute(sql: "UPDATE evaluation SET level = 4 WHERE id = ?", arguments: [evaluation.id.rawValue]) }
        }
        await #expect(throws: DatabaseError.self) {
            try await db.store.pool.write { try $0.execute(sql: "DELETE FROM evaluation") }
        }
    }

    @Test func changesAreAudited() async throws {
        let db = try TestDatabase()
        let (company, e, s) = try await db.smallCompany()
        let q = try await db.store.addQualification(
            Qualification(id: .init(0), companyID: company.id, name: "玉掛け技能講習", validityYears: 5), by: "hr:tanaka")
        let held = try await db.store.grant(
            HeldQualification(id: .init(0), employeeID: e[1].id, qualificationID: q.id, acquiredOn: .d("2024-06-01"),
                              expiresOn: .d("2029-06-01")), company: company.id, by: "hr:tanaka")
        try await db.store.renew(held.id, expiresOn: .d("2034-06-01"), company: company.id, by: "hr:tanaka")
        _ = try await db.store.addTarget(
            SkillTarget(id: .init(0), employeeID: e[1].id, skillID: s[1].id, level: 2, dueDate: .d("2026-03-31")),
            company: company.id, by: "sup:kurosawa")
        let log = try await db.store.auditLog(company: company.id, limit: 10)
        #expect(log.prefix(4).map(\.action) == ["create", "renew", "grant", "create"])
        #expect(log[0].entity == "target" && log[0].actor == "sup:kurosawa")
        let renewal = log[1]
        #expect(renewal.before?.contains("2029-06-01") == true && renewal.after?.contains("2034-06-01") == true)
    }

    @Test func searchFindsJapaneseNamesOfAnyLength() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let (other, _, _) = try await db.smallCompany(code: "other")
        #expect(try await db.store.search("外径加工", company: company.id, limit: 10).map(\.title.plain) == ["汎用旋盤 外径加工"])
        #expect(try await db.store.search("旋盤", company: company.id, limit: 10).count == 2)  // two characters: substring scan
        #expect(try await db.store.search("黒澤", company: company.id, limit: 10).map(\.kind) == [.employee])
        #expect(try await db.store.search("1002", company: company.id, limit: 10).map(\.title.plain) == ["佐藤 翔太"])
        #expect(try await db.store.search("旋盤", company: other.id, limit: 10).allSatisfy { $0.id > 2 })
        #expect(try await db.store.search("\"; DROP", company: company.id, limit: 10).isEmpty)
        #expect(try await db.store.search("50%", company: company.id, limit: 10).isEmpty)
    }

    @Test func newerSchemaIsRefusedAndLeftAlone() async throws {
        let db = try TestDatabase()
        _ = try await db.smallCompany()
        try await db.store.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        let before = try Data(contentsOf: URL(fileURLWithPath: db.path))
        #expect(throws: StoreError.newerSchema(unknownMigrations: ["v99-from-the-future"])) {
            try SQLiteStore(path: db.path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db.path)) == before)
    }

    @Test func backupIsAConsistentOpenableCopy() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let target = db.directory.appendingPathComponent("backup.sqlite").path
        try await db.store.backup(to: target)
        try await db.store.backup(to: target)  // replacing an existing backup
        let copy = try SQLiteStore(path: target)
        #expect(try copy.integrityCheck() == "ok")
        #expect(try await copy.employees(company: company.id, filter: EmployeeFilter()).map(\.name) == ["黒澤 修", "佐藤 翔太"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: db.directory.path).filter { $0.hasPrefix(".densho-backup") }
        #expect(leftovers.isEmpty)
    }
}
