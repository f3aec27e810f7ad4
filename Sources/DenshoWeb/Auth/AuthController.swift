import DenshoDomain
import Foundation
import Hummingbird

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
        return renderer.page(.login, title: context.language.text("login"), context: context,
                             data: LoginView(next: next, login: "", error: nil))
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        // Checked here, where every path the router sends to this handler (`/login/`, `//login`)
        // arrives, not by comparing paths in a middleware.
        guard CSRFMiddleware.sameOrigin(request) else { throw WebError.csrf }
        var request = request
        let form = try await request.form(context: context)
        let login = (form["login"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let next = Self.safeNext(form["next"])
        guard login.count <= LoginThrottle.maximumLoginLength, password.count <= PasswordHashing.maximumLength else {
            let error = WebError(.badRequest, ja: "ログインIDまたはパスワードが長すぎます。", en: "The login or password is too long.")
            return loginFailed(error, login: "", next: next, context: context)
        }
        let address = context.clientAddress
        let device = request.cookieValue(Self.deviceCookieName).map(Tokens.digest)
        var knownDevice: String?
        if let device, try await store.deviceLogin(tokenHash: device)?.lowercased() == login.lowercased() { knownDevice = device }
        let keys = LoginThrottle.keys(login: login, address: address, knownDevice: knownDevice)
        let now = Date().timeIntervalSince1970

        // Counted before bcrypt runs: parallel guesses each take a place in the count.
        if let wait = try await store.beginLoginAttempt(keys: keys, throttle: configuration.loginThrottle, now: now) {
            let seconds = Int(wait.rounded(.up))
            let error = WebError(
                .tooManyRequests, ja: "ログインの失敗が続いたため、\(Self.waitText(seconds, .ja))待ってからもう一度お試しください。",
                en: "Too many failed logins: try again in \(Self.waitText(seconds, .en)).",
                headers: [.retryAfter: String(seconds)])
            return loginFailed(error, login: login, next: next, context: context)
        }
        let candidate = try await store.credentials(login: login)
        let valid = try await PasswordHashing.verifyOffLoop(password, hash: candidate?.passwordHash)
        guard valid, let account = candidate?.account else {
            try await store.loginFailed(login: login, account: candidate?.account, address: address)
            let error = WebError(
                .unauthorized, ja: "ログインIDまたはパスワードが違います。", en: "Wrong login or password.")
            return loginFailed(error, login: login, next: next, context: context)
        }
        try await store.loginSucceeded(keys: keys, account: account, address: address)
        let token = Tokens.random()
        try await store.createSession(
            SessionRecord(tokenHash: Tokens.digest(token), accountID: account.id, csrfToken: Tokens.random(),
                          expiresAt: now + configuration.sessionLifetime))
        try await store.purgeExpiredSessions(now: now)
        var response = Response.redirect(to: next)
        response.setCookie(sessionCookie(token, maxAge: Int(configuration.sessionLifetime)))
        // Remember this browser for the person (a new random token each time: never one an
        // attacker could have seen before the login).
        let deviceToken = Tokens.random()
        try await store.addDevice(tokenHash: Tokens.digest(deviceToken), account: account.id)
        response.setCookie(Cookie(name: Self.deviceCookieName, value: deviceToken, maxAge: 400 * 86400, path: "/login",
                                  secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// The cookie that marks a browser its person has logged in with (see `LoginThrottle.keys`).
    static let deviceCookieName = "densho_device"

    /// "about 2 minutes" / "30 seconds", for the throttle's message.
    static func waitText(_ seconds: Int, _ language: Language) -> String {
        switch (seconds >= 90, language) {
        case (true, .ja): "約\((seconds + 59) / 60)分"
        case (true, .en): "about \((seconds + 59) / 60) minutes"
        case (false, .ja): "\(seconds)秒"
        case (false, .en): "\(seconds) seconds"
        }
    }

    func loginFailed(_ error: WebError, login: String, next: String, context: AppRequestContext) -> Response {
        var response = renderer.page(
            .login, title: context.language.text("login"), context: context,
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
        return renderer.page(.password, title: context.language.text("changePassword"), context: context,
                             data: ["error": "", "done": ""])
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var request = request
        let form = try await request.form(context: context)
        let current = form["current"] ?? "", new = form["new"] ?? "", again = form["again"] ?? ""
        func fail(_ ja: String, _ en: String) -> Response {
            renderer.page(.password, title: context.language.text("changePassword"), context: context,
                          data: ["error": context.language == .ja ? ja : en], status: .badRequest)
        }
        guard let stored = try await store.credentials(login: identity.account.login) else { throw WebError.unauthenticated }
        guard try await PasswordHashing.verifyOffLoop(current, hash: stored.passwordHash) else {
            return fail("現在のパスワードが違います。", "The current password is wrong.")
        }
        guard new == again else { return fail("新しいパスワードが一致しません。", "The new passwords differ.") }
        if let problem = PasswordHashing.problem(new) { return fail(problem.ja, problem.en) }
        let hash = try await PasswordHashing.hashOffLoop(new)
        try await store.setPassword(identity.account.id, hash: hash, by: identity.account.login)
        // Other browsers logged in with the old password are logged out; scripts' API tokens go too
        // unless the person unticked that (the form's default is to revoke them).
        try await store.deleteSessions(of: identity.account.id, keeping: identity.session?.tokenHash)
        var revoked = 0
        if form["keep_tokens"] != "1" { revoked = try await store.revokeAPITokens(of: identity.account.id, by: identity.account.login) }
        identities.remove(account: identity.account.id)
        let done = context.language == .ja
            ? "パスワードを変更しました。" + (revoked > 0 ? "APIトークン\(revoked)件を失効させました。" : "")
            : "Password changed." + (revoked > 0 ? " \(revoked) API token\(revoked == 1 ? " was" : "s were") revoked." : "")
        return renderer.page(.password, title: context.language.text("changePassword"), context: context, data: ["done": done])
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

    /// Only paths on this site. Anything a browser could read as another host — `//evil`, `/\\evil`,
    /// `/<TAB>/evil` (browsers drop tabs and newlines from URLs), an encoded slash or backslash at
    /// the start, any control character or white space — sends the caller home instead.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), next.count <= 2048 else { return "/" }
        let forbidden = next.unicodeScalars.contains {
            $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" || $0.properties.isWhitespace
                || ($0.value >= 0x80 && $0.value < 0xA0)
        }
        guard !forbidden, !next.hasPrefix("//") else { return "/" }
        // A path that decodes to something starting with two slashes or a backslash.
        let decoded = next.removingPercentEncoding ?? ""
        guard !decoded.hasPrefix("//"), !decoded.hasPrefix("/\\"),
            !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return "/" }
        return next
    }
}
