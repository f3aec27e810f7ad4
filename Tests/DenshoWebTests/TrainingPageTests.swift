import DenshoDomain
import DenshoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DenshoWeb

/// The training pages through the router: assigning to everyone short of a skill for their next
/// grade, the home list, English.
@Suite("Training pages")
struct TrainingPageTests {
    @Test func lackingASkillForTheNextGradeReachesExactlyThosePeople() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let today = LocalDate(parsing: WebFixture.today)!
        let people = try await fixture.store.employees(company: hanawa.id, filter: .init(activeOn: today))
        let requirements = try await fixture.store.tracks(company: hanawa.id).nextGradeRequirements(for: people)
        // The skill the most people lack for their next grade, and who they are (worked out here by hand).
        var lacking: [Skill.ID: Set<Employee.ID>] = [:]
        for person in people {
            let levels = try await fixture.store.levels(of: person.id, company: hanawa.id)
            for (skill, level) in requirements[person.id] ?? [:] where (levels[skill] ?? 0) < level {
                lacking[skill, default: []].insert(person.id)
            }
        }
        let (skill, expected) = try #require(lacking.max { $0.value.count < $1.value.count })
        #expect(expected.count >= 2 && expected.count < people.count)
        let manual = try await fixture.store.approveManual(
            try await fixture.store.addManual(
                Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "段取りの基本", author: "test",
                       steps: [ManualStep(mainStep: "図面を読む", start: 0)]), by: "test").id,
            company: hanawa.id, by: "test", approverName: "班長")
        let hr = try await fixture.browser(.hr)
        try await fixture.application().test(.router) { client in
            let response = try await PageTests.post(client, "/training/assign", "item=manual:\(manual.id)&audience=lacking&skill=\(skill)&due=2026-04-20", as: hr)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/training?assigned=\(expected.count)")
        }
        let assigned = try await fixture.store.assignments(company: hanawa.id, employee: nil, item: .manual(manual.id))
        #expect(Set(assigned.map(\.employeeID)) == expected)
        #expect(assigned.allSatisfy { $0.dueOn == LocalDate(parsing: "2026-04-20") })
    }

    /// The editor's 改訂理由 and each step's 急所の理由 are separate fields: saving a revision keeps both.
    @Test func savingARevisionKeepsEveryStepsReasonAndTheRevisionReason() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let manual = try await fixture.store.approveManual(
            try await fixture.store.addManual(
                Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "治具の交換", author: "test",
                       steps: [ManualStep(mainStep: "ボルトを緩める", reason: "落下防止", start: 0), ManualStep(mainStep: "治具を外す", reason: "", start: 0)]),
                by: "test").id,
            company: hanawa.id, by: "test", approverName: "班長")
        let staff = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let form = "title=治具の交換&revisionReason=手順の追加&major=1"
                + "&start=0&end=&main=ボルトを緩める&key=対角に&reason=落下防止"
                + "&start=0&end=&main=治具を外す&key=&reason="
                + "&start=&end=&main=&key=&reason="
            let response = try await PageTests.post(client, "/manuals/\(manual.id)", form, as: staff)
            #expect(response.status == .seeOther)
        }
        let saved = try #require(try await fixture.store.manual(manual.id, company: hanawa.id))
        #expect(saved.steps.map(\.reason) == ["落下防止", ""] && saved.steps[0].keyPoint == "対角に")
        #expect(saved.revisionReason == "手順の追加" && saved.majorChange)
    }

    /// 承認 covers what the approver saw: a draft changed after the page was opened is refused.
    @Test func anApprovalCoversOnlyTheDraftTheApproverSaw() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let manual = try await fixture.store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "正しい手順", author: "test", steps: [ManualStep(mainStep: "保護具を着ける", start: 0)]),
            by: "test")
        let supervisor = try await fixture.browser(.supervisor), staff = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/manuals/\(manual.id)/draft", method: .get, headers: supervisor.headers()).text
            let seen = try #require(page.range(of: #"name="seen" value="([^"]+)""#, options: .regularExpression).map { String(page[$0]) })
                .replacingOccurrences(of: "name=\"seen\" value=\"", with: "").dropLast()
            let changed = try await PageTests.post(client, "/manuals/\(manual.id)", "title=正しい手順&start=0&end=&main=保護具なしで作業する&key=&reason=", as: staff)
            #expect(changed.status == .seeOther)
            let stale = try await PageTests.post(client, "/manuals/\(manual.id)/approve", "seen=\(seen)", as: supervisor)
            #expect(stale.status == .badRequest && stale.text.contains("下書きが変更されました"))
            #expect(try await fixture.store.revisions(of: manual.id, company: hanawa.id).isEmpty)
        }
    }

    @Test func staffSeeWhatToWatchSoonestFirstInJapaneseAndEnglish() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.employee(of: "hanawa-staff")
        var titles: [String] = []
        for (title, due) in [("後で見る手順", "2026-05-30"), ("先に見る手順", "2026-04-10")] {
            let manual = try await fixture.store.addManual(
                Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: title, author: "test", steps: [ManualStep(mainStep: "確認", start: 0)]),
                by: "test")
            _ = try await fixture.store.approveManual(manual.id, company: hanawa.id, by: "test", approverName: "班長")
            _ = try await fixture.store.assign([.manual(manual.id)], course: nil, to: [staff.id], due: LocalDate(parsing: due), company: hanawa.id, by: "test")
            titles.append(title)
        }
        let browser = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get, headers: browser.headers()).text
            let first = try #require(home.range(of: "先に見る手順")), second = try #require(home.range(of: "後で見る手順"))
            #expect(first.lowerBound < second.lowerBound, "soonest due first")
            #expect(home.contains("今週見るもの") && home.contains("未着手"))
            var english = browser.headers()
            english[.cookie] = (english[.cookie].map { $0 + "; " } ?? "") + "\(Language.cookieName)=en"
            let page = try await client.execute(uri: "/training", method: .get, headers: english).text
            #expect(page.contains("To watch this week") && page.contains("Not started") && !page.contains("未着手"))
        }
    }
}
