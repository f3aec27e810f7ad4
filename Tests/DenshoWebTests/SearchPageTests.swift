import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DenshoWeb

/// The search page, the header box's suggestions and the API, on the demo company, as each role sees them.
@Suite("Search pages: the header box, suggestions, marks and who sees which hits")
struct SearchPageTests {
    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test func readingsAndRomajiFindSkillsWithTheMatchMarked() async throws {
        let fixture = try await WebFixture()
        let staff = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            for typed in ["せんばん", "senban", "ｾﾝﾊﾞﾝ", "旋盤"] {
                let page = try await client.execute(uri: "/search?q=\(Self.query(typed))", method: .get, headers: staff.headers())
                #expect(page.status == .ok)
                #expect(page.text.contains("<mark>旋盤</mark>"), "\(typed)")
                #expect(page.text.contains("value=\"\(typed)\""), "\(typed)")
            }
        }
    }

    @Test func peopleAreFoundOnlyByThoseWhoMayOpenThem() async throws {
        let fixture = try await WebFixture()
        let company = try await fixture.company("hanawa")
        let sakiko = try #require(try await fixture.store.employees(company: company.id, filter: EmployeeFilter()).first { $0.name == "髙橋 﨑子" })
        let hr = try await fixture.browser(.hr)
        let staff = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/search?q=\(Self.query("たかはし"))", method: .get, headers: hr.headers())
            #expect(page.text.contains("href=\"/employees/\(sakiko.id)\"") && page.text.contains("<mark>髙橋</mark>"))
            let api = try await client.execute(uri: "/api/v1/search?q=\(Self.query("高橋"))", method: .get, headers: hr.headers())
            let hits = try JSONDecoder().decode([APIController.HitJSON].self, from: Data(api.text.utf8))
            #expect(hits.contains { $0.href == "/employees/\(sakiko.id)" && $0.kind == "employee" && $0.titleParts.first?.match == true })
            // 20 a page; さらに表示 asks for twice as many.
            let many = try await client.execute(uri: "/search?q=\(Self.query("さ"))", method: .get, headers: hr.headers())
            #expect(many.text.components(separatedBy: "<li><span class=\"tag\">").count - 1 == 20)
            #expect(many.text.contains("id=\"search-more\"") && many.text.contains("&amp;n=40"))
            let more = try await client.execute(uri: "/search?q=\(Self.query("さ"))&n=40", method: .get, headers: hr.headers())
            #expect(more.text.components(separatedBy: "<li><span class=\"tag\">").count - 1 > 20)
            let theirs = try await client.execute(uri: "/search?q=\(Self.query("たかはし"))", method: .get, headers: staff.headers())
            #expect(theirs.status == .ok && !theirs.text.contains("href=\"/employees/\(sakiko.id)\""))
            let suggestions = try await client.execute(uri: "/search/suggest?q=\(Self.query("たかはし"))", method: .get, headers: staff.headers())
            #expect(!suggestions.text.contains("/employees/\(sakiko.id)"))
        }
    }

    @Test func suggestionsAreShortJSONWithParts() async throws {
        let fixture = try await WebFixture()
        let staff = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/search/suggest?q=\(Self.query("ようせつ"))", method: .get, headers: staff.headers())
            #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("application/json") == true)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            let hits = try #require(object["hits"] as? [[String: Any]])
            #expect(!hits.isEmpty && hits.count <= 8)
            let parts = try #require(hits.first?["title"] as? [[String: Any]])
            #expect(parts.contains { $0["match"] as? Bool == true && $0["text"] as? String == "溶接" })
            let empty = try await client.execute(uri: "/search/suggest?q=", method: .get, headers: staff.headers())
            #expect(empty.status == .ok && empty.text.contains("\"hits\":[]"))
        }
    }

    @Test func theHeaderBoxIsOnEveryMemberPageInBothLanguages() async throws {
        let fixture = try await WebFixture()
        let staff = try await fixture.browser(.staff)
        let association = try await fixture.browser(.association)
        try await fixture.application().test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get, headers: staff.headers())
            #expect(home.text.contains("id=\"site-search-q\"") && home.text.contains("人・技能・動画・マニュアルを検索"))
            var english = staff.headers()
            english[.cookie] = (english[.cookie] ?? "") + "; \(Language.cookieName)=en"
            let page = try await client.execute(uri: "/search?q=%22", method: .get, headers: english)
            #expect(page.text.contains("Search people, skills, videos and manuals"))
            #expect(page.text.contains("Nothing to search for: type letters or digits."))
            let long = try await client.execute(uri: "/search?q=\(String(repeating: "%E6%97%8B", count: 300))", method: .get, headers: english)
            #expect(long.status == .ok && long.text.contains("its first 200 characters were searched"))
            let outsider = try await client.execute(uri: "/", method: .get, headers: association.headers())
            #expect(outsider.status == .ok)
            #expect(!outsider.text.contains("id=\"site-search-q\""))
        }
    }

    /// A revision being written is read by writers and approvers only: HR finds, lists and fetches the approved text.
    @Test func draftsReachOnlyThoseWhoMayOpenThem() async throws {
        let fixture = try await WebFixture()
        let company = try await fixture.company("hanawa")
        let store = fixture.store
        let manual = try await store.addManual(
            Manual(id: .init(0), companyID: company.id, clipID: nil, title: "公開の段取り手順", author: "t",
                   steps: [ManualStep(mainStep: "治具を清掃する", keyPoint: "公開手順", start: 0)]), by: "t")
        _ = try await store.approveManual(manual.id, company: company.id, by: "admin", approverName: "班長")
        _ = try await store.updateManual(
            manual.id, title: "草案の題名", documentNumber: "", steps: [ManualStep(mainStep: "社外秘の段取り", start: 0)], reason: "改訂",
            majorChange: false, company: company.id, by: "t")
        let hr = try await fixture.browser(.hr)
        let admin = try await fixture.browser(.admin)
        try await fixture.application().test(.router) { client in
            for (typed, found) in [("社外秘", false), ("草案", false), ("公開手順", true)] {
                let hits = try await client.execute(uri: "/api/v1/search?q=\(Self.query(typed))", method: .get, headers: hr.headers())
                #expect(hits.text.contains("/manuals/\(manual.id)") == found, "\(typed)")
            }
            let one = try await client.execute(uri: "/api/v1/manuals/\(manual.id)", method: .get, headers: hr.headers())
            #expect(one.text.contains("公開の段取り手順") && !one.text.contains("社外秘"))
            let list = try await client.execute(uri: "/manuals", method: .get, headers: hr.headers())
            #expect(list.text.contains("公開の段取り手順") && !list.text.contains("草案の題名"))
            let all = try await client.execute(uri: "/api/v1/manuals", method: .get, headers: hr.headers())
            #expect(all.text.contains("公開の段取り手順") && !all.text.contains("社外秘"))
            // Writers still see what they are writing.
            let theirs = try await client.execute(uri: "/manuals", method: .get, headers: admin.headers())
            #expect(theirs.text.contains("草案の題名"))
            // The suggestions answer a script: problem+json, not the login form.
            let anonymous = try await client.execute(uri: "/search/suggest?q=a", method: .get)
            #expect(anonymous.status == .unauthorized && anonymous.headers[.contentType]?.contains("json") == true)
        }
    }
}
