import DenshoDomain
import DenshoStore
import DenshoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

/// The self-assessment loop as a new user meets it (confirmation, no back-dating, 差し戻し with a
/// reason, staff home, the supervisor's pending list, 次の人), the 力量表 cell's method and
/// evidence, and expired checks struck through on the map.
@Suite("Self-assessment loop, evidence and recertification on the map")
struct SelfAssessmentTests {
    static let today = LocalDate(parsing: WebFixture.today)!

    /// A skill the person has never been evaluated in.
    static func freshSkill(_ fixture: WebFixture, for people: [Employee]) async throws -> Skill {
        let hanawa = try await fixture.company("hanawa")
        var used: Set<Skill.ID> = []
        for person in people {
            for evaluation in try await fixture.store.evaluations(company: hanawa.id, employee: person.id, skill: nil, state: nil) {
                used.insert(evaluation.skillID)
            }
        }
        return try #require(try await fixture.store.skills(company: hanawa.id, includeRetired: false).first { !used.contains($0.id) })
    }

    static func selfAssessment(_ fixture: WebFixture, _ person: Employee, _ skill: Skill, level: Int, note: String = "") async throws -> Evaluation {
        try await fixture.store.addEvaluation(
            Evaluation(id: .init(0), employeeID: person.id, skillID: skill.id, level: level, evaluatorID: person.id, evaluatedOn: today,
                       note: note, kind: .self, state: .pending),
            company: try await fixture.company("hanawa").id, by: "test")
    }

    /// The markup of one employee's grid row.
    static func row(of employee: Employee.ID, in html: String) -> String {
        guard let start = html.range(of: "data-e=\"\(employee)\">") else { return "" }
        return String(html[start.upperBound...]).components(separatedBy: "</tr>")[0]
    }

    /// One cell of a grid row (its markup after `<td class=`).
    static func cell(_ column: Int, of employee: Employee.ID, in html: String) -> String {
        let cells = Array(row(of: employee, in: html).components(separatedBy: "<td class=").dropFirst())
        return cells.count > column ? cells[column] : ""
    }

    @Test func aSelfAssessmentIsConfirmedAndCannotBeBackDated() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let me = try await fixture.employee(of: "hanawa-staff")
        let skill = try await Self.freshSkill(fixture, for: [me])
        let staff = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let form = try await client.execute(uri: "/skillmap/cell?employee=\(me.id)&skill=\(skill.id)", method: .get, headers: staff.headers())
            #expect(!form.text.contains("type=\"date\""))
            #expect(form.text.contains("自己評価は今日の日付で記録されます"))

            let backDated = try await PageTests.post(client, "/evaluations", "employee=\(me.id)&skill=\(skill.id)&level=2&date=2026-03-01", as: staff)
            #expect(backDated.status == .badRequest)
            #expect(backDated.text.contains("自己評価は今日の日付でしか記録できません"))
            #expect(try await fixture.store.evaluations(company: hanawa.id, employee: me.id, skill: skill.id, state: nil).isEmpty)

