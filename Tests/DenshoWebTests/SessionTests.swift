import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

@Suite("Sessions, login throttle, CSRF and API tokens")
struct SessionTests {
    static func form(_ text: String, cookie: String? = nil, csrf: String? = nil) -> (HTTPFields, ByteBuffer) {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = "\(IdentityMiddleware.cookieName)=\(cookie)" }
        if let csrf { headers[CSRFMiddleware.headerName] = csrf }
        return (headers, ByteBuffer(string: text))
    }

    static func sessionCookie(_ response: TestResponse) -> (value: String, attributes: String)? {
        for field in response.headers[values: .setCookie] where field.hasPrefix(IdentityMiddleware.cookieName + "=") {
            let value = field.dropFirst(IdentityMiddleware.cookieName.count + 1).prefix { $0 != ";" }
            return (String(value), field)
        }
        return nil
    }

    @Test func loginSetsAnHttpOnlySameSiteCookieThatSurvivesARestart() async throws {
        let fixture = try await WebFixture()
        let cookie = try await fixture.application().test(.router) { client in
            let (headers, body) = Self.form("login=hanawa-sup&password=\(DemoData.password)&next=/skillmap")
            let response = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/skillmap")
            let set = try #require(Self.sessionCookie(response))
            #expect(set.attributes.contains("HttpOnly") && set.attributes.contains("SameSite=Lax") && set.attributes.contains("Path=/"))
            #expect(!set.attributes.contains("Secure"))
            return set.value
        }
        // The session lives in SQLite: a new server process (a new router on the same file) knows it.
        let restarted = try SQLiteStore(dataDirectory: fixture.directory)
        let router = try await WebServer.buildRouter(configuration: fixture.configuration, store: restarted)
        try await Application(router: router, logger: WebFixture.quietLogger).test(.router) { client in
            let page = try await client.execute(
                uri: "/", method: .get, headers: [.cookie: "\(IdentityMiddleware.cookieName)=\(cookie)"])
            #expect(page.status == .ok)
            #expect(page.text.contains("菅原"))  // the demo supervisor's name in the header
        }
    }

    @Test func secureCookiesWhenConfiguredForTLS() async throws {
        let fixture = try await WebFixture()
        var configuration = fixture.configuration
        configuration.secureCookies = true
        let router = try await WebServer.buildRouter(configuration: configuration, store: fixture.store)
        try await Application(router: router, logger: WebFixture.quietLogger).test(.router) { client in
            let (headers, body) = Self.form("login=hanawa-hr&password=\(DemoData.password)")
            let response = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(try #require(Self.sessionCookie(response)).attributes.contains("Secure"))
        }
    }

    @Test func repeatedFailuresLockTheLoginEvenForTheRightPassword() async throws {
        let fixture = try await WebFixture()
        try await fixture.application().test(.router) { client in
            for _ in 0..<(fixture.configuration.loginThrottle.freeFailures[.pair] ?? 5) {
                let (headers, body) = Self.form("login=hanawa-admin&password=guess")
                let response = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("ログインIDまたはパスワードが違います"))
                #expect(Self.sessionCookie(response) == nil)
            }
            let (headers, body) = Self.form("login=HANAWA-ADMIN&password=\(DemoData.password)")
            let locked = try await client.execute(uri: "/login", method: .post, headers: headers, body: body)
            #expect(locked.status == .tooManyRequests)
            #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(locked.text.contains("ログインの失敗が続いたため"))
            #expect(Self.sessionCookie(locked) == nil)
            // Another login is not affected.
            let (h2, b2) = Self.form("login=hanawa-hr&password=\(DemoData.password)")
            #expect(try await client.execute(uri: "/login", method: .post, headers: h2, body: b2).status == .seeOther)
        }
    }

    @Test func nextMustStayOnThisSite() async throws {
        #expect(AuthController.safeNext("//evil.example/x") == "/")
        #expect(AuthController.safeNext("https://evil.example") == "/")
        #expect(AuthController.safeNext("/\\evil.example") == "/")
        #expect(AuthController.safeNext("/clips/3") == "/clips/3")
    }

    @Test func logoutAndPasswordChangeEndSessions() async throws {
        let fixture = try await WebFixture()
        let first = try await fixture.browser(.staff), second = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let (headers, body) = Self.form(
                "current=\(DemoData.password)&new=a-much-longer-pass&again=a-much-longer-pass", cookie: first.cookie, csrf: first.csrf)
            let changed = try await client.execute(uri: "/account/password", method: .post, headers: headers, body: body)
            #expect(changed.status == .ok)
            #expect(changed.text.contains("パスワードを変更しました"))
            // The other browser was logged out; this one stays.
            #expect(try await client.execute(uri: "/", method: .get, headers: second.headers()).status == .seeOther)
            #expect(try await client.execute(uri: "/", method: .get, headers: first.headers()).status == .ok)
            let (lh, lb) = Self.form("", cookie: first.cookie, csrf: first.csrf)
            let out = try await client.execute(uri: "/logout", method: .post, headers: lh, body: lb)
            #expect(Self.sessionCookie(out)?.attributes.contains("Max-Age=0") == true)
            #expect(try await client.execute(uri: "/", method: .get, headers: first.headers()).status == .seeOther)
        }
        let account = try await fixture.account("hanawa-staff")
        #expect(try await fixture.store.credentials(login: account.login)!.passwordHash.hasPrefix("$2"))
    }

    @Test func formsWithoutTheSessionsTokenAreRefusedAndChangeNothing() async throws {
        let fixture = try await WebFixture()
        let supervisor = try await fixture.browser(.supervisor)
        let staff = try await fixture.employee(of: "hanawa-staff")
        let hanawa = try await fixture.company("hanawa")
        let skill = try await fixture.store.skills(company: hanawa.id, includeRetired: false)[0]
        let before = try await fixture.store.evaluations(company: hanawa.id, employee: staff.id, skill: nil, state: nil).count
        try await fixture.application().test(.router) { client in
            let text = "employee=\(staff.id)&skill=\(skill.id)&level=3"
            let token = supervisor.csrf!
            let forged = (token.hasPrefix("0") ? "1" : "0") + token.dropFirst()  // differs in exactly one character
            for csrf in [nil, forged] as [String?] {
                let (headers, body) = Self.form(text + (csrf.map { "&_csrf=\($0)" } ?? ""), cookie: supervisor.cookie)
                let response = try await client.execute(uri: "/evaluations", method: .post, headers: headers, body: body)
                #expect(response.status == .forbidden)
                #expect(response.text.contains("フォームの有効期限が切れました"))
            }
            let (headers, body) = Self.form(text + "&_csrf=\(supervisor.csrf!)", cookie: supervisor.cookie)
            #expect(try await client.execute(uri: "/evaluations", method: .post, headers: headers, body: body).status == .seeOther)
        }
        let after = try await fixture.store.evaluations(company: hanawa.id, employee: staff.id, skill: nil, state: nil).count
        #expect(after == before + 1)
    }

    @Test func apiTokensAuthenticateScriptsWithoutCSRFAndCanBeRevoked() async throws {
        let fixture = try await WebFixture()
        let supervisor = try await fixture.browser(.supervisor)
        let staff = try await fixture.employee(of: "hanawa-staff")
        let hanawa = try await fixture.company("hanawa")
        let skill = try await fixture.store.skills(company: hanawa.id, includeRetired: false)[1]
        try await fixture.application().test(.router) { client in
            let (headers, body) = Self.form("name=nightly&_csrf=\(supervisor.csrf!)", cookie: supervisor.cookie)
            let page = try await client.execute(uri: "/account/tokens", method: .post, headers: headers, body: body)
            let token = try #require(page.text.firstMatch(of: /dsh_[0-9a-f]{64}/)).0
            let bearer: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer)
            #expect(me.status == .ok && me.text.contains("\"login\":\"hanawa-sup\""))
            let created = try await client.execute(
                uri: "/api/v1/evaluations", method: .post, headers: bearer,
                body: ByteBuffer(string: #"{"employeeID": \#(staff.id), "skillID": \#(skill.id), "level": 2, "note": "API"}"#))
            #expect(created.status == .created)
            #expect(created.text.contains("\"state\":\"approved\"") && created.text.contains("\"kind\":\"supervisor\""))
            let bad = try await client.execute(uri: "/api/v1/evaluations", method: .post, headers: bearer, body: ByteBuffer(string: "{"))
            #expect(bad.status == .badRequest && bad.headers[.contentType] == "application/problem+json")
            let tokens = try await fixture.store.apiTokens(account: try await fixture.account("hanawa-sup").id)
            #expect(tokens.first?.lastUsedAt != nil)
            let (rh, rb) = Self.form("_csrf=\(supervisor.csrf!)", cookie: supervisor.cookie)
            _ = try await client.execute(uri: "/account/tokens/\(tokens[0].id)/revoke", method: .post, headers: rh, body: rb)
            let revoked = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer)
            #expect(revoked.status == .unauthorized && revoked.headers[.contentType] == "application/problem+json")
            #expect(revoked.text.contains("APIトークンが無効です"))
        }
    }
}
