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

@Suite("Mentoring, proposals, KPIs and the association's view")
struct MentoringWebTests {
    /// Every GET route, with real ids of a member company, asked by the association's login: only
    /// its own pages answer; no personal record of a member company is ever returned.
    @Test func associationCannotReadMemberCompaniesPersonalRecords() async throws {
        let fixture = try await WebFixture()
        let store = fixture.store
        let hanawa = try await fixture.company("hanawa")
        let employee = try await fixture.employee(of: "hanawa-staff")
        let clip = try await fixture.readyClip()
        let manual = try await store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: clip.id, title: "段取り", author: "test"), by: "test")
        let track = try await store.tracks(company: hanawa.id)[0]
        let ids = ["/employees/": employee.id.rawValue, "/api/v1/employees/": employee.id.rawValue, "/clips/": clip.id.rawValue,
                   "/api/v1/clips/": clip.id.rawValue, "/manuals/": manual.id.rawValue, "/api/v1/manuals/": manual.id.rawValue,
                   "/paths/": track.id.rawValue]
        let router = try await WebServer.buildRouter(configuration: fixture.configuration, store: store)
        let open: Set<String> = ["/", "/login", "/logout", "/livez", "/healthz", "/metrics", "/lang/{code}", "/account/password",
                                 "/account/tokens", "/api/v1/me", "/api/v1/openapi.json", "/static/{path}"]
        let association = try await fixture.browser(login: "kyogikai")
        let getRoutes = router.routes.filter { $0.method == .get }.map { $0.path.description }
        let names = try await store.employees(company: hanawa.id, filter: .init()).map(\.name)
        try await Application(router: router, logger: WebFixture.quietLogger).test(.router) { client in
            var checked = 0
            for route in getRoutes where !open.contains(route) {
                var path = route
                if let prefix = ids.keys.filter({ path.hasPrefix($0) }).max(by: { $0.count < $1.count }) {
                    path = path.replacingOccurrences(of: "{id}", with: String(ids[prefix]!))
                }
                path = path.replacingOccurrences(of: "{name}", with: "clip.mp4").replacingOccurrences(of: "{id}", with: "1")
                let response = try await client.execute(uri: path, method: .get, headers: association.headers())
                #expect([403, 404].contains(response.status.code), "\(path) answered the association with \(response.status.code)")
                #expect(!names.contains { response.text.contains($0) }, "\(path) shows a member's employee to the association")
                checked += 1
            }
            #expect(checked >= 25)
            // The association's own page: figures per company, no names.
            let home = try await client.execute(uri: "/", method: .get, headers: association.headers())
            #expect(home.status == .ok && home.text.contains("association-figures") && home.text.contains("花輪精工株式会社"))
            #expect(!names.contains { home.text.contains($0) })
        }
    }

    /// A supervisor sees and records meetings only for mentees they may see; another department's
    /// pairing and its meeting notes stay hidden, as that person's profile (404) does.
    @Test func supervisorsSeeOnlyTheirPeoplesPairingsAndMeetings() async throws {
        let fixture = try await WebFixture()
        let store = fixture.store
        let hanawa = try await fixture.company("hanawa")
        let today = LocalDate(parsing: WebFixture.today)!
        let staff = try await fixture.employee(of: "hanawa-staff")
        let people = try await store.employees(company: hanawa.id, filter: .init(activeOn: today))
        let outsider = try #require(people.first { $0.departmentID != staff.departmentID && $0.departmentID != nil })
        let mentor = try #require(people.first { $0.id != staff.id && $0.id != outsider.id && $0.departmentID == outsider.departmentID })
        let insider = try #require(people.first { $0.id != staff.id && $0.id != mentor.id && $0.departmentID == staff.departmentID })
        let saved = try await store.replaceProposals(
            [Pairing(id: .init(0), mentorID: mentor.id, menteeID: outsider.id, status: .proposed, score: 0, reasons: ["秘密の理由"], proposedOn: today),
             Pairing(id: .init(0), mentorID: mentor.id, menteeID: insider.id, status: .proposed, score: 0, reasons: ["見える理由"], proposedOn: today)],
            company: hanawa.id, by: "test")
        for pairing in saved { _ = try await store.decide(pairing: pairing.id, accept: true, on: today, company: hanawa.id, by: "test") }
        let hidden = try #require(saved.first { $0.menteeID == outsider.id }), shown = try #require(saved.first { $0.menteeID == insider.id })
        _ = try await store.addMeeting(
            Meeting(id: .init(0), kind: .mentor, heldOn: today, pairingID: hidden.id, topics: "家庭の事情の相談", attendees: [mentor.id, outsider.id]),
            company: hanawa.id, by: "test")
        let supervisor = try await fixture.browser(.supervisor), hr = try await fixture.browser(.hr)
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/mentoring", method: .get, headers: supervisor.headers())
            #expect(page.status == .ok)
            #expect(page.text.contains(insider.name) && page.text.contains("見える理由"))
            #expect(!page.text.contains(outsider.name) && !page.text.contains("秘密の理由") && !page.text.contains("家庭の事情の相談"))
            let hrPage = try await client.execute(uri: "/mentoring", method: .get, headers: hr.headers())
            #expect(hrPage.text.contains(outsider.name) && hrPage.text.contains("家庭の事情の相談"))
            func record(_ form: String) async throws -> HTTPResponse.Status {
                let (headers, body) = SessionTests.form(form, cookie: supervisor.cookie, csrf: supervisor.csrf)
                return try await client.execute(uri: "/meetings", method: .post, headers: headers, body: body).status
            }
            #expect(try await record("kind=mentor&date=\(today)&pairing=\(hidden.id)&topics=x") == .notFound)
            #expect(try await record("kind=lunch&date=\(today)&attendee=\(outsider.id)&topics=x") == .notFound)
            #expect(try await record("kind=mentor&date=\(today)&pairing=\(shown.id)&topics=順調") == .seeOther)
        }
        let meetings = try await store.meetings(company: hanawa.id, kind: nil)
        #expect(meetings.filter { $0.pairingID == hidden.id }.count == 1)
        #expect(meetings.contains { $0.pairingID == shown.id && $0.topics == "順調" })
    }

    @Test func hrSuggestsStartsAndEndsPairsAndRecordsMeetings() async throws {
        let fixture = try await WebFixture()
        let store = fixture.store
        let hanawa = try await fixture.company("hanawa")
        let people = try await store.employees(company: hanawa.id, filter: .init(activeOn: LocalDate(parsing: WebFixture.today)))
        for veteran in people.filter({ $0.serviceYears(on: LocalDate(parsing: WebFixture.today)!) >= 15 }).prefix(4) {
            try await store.setMentor(Mentor(employeeID: veteran.id, capacity: 2), company: hanawa.id, by: "test")
        }
        let hr = try await fixture.browser(.hr)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-mentoring-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try await fixture.application().test(.router) { client in
            func post(_ uri: String, _ form: String) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .post, headers: hr.headers([.contentType: "application/x-www-form-urlencoded"]),
                                         body: ByteBuffer(string: form))
            }
            let suggested = try await post("/mentoring/suggest", "")
            #expect(suggested.status == .seeOther)
            let proposals = try await store.pairings(company: hanawa.id, status: .proposed)
            #expect(!proposals.isEmpty)
            let page = try await client.execute(uri: try #require(suggested.headers[.location]), method: .get, headers: hr.headers())
            #expect(page.text.contains("組を提案しました") && page.text.contains("を指導できる"))
            let first = proposals[0]
            #expect(try await post("/mentoring/pairings/\(first.id)/accept", "").status == .seeOther)
            #expect(try await post("/mentoring/pairings/\(first.id)/accept", "").status == .conflict)  // decided already
            let mentor = try #require(try await store.employee(first.mentorID, company: hanawa.id))
            // The mentee's profile and development sheet name the mentor.
            let profile = try await client.execute(uri: "/employees/\(first.menteeID)", method: .get, headers: hr.headers())
            #expect(profile.text.contains(mentor.name))
            let sheet = try await client.execute(uri: "/employees/\(first.menteeID)/development.pdf", method: .get, headers: hr.headers())
            try Data(sheet.body.readableBytesView).write(to: URL(fileURLWithPath: directory + "/dev.pdf"))
            #expect(try PDFInspector(directory + "/dev.pdf").text().contains(mentor.name))
            // A meeting, then the pair ends and stays in the history.
            #expect(try await post("/meetings", "kind=mentor&date=\(WebFixture.today)&pairing=\(first.id)&topics=段取り").status == .seeOther)
            #expect(try await post("/meetings", "kind=mentor&date=2099-01-01&pairing=\(first.id)").status == .badRequest)
            #expect(try await post("/meetings", "kind=mentor&date=\(WebFixture.today)").status == .badRequest)
            let meetings = try await store.meetings(company: hanawa.id, kind: .mentor)
            #expect(meetings.count == 1 && Set(meetings[0].attendees) == [first.mentorID, first.menteeID])
            #expect(try await post("/mentoring/pairings/\(first.id)/end", "reason=異動").status == .seeOther)
            let ended = try #require(try await store.pairing(first.id, company: hanawa.id))
            #expect(ended.status == .ended && ended.endReason == "異動" && ended.endedOn == LocalDate(parsing: WebFixture.today))
        }
    }

    @Test func staffProposeAndKPIsExportAsCSV() async throws {
        let fixture = try await WebFixture()
        let staff = try await fixture.browser(.staff)
        let supervisor = try await fixture.browser(.supervisor)
        let hr = try await fixture.browser(.hr)
        try await fixture.application().test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let submitted = try await client.execute(uri: "/proposals", method: .post, headers: staff.headers(form),
                                                     body: ByteBuffer(string: "title=%E5%B7%A5%E5%85%B7%E3%81%AE%E5%A7%BF%E7%BD%AE%E3%81%8D&team=A"))
            #expect(submitted.status == .seeOther)
            let proposal = try #require(try await fixture.store.proposals(company: try await fixture.company("hanawa").id).first)
            #expect(proposal.title == "工具の姿置き" && proposal.status == .submitted)
            let staffTries = try await client.execute(uri: "/proposals/\(proposal.id)/status", method: .post, headers: staff.headers(form),
                                                      body: ByteBuffer(string: "status=adopted"))
            #expect(staffTries.status == .forbidden)
            let adopted = try await client.execute(uri: "/proposals/\(proposal.id)/status", method: .post, headers: supervisor.headers(form),
                                                   body: ByteBuffer(string: "status=adopted&effect=1%E6%97%A515%E5%88%86%E7%9F%AD%E7%B8%AE"))
            #expect(adopted.status == .seeOther)
            let list = try await client.execute(uri: "/proposals", method: .get, headers: staff.headers())
            #expect(list.text.contains("工具の姿置き") && list.text.contains("1日15分短縮"))

            let kpi = try await client.execute(uri: "/kpi", method: .get, headers: hr.headers())
            #expect(kpi.status == .ok && kpi.text.components(separatedBy: "<svg class=\"chart\"").count - 1 == 6)
            #expect(kpi.text.contains("<polyline") && kpi.text.contains("<rect") && kpi.text.contains("入社年別 3年定着率"))
            let csv = try await client.execute(uri: "/kpi.csv?table=years", method: .get, headers: hr.headers())
            let text = csv.text
            #expect(text.hasPrefix("\u{FEFF}年,採用,在籍,多能工") && text.contains("\r\n2026,"))
            let row2026 = text.components(separatedBy: "\r\n").first { $0.hasPrefix("2026,") }!.split(separator: ",")
            #expect(row2026[10] == "1")  // the proposal adopted this year
            #expect(try await client.execute(uri: "/kpi.csv?table=nope", method: .get, headers: hr.headers()).status == .badRequest)
        }
    }
}