            let saved = try await PageTests.post(
                client, "/evaluations", "employee=\(me.id)&skill=\(skill.id)&level=2&date=\(WebFixture.today)&note=一人で段取りできた", as: staff)
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location.contains("saved="))
            let page = try await client.execute(uri: location, method: .get, headers: staff.headers())
            #expect(page.text.contains("id=\"saved\""))
            #expect(page.text.contains("自己評価を送信しました"))
            let pending = try await fixture.store.evaluations(company: hanawa.id, employee: me.id, skill: skill.id, state: .pending)
            #expect(pending.count == 1 && pending.first?.evaluatedOn == Self.today && pending.first?.note == "一人で段取りできた")

            // Staff home lists it as waiting.
            let home = try await client.execute(uri: "/", method: .get, headers: staff.headers())
            #expect(home.text.contains("id=\"my-assessments\""))
            #expect(home.text.contains(skill.name))
        }
    }

    @Test func aReturnNeedsAReasonWhichStaffHomeShows() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let me = try await fixture.employee(of: "hanawa-staff")
        let skill = try await Self.freshSkill(fixture, for: [me])
        let pending = try await Self.selfAssessment(fixture, me, skill, level: 3)
        let viaAPI = try await Self.selfAssessment(fixture, me, skill, level: 2)
        let supervisor = try await fixture.browser(.supervisor), staff = try await fixture.browser(.staff)
        let token = try await fixture.browser(.token)
        try await fixture.application().test(.router) { client in
            let bare = try await PageTests.post(client, "/evaluations/\(pending.id)/reject?next=/", "", as: supervisor)
            #expect(bare.status == .badRequest)
            #expect(bare.text.contains("差し戻しの理由を入力してください"))
            #expect(try await PageTests.post(client, "/evaluations/\(pending.id)/reject?next=/", "reason=%20%20", as: supervisor).status == .badRequest)
            #expect(try await fixture.store.evaluation(pending.id, company: hanawa.id)?.state == .pending)

            let returned = try await PageTests.post(client, "/evaluations/\(pending.id)/reject?next=/", "reason=手順3の確認がまだです", as: supervisor)
            #expect(returned.status == .seeOther)
            #expect(returned.headers[.location] == "/")
            let stored = try #require(try await fixture.store.evaluation(pending.id, company: hanawa.id))
            #expect(stored.state == .rejected && stored.decisionNote == "手順3の確認がまだです")

            // The API too: no reason, no return.
            let noReason = try await client.execute(uri: "/api/v1/evaluations/\(viaAPI.id)/reject", method: .post, headers: token.headers())
            #expect(noReason.status == .badRequest)
            let withReason = try await client.execute(
                uri: "/api/v1/evaluations/\(viaAPI.id)/reject", method: .post, headers: token.headers([.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"reason": "もう一度見せてください"}"#))
            #expect(withReason.status == .ok)
            #expect(try await fixture.store.evaluation(viaAPI.id, company: hanawa.id)?.decisionNote == "もう一度見せてください")

            let home = try await client.execute(uri: "/", method: .get, headers: staff.headers())
            let mine = try #require(home.text.components(separatedBy: "id=\"my-assessments\"").dropFirst().first)
            #expect(mine.contains("差し戻し"))
            // Only the latest of the skill stays open: the API's return, with its reason.
            #expect(mine.contains("もう一度見せてください"))
            let cell = try await client.execute(uri: "/skillmap/cell?employee=\(me.id)&skill=\(skill.id)", method: .get, headers: staff.headers())
            #expect(cell.text.contains("手順3の確認がまだです") && cell.text.contains("もう一度見せてください"))
            #expect(!cell.text.contains("差戻"))
        }
    }

    @Test func thePendingListShowsTheNoteAndTheCurrentLevel() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let me = try await fixture.employee(of: "hanawa-staff"), boss = try await fixture.employee(of: "hanawa-sup")
        let skill = try await Self.freshSkill(fixture, for: [me])
        let scale = try await fixture.store.levelScale(company: hanawa.id)
        let current = scale.symbol(1), claimed = scale.symbol(3)
        _ = try await fixture.store.addEvaluation(
            Evaluation(id: .init(0), employeeID: me.id, skillID: skill.id, level: 1, evaluatorID: boss.id, evaluatedOn: Self.today.adding(days: -30)),
            company: hanawa.id, by: "test")
        let pending = try await Self.selfAssessment(fixture, me, skill, level: 3, note: "先輩なしで一通りできた")
        let supervisor = try await fixture.browser(.supervisor)
        try await fixture.application().test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get, headers: supervisor.headers())
            let row = try #require(home.text.components(separatedBy: "data-evaluation=\"\(pending.id)\"").dropFirst().first?
                .components(separatedBy: "</tr>").first)
            #expect(row.contains("先輩なしで一通りできた"))
            #expect(row.contains("current-level\">\(current)<"))
            #expect(row.contains("claimed-level\">→ \(claimed)<"))
            #expect(row.contains("name=\"reason\" required"))
        }
    }

    @Test func nextPersonSavesAndOpensTheSameSkillForTheNextOfTheDepartment() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let boss = try await fixture.employee(of: "hanawa-sup")
        let people = try await fixture.store.employees(company: hanawa.id, filter: .init(department: boss.departmentID, activeOn: Self.today))
            .filter { $0.id != boss.id }
        try #require(people.count >= 2)
        let skill = try await fixture.store.skills(company: hanawa.id, includeRetired: false)[0]
        let supervisor = try await fixture.browser(.supervisor)
        try await fixture.application().test(.router) { client in
            let first = try await client.execute(uri: "/skillmap/cell?employee=\(people[0].id)&skill=\(skill.id)", method: .get, headers: supervisor.headers())
            #expect(first.text.contains("id=\"save-next\""))
            #expect(first.text.contains(people[1].name))
            let saved = try await PageTests.post(client, "/evaluations", "employee=\(people[0].id)&skill=\(skill.id)&level=2&then=next", as: supervisor)
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            #expect(location.hasPrefix("/skillmap/cell?employee=\(people[1].id)&skill=\(skill.id)&saved="))
            #expect(try await fixture.store.levels(of: people[0].id, company: hanawa.id)[skill.id] == 2)
            let next = try await client.execute(uri: location, method: .get, headers: supervisor.headers())
            #expect(next.text.contains("評価を記録しました。（\(people[0].name)）"))
        }
    }

    @Test func theCellHistoryShowsMethodAndEvidence() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let me = try await fixture.employee(of: "hanawa-staff"), boss = try await fixture.employee(of: "hanawa-sup")
        let skill = try await Self.freshSkill(fixture, for: [me])
        _ = try await fixture.store.addEvaluation(
            Evaluation(id: .init(0), employeeID: me.id, skillID: skill.id, level: 1, evaluatorID: boss.id, evaluatedOn: Self.today.adding(days: -10),
                       method: .quiz, evidence: "quiz:7"),
            company: hanawa.id, by: "test")
        _ = try await fixture.store.addEvaluation(
            Evaluation(id: .init(0), employeeID: me.id, skillID: skill.id, level: 2, evaluatorID: boss.id, evaluatedOn: Self.today,
                       method: .signOff, evidence: "signoff:1", manualRevision: 2),
            company: hanawa.id, by: "test")
        let supervisor = try await fixture.browser(.supervisor)
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/skillmap/cell?employee=\(me.id)&skill=\(skill.id)", method: .get, headers: supervisor.headers())
            let history = try #require(page.text.components(separatedBy: "id=\"history\"").dropFirst().first)
            #expect(history.contains("<td class=\"method\">実技確認</td>"))
            #expect(history.contains("href=\"/checks/signoffs/1\""))
            #expect(history.contains("第2版"))
            #expect(history.contains("筆記 #7"))
            #expect(history.contains("<td class=\"method\">筆記</td>"))
        }
    }

    @Test func anExpiredCheckIsStruckThroughTheDayAfterItsLastValidDay() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let boss = try await fixture.employee(of: "hanawa-sup")
        let department = try #require(boss.departmentID)
        let people = try await fixture.store.employees(company: hanawa.id, filter: .init(department: department, activeOn: Self.today))
            .filter { $0.id != boss.id }
        try #require(people.count >= 2)
        let lapsed = people[0], valid = people[1]
        let skill = try await Self.freshSkill(fixture, for: [lapsed, valid])
        try await fixture.store.setCheckRule(SkillCheckRule(skillID: skill.id, validityMonths: 12), company: hanawa.id, by: "test")
        // Checked 2025-04-01: valid through 2026-03-31. Checked 2025-04-02: valid through today (2026-04-01).
        for (person, day) in [(lapsed, "2025-04-01"), (valid, "2025-04-02")] {
            _ = try await fixture.store.addEvaluation(
                Evaluation(id: .init(0), employeeID: person.id, skillID: skill.id, level: 3, evaluatorID: boss.id,
                           evaluatedOn: LocalDate(parsing: day)!),
                company: hanawa.id, by: "test")
        }
        let matrix = try await fixture.store.matrix(company: hanawa.id, department: department, asOf: Self.today)
        let column = try #require(matrix.skills.firstIndex { $0.id == skill.id })
        let symbol = try await fixture.store.levelScale(company: hanawa.id).symbol(3)
        let supervisor = try await fixture.browser(.supervisor)
        let cell: @Sendable (Employee, String) -> String = { person, html in Self.cell(column, of: person.id, in: html) }
        try await fixture.application().test(.router) { client in
            let grid = try await client.execute(uri: "/skillmap?dept=\(department)", method: .get, headers: supervisor.headers()).text
            #expect(cell(lapsed, grid).contains("<s aria-label=\"\(symbol) 期限切れ (expired)\">\(symbol)</s>"))
            #expect(cell(lapsed, grid).contains("expired"))
            #expect(!cell(valid, grid).contains("<s") && cell(valid, grid).contains(symbol))

            let profile = try await client.execute(uri: "/employees/\(lapsed.id)", method: .get, headers: supervisor.headers()).text
            #expect(profile.contains("<s class=\"expired\""))
            let other = try await client.execute(uri: "/employees/\(valid.id)", method: .get, headers: supervisor.headers()).text
            #expect(!other.contains("<s class=\"expired\""))

            let home = try await client.execute(uri: "/", method: .get, headers: supervisor.headers()).text
            let checks = try #require(home.components(separatedBy: "id=\"expiring-checks\"").dropFirst().first?.components(separatedBy: "</section>").first)
            #expect(checks.contains(lapsed.name) && checks.contains(valid.name) && checks.contains("2026/03/31"))
        }
        // The day before, the same check is still valid: nothing struck through.
        var earlier = fixture.configuration
        earlier.today = "2026-03-31"
        let router = try await WebServer.buildRouter(configuration: earlier, store: fixture.store)
        try await Application(router: router, logger: WebFixture.quietLogger).test(.router) { client in
            let grid = try await client.execute(uri: "/skillmap?dept=\(department)", method: .get, headers: supervisor.headers()).text
            #expect(!cell(lapsed, grid).contains("<s") && cell(lapsed, grid).contains(symbol))
        }
        // `densho expiring` lists the checks beside the qualifications.
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["expiring", "--data-dir", fixture.directory, "--company", "hanawa", "--format", "csv"]
        var environment = ProcessInfo.processInfo.environment
        environment["DENSHO_TODAY"] = WebFixture.today
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = output.split(separator: "\n").filter { $0.contains("技能確認") && $0.contains(skill.name) }
        #expect(lines.contains { $0.contains(lapsed.number) && $0.contains("2026/03/31") && $0.contains("-1") })
        #expect(lines.contains { $0.contains(valid.number) && $0.contains("2026/04/01") })
    }
}
