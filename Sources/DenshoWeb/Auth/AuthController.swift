import DenshoDomain
import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix

/// Log in, log out, change one's password, switch the language.
struct AuthController {
    let store: any DenshoRepository
    let renderer: Renderer
    let configuration: WebConfiguration
    let identities: IdentityCache

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/login", use: loginForm)
        router.post("/login", use: login)
        router.post("/logout", use: logout)
        router.get("/account/password", use: passwordForm)
        router.post("/account/password", use: changePassword)
        router.get("/lang/{code}", use: switchLanguage)
    }

    struct LoginView {
        var next: String
        var login: String
        var error: String?
    }

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.identity != nil { return .redirect(to: "/") }
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        return renderer.page("login", title: context.language.text("login"), context: context,
                             data: LoginView(next: next, login: "", error: nil))
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context: context)
        let login = (form["login"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let next = Self.safeNext(form["next"])
        let key = login.lowercased()
        let now = Date().timeIntervalSince1970

        let failures = try await store.loginFailures(key: key)
        if failures.count >= configuration.maxLoginFailures, now - failures.last < configuration.lockSeconds {
            let wait = Int((configuration.lockSeconds - (now - failures.last)) / 60) + 1
            let error = WebError(
                .tooManyRequests, ja: "ログインに続けて失敗したため、約\(wait)分間ロックしています。",
                en: "Too many failed logins: locked for about \(wait) minutes.",
                headers: [.retryAfter: String(Int(configuration.lockSeconds - (now - failures.last)) + 1)])
            return loginFailed(error, login: login, next: next, context: context)
        }
        let candidate = try await store.credentials(login: login)
        // bcrypt takes tens of milliseconds of CPU: keep it off the event loop.
        let valid = try await NIOThreadPool.singleton.runIfActive {
            guard let candidate else {
                _ = Bcrypt.verify(password, hash: Self.dummyHash)  // same time whether or not the login exists
                return false
            }
            return Bcrypt.verify(password, hash: candidate.passwordHash)
        }
        guard valid, let account = candidate?.account else {
            try await store.recordLoginFailure(key: key, now: now)
            let error = WebError(
                .unauthorized, ja: "ログインIDまたはパスワードが違います。", en: "Wrong login or password.")
            return loginFailed(error, login: login, next: next, context: context)
        }
        try await store.clearLoginFailures(key: key)
        let token = Tokens.random()
        try await store.createSession(
            SessionRecord(tokenHash: Tokens.digest(token), accountID: account.id, csrfToken: Tokens.random(),
                          expiresAt: now + configuration.sessionLifetime))
        try await store.purgeExpiredSessions(now: now)
        var response = Response.redirect(to: next)
        response.setCookie(sessionCookie(token, maxAge: Int(configuration.sessionLifetime)))
        return response
    }

    func loginFailed(_ error: WebError, login: String, next: String, context: AppRequestContext) -> Response {
        var response = renderer.page(
            "login", title: context.language.text("login"), context: context,
            data: LoginView(next: next, login: login, error: error.message(context.language)), status: error.status)
        response.headers.append(contentsOf: error.headers)
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let session = context.identity?.session {
            try await store.deleteSession(tokenHash: session.tokenHash)
            identities.remove(IdentityCache.sessionKey(session.tokenHash))
        }
        var response = Response.redirect(to: "/login")
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }

    @Sendable func passwordForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        return renderer.page("password", title: context.language.text("changePassword"), context: context,
                             data: ["error": "", "done": ""])
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var request = request
        let form = try await request.form(context: context)
        let current = form["current"] ?? "", new = form["new"] ?? "", again = form["again"] ?? ""
        func fail(_ ja: String, _ en: String) -> Response {
            renderer.page("password", title: context.language.text("changePassword"), context: context,
                          data: ["error": context.language == .ja ? ja : en], status: .badRequest)
        }
        guard let stored = try await store.credentials(login: identity.account.login) else { throw WebError.unauthenticated }
        let ok = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(current, hash: stored.passwordHash) }
        guard ok else { return fail("現在のパスワードが違います。", "The current password is wrong.") }
        guard new == again else { return fail("新しいパスワードが一致しません。", "The new passwords differ.") }
        guard new.count >= 10 else { return fail("パスワードは10文字以上にしてください。", "Use at least 10 characters.") }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(new, cost: 10) }
        try await store.setPassword(identity.account.id, hash: hash, by: identity.account.login)
        // Other browsers logged in with the old password are logged out.
        try await store.deleteSessions(of: identity.account.id, keeping: identity.session?.tokenHash)
        identities.remove(account: identity.account.id)
        return renderer.page("password", title: context.language.text("changePassword"), context: context,
                             data: ["done": context.language == .ja ? "パスワードを変更しました。" : "Password changed."])
    }

    @Sendable func switchLanguage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(rawValue: context.parameters.get("code") ?? "") ?? .ja
        var response = Response.redirect(to: Self.safeNext(request.uri.queryParameters.get("next")))
        response.setCookie(Cookie(name: Language.cookieName, value: language.rawValue, maxAge: 365 * 86400, path: "/",
                                  secure: configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: IdentityMiddleware.cookieName, value: value, maxAge: maxAge, path: "/",
               secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// Only paths on this site: `//evil.example` and absolute URLs would be open redirects.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    /// A valid bcrypt hash of nothing anyone types, checked when the login does not exist.
    static let dummyHash = Bcrypt.hash("densho-no-such-account", cost: 10)
}
