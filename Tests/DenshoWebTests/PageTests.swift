import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

@Suite("Pages: skill map, evaluations, manuals, search, language")
struct PageTests {
    static func post(_ client: any TestClientProtocol, _ uri: String, _ text: String, as browser: Browser) async throws -> TestResponse {
        var headers = browser.headers([.contentType: "application/x-www-form-urlencoded"], csrf: false)
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: text + "&_csrf=\(browser.csrf!)"))
    }

    /// The symbols of one employee's row of the grid, in column order.
    static func cells(of employee: Employee.ID, in html: String) -> [String] {
        guard let start = html.range(of: "data-e=\"\(employee)\">") else { return [] }
        let row = html[start.upperBound...].prefix { $0 != "\n" }.components(separatedBy: "</tr>")[0]
        return row.components(separatedBy: "<td class=").dropFirst().map { cell in
            String(cell.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
        }
    }

    @Test func selfAssessmentWaitsForTheSupervisorThenSetsTheLevel() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.employee(of: "hanawa-staff")
        let levels = try await fixture.store.levels(of: staff.id, company: hanawa.id)
        let skill = try await fixture.store.skills(company: hanawa.id, includeRetired: false).first { (levels[$0.id] ?? 0) == 0 }!
        let young = try await fixture.browser(.staff), supervisor = try await fixture.browser(.supervisor)
        try await fixture.application().test(.router) { client in
            let cell = "/skillmap/cell?employee=\(staff.id)&skill=\(skill.id)"
            let form = try await client.execute(uri: cell, method: .get, headers: young.headers())
            #expect(form.text.contains("自己評価"))
            let recorded = try await Self.post(client, "/evaluations", "employee=\(staff.id)&skill=\(skill.id)&level=2&note=%E5%8B%95%E7%94%BB%E3%81%A7%E7%A2%BA%E8%AA%8D", as: young)
            #expect(recorded.status == .seeOther)
            #expect(try await fixture.store.levels(of: staff.id, company: hanawa.id)[skill.id] == nil)

            let dashboard = try await client.execute(uri: "/", method: .get, headers: supervisor.headers())
            #expect(dashboard.text.contains(skill.name))
            let pending = try await fixture.store.evaluations(company: hanawa.id, employee: staff.id, skill: skill.id, state: .pending)
            let id = try #require(pending.last?.id)
            #expect(pending.last?.note == "動画で確認")
            let approved = try await Self.post(client, "/evaluations/\(id)/approve?next=/", "", as: supervisor)
            #expect(approved.headers[.location] == "/")
            #expect(try await fixture.store.levels(of: staff.id, company: hanawa.id)[skill.id] == 2)

            let history = try await client.execute(uri: cell, method: .get, headers: supervisor.headers())
            #expect(history.text.contains("承認済"))
            #expect(history.text.contains("動画で確認"))
        }
    }

    @Test func theGridShowsLevelsAndTargetsForTheDepartment() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let supervisor = try await fixture.employee(of: "hanawa-sup")
        let matrix = try await fixture.store.matrix(company: hanawa.id, department: supervisor.departmentID, asOf: LocalDate(parsing: WebFixture.today)!)
        let browser = try await fixture.browser(.supervisor)
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/skillmap?dept=\(supervisor.departmentID!)", method: .get, headers: browser.headers())
            let html = page.text
            #expect(html.contains("\(matrix.employees.count) × \(matrix.skills.count)"))
            #expect(html.components(separatedBy: "<td class=").count - 1 == matrix.employees.count * matrix.skills.count)
            for employee in matrix.employees { #expect(html.contains(employee.name)) }
            #expect(html.components(separatedBy: "<tr class=\"open\"").count - 1 == matrix.employees.count)
            // Staff see the published map of their department but open only their own row.
            let staff = try await fixture.browser(.staff)
            let theirs = try await client.execute(uri: "/skillmap", method: .get, headers: staff.headers())
            let young = try await fixture.employee(of: "hanawa-staff")
            #expect(theirs.text.components(separatedBy: "<tr class=\"open\"").count - 1 == 1)
            #expect(theirs.text.contains("<tr class=\"open\" data-e=\"\(young.id)\">"))
            // A new evaluation shows at once: the cached grid is rebuilt when the data moves on.
            let column = matrix.skills.firstIndex { matrix.level(young.id, $0.id) < 4 }!
            let skill = matrix.skills[column]
            #expect(Self.cells(of: young.id, in: html)[column] != "★")
            #expect(try await Self.post(client, "/evaluations", "employee=\(young.id)&skill=\(skill.id)&level=4", as: browser).status == .seeOther)
            let after = try await client.execute(uri: "/skillmap?dept=\(supervisor.departmentID!)", method: .get, headers: browser.headers())
            #expect(Self.cells(of: young.id, in: after.text)[column] == "★")
        }
    }

    @Test func manualStepsAreValidatedApprovedAsRevisionsAndSearchable() async throws {
        let fixture = try await WebFixture()
        let clip = try await fixture.readyClip()
        let staff = try await fixture.browser(.staff), supervisor = try await fixture.browser(.supervisor)
        try await fixture.application().test(.router) { client in
            let created = try await Self.post(client, "/manuals", "title=%E6%AE%B5%E5%8F%96%E3%82%8A&number=KZ-M-001&clip=\(clip.id)", as: staff)
            let location = try #require(created.headers[.location])
            // End before start: refused with the step number, nothing saved.
            let bad = try await Self.post(client, location, "title=段取り&start=0:03&end=0:01&main=チャック清掃&key=&reason=", as: staff)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("手順1: 終了時刻は開始時刻より後にしてください"))
            let past = try await Self.post(client, location, "title=段取り&start=9:00&end=&main=チャック清掃&key=&reason=", as: staff)
            #expect(past.text.contains("動画の長さを超えています"))
            let id = Manual.ID(Int64(location.split(separator: "/").last!)!)
            let hanawa = try await fixture.company("hanawa")
            #expect(try await fixture.store.manual(id, company: hanawa.id)?.steps.isEmpty == true)

            let steps = "title=段取り&start=0:00&end=0:02&main=チャックを清掃する&key=切粉を爪の奥まで払う&reason=芯ずれを防ぐ"
                + "&start=2&end=&main=材料をくわえる&key=突き出しは径の3倍まで&reason=びびりを防ぐ"
                + "&start=&end=&main=&key=&reason="
            #expect(try await Self.post(client, location, steps, as: staff).status == .seeOther)
            let saved = try #require(try await fixture.store.manual(id, company: hanawa.id))
            #expect(saved.steps.map(\.mainStep) == ["チャックを清掃する", "材料をくわえる"])
            #expect(saved.steps[1].start == 2 && saved.steps[0].end == 2)
            // Staff cannot approve; the supervisor can, and the revision is kept.
            #expect(try await Self.post(client, "\(location)/approve", "", as: staff).status == .forbidden)
            #expect(try await Self.post(client, "\(location)/approve", "", as: supervisor).status == .seeOther)
            #expect(try await Self.post(client, location, steps.replacingOccurrences(of: "3倍", with: "2倍"), as: staff).status == .seeOther)
            let edited = try #require(try await fixture.store.manual(id, company: hanawa.id))
            #expect(edited.status == .draft && edited.revision == 1)
            let revisions = try await fixture.store.revisions(of: id, company: hanawa.id)
            #expect(revisions.count == 1 && revisions[0].steps[1].keyPoint == "突き出しは径の3倍まで")

            // Staff keep seeing the approved 第1版 until the revision is approved; the draft page shows the edit.
            let page = try await client.execute(uri: location, method: .get, headers: staff.headers())
            #expect(page.text.contains("data-time=\"2.0\"") && page.text.contains("突き出しは径の3倍まで") && !page.text.contains("2倍"))
            let draft = try await client.execute(uri: "\(location)/draft", method: .get, headers: staff.headers())
            #expect(draft.text.contains("突き出しは径の2倍まで") && draft.text.contains("id=\"draft-note\""))
            let search = try await client.execute(uri: "/search?q=%E7%AA%81%E3%81%8D%E5%87%BA%E3%81%97", method: .get, headers: staff.headers())
            #expect(search.text.contains("href=\"/manuals/\(id)\""))
        }
    }

    @Test func chaptersAreSearchableAndOpenAtTheirTime() async throws {
        let fixture = try await WebFixture()
        let clip = try await fixture.readyClip()
        let staff = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            #expect(try await Self.post(client, "/clips/\(clip.id)/chapters", "time=0:02&title=芯出しの確認", as: staff).status == .seeOther)
            #expect(try await Self.post(client, "/clips/\(clip.id)/chapters", "time=99:00&title=長すぎ", as: staff).status == .badRequest)
            let player = try await client.execute(uri: "/clips/\(clip.id)", method: .get, headers: staff.headers())
            #expect(player.text.contains("data-time=\"2.0\"") && player.text.contains("芯出しの確認"))
            #expect(player.text.contains("data-storyboard=\"/clips/\(clip.id)/media/storyboard.vtt\""))
            let search = try await client.execute(uri: "/search?q=%E8%8A%AF%E5%87%BA%E3%81%97", method: .get, headers: staff.headers())
            #expect(search.text.contains("href=\"/clips/\(clip.id)#t=2\""))
        }
    }

    @Test func textFromUsersIsEscapedEverywhere() async throws {
        let fixture = try await WebFixture()
        var clip = try await fixture.readyClip()
        clip.title = "<script>alert(1)</script>"
        clip.tags = ["\"><img src=x onerror=alert(2)>"]
        try await fixture.store.updateClip(clip, by: "test")
        let id = clip.id
        let browser = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            for uri in ["/clips", "/clips/\(id)", "/search?q=script"] {
                let page = try await client.execute(uri: uri, method: .get, headers: browser.headers())
                #expect(!page.text.contains("<script>alert") && !page.text.contains("<img src=x"), "\(uri)")
                #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            }
        }
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }

    @Test func adminsWidenASupervisorsScope() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let supervisor = try await fixture.account("hanawa-sup")
        let all = try await fixture.store.departments(company: hanawa.id)
        let admin = try await fixture.browser(.admin), sup = try await fixture.browser(.supervisor)
        let other = try await fixture.store.employees(company: hanawa.id, filter: .init(activeOn: LocalDate(parsing: WebFixture.today)))
            .first { $0.departmentID != all[0].id && $0.departmentID != nil }!
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/admin/users", method: .get, headers: admin.headers())
            #expect(page.text.contains("action=\"/admin/users/\(supervisor.id)/departments\""))
            #expect(try await client.execute(uri: "/employees/\(other.id)", method: .get, headers: sup.headers()).status == .notFound)
            let form = all.map { "department=\($0.id)" }.joined(separator: "&")
            #expect(try await Self.post(client, "/admin/users/\(supervisor.id)/departments", form, as: admin).status == .seeOther)
            #expect(Set(try await fixture.store.supervisedDepartments(supervisor.id)) == Set(all.map(\.id)))
            #expect(try await client.execute(uri: "/employees/\(other.id)", method: .get, headers: sup.headers()).status == .ok)
        }
    }

    @Test func englishIsOneClickAway() async throws {
        let fixture = try await WebFixture()
        let browser = try await fixture.browser(.hr)
        try await fixture.application().test(.router) { client in
            let switched = try await client.execute(uri: "/lang/en?next=/paths", method: .get, headers: browser.headers())
            #expect(switched.headers[.location] == "/paths")
            let cookie = try #require(switched.headers[.setCookie]?.split(separator: ";").first)
            var headers = browser.headers()
            headers[.cookie] = headers[.cookie]! + "; " + cookie
            let page = try await client.execute(uri: "/", method: .get, headers: headers)
            #expect(page.text.contains("<html lang=\"en\">") && page.text.contains("Headcount") && page.text.contains("Log out"))
            let japanese = try await client.execute(uri: "/", method: .get, headers: browser.headers())
            #expect(japanese.text.contains("在籍人数"))
        }
        #expect(UIStrings.japanese.count == UIStrings.table.count && UIStrings.english.count == UIStrings.table.count)
    }

    @Test func openAPIDocumentListsExactlyTheAPIRoutes() async throws {
        let fixture = try await WebFixture()
        let router = try await WebServer.buildRouter(configuration: fixture.configuration, store: fixture.store)
        let served = Set(router.routes.filter { $0.path.description.hasPrefix("/api/v1/") && $0.path.description != "/api/v1/openapi.json" }
            .map { "\($0.method.rawValue.lowercased()) \($0.path.description.dropFirst("/api/v1".count))" })
        try await Application(router: router, logger: WebFixture.quietLogger).test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
            #expect(documented == served)
            // An independent validator, when Python's openapi-spec-validator is installed (make deps installs it).
            let file = fixture.directory + "/openapi.json"
            try Data(response.body.readableBytesView).write(to: URL(fileURLWithPath: file))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import sys; from openapi_spec_validator import validate; from openapi_spec_validator.readers import read_from_filename; validate(read_from_filename(sys.argv[1])[0])", file]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "openapi-spec-validator rejected the document")
        }
    }

    @Test func theCachedCatalogFollowsChanges() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let browser = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let before = try await client.execute(uri: "/api/v1/skills", method: .get, headers: browser.headers())
            let count = try JSONSerialization.jsonObject(with: Data(before.body.readableBytesView)) as! [Any]
            let category = try await fixture.store.categories(company: hanawa.id)[0]
            _ = try await fixture.store.addSkill(
                Skill(id: .init(0), companyID: hanawa.id, categoryID: category.id, code: "NEW-01", name: "新しい技能"), by: "test")
            let after = try await client.execute(uri: "/api/v1/skills", method: .get, headers: browser.headers())
            let list = try JSONSerialization.jsonObject(with: Data(after.body.readableBytesView)) as! [[String: Any]]
            #expect(list.count == count.count + 1)
            #expect(list.contains { $0["code"] as? String == "NEW-01" })
        }
    }

    @Test func metricsCountRequestsByRoute() async throws {
        let fixture = try await WebFixture()
        let browser = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            _ = try await client.execute(uri: "/clips/\(try await fixture.readyClip().id)", method: .get, headers: browser.headers())
            _ = try await client.execute(uri: "/no/such/page", method: .get, headers: browser.headers())
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains("densho_http_requests_total{method=\"GET\",route=\"/clips/{id}\",status=\"200\"} 1"))
            #expect(metrics.contains("densho_http_request_duration_seconds_bucket{route=\"/clips/{id}\",le=\"+Inf\"} 1"))
            #expect(metrics.contains("densho_jobs{state=\"done\"} 1"))
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.text == #"{"database":"ok","status":"ok"}"#)
        }
    }
}

@Suite("Static files")
struct StaticFileTests {
    @Test func stylesheetAndScriptAreServed() async throws {
        let fixture = try await WebFixture()
        try await fixture.application().test(.router) { client in
            let css = try await client.execute(uri: "/static/densho.css", method: .get)
            #expect(css.status == .ok && css.text.contains(".grid"))
            let js = try await client.execute(uri: "/static/densho.js", method: .get)
            #expect(js.status == .ok && js.text.contains("Tus-Resumable"))
            let outside = try await client.execute(uri: "/static/../layout.mustache", method: .get)
            #expect(outside.status == .badRequest && !outside.text.contains("{{"), "\(outside.status) \(outside.text.prefix(80))")
        }
    }
}
