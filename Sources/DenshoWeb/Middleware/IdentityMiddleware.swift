import DenshoDomain
import Foundation
import Hummingbird

/// Finds who is calling: a session cookie (browsers) or `Authorization: Bearer` (scripts using the
/// API). Sets the language too. It never rejects: routes decide what an anonymous caller may do.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "densho_session"
    static let operationsPaths: Set<String> = ["/livez", "/healthz", "/metrics"]

    let store: any DenshoRepository
    let configuration: WebConfiguration
    let cache: IdentityCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.language = Language(request: request)
        let now = Date().timeIntervalSince1970
        // Operations endpoints need nobody; `/metrics` reads its own bearer token (a scraper's, not an API token).
        if Self.operationsPaths.contains(request.uri.path) { return try await next(request, context) }
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            let hash = Tokens.digest(token)
            if let cached = cache.get(IdentityCache.tokenKey(hash), now: now) {
                context.identity = cached
            } else {
                guard let account = try await store.account(apiTokenHash: hash) else {
                    throw WebError(.unauthorized, ja: "APIトークンが無効です。", en: "The API token is not valid.")
                }
                let identity = try await identity(account, session: nil)
                cache.put(IdentityCache.tokenKey(hash), identity, now: now)
                context.identity = identity
            }
        } else if let token = request.cookieValue(Self.cookieName) {
            let hash = Tokens.digest(token)
            if let cached = cache.get(IdentityCache.sessionKey(hash), now: now), (cached.session?.expiresAt ?? 0) > now {
                context.identity = cached
            } else if let (session, account) = try await store.session(tokenHash: hash, now: now, maxAge: configuration.sessionMaxAge) {
                // Extend a sliding session at most every ten minutes, not on every request.
                var session = session
                if session.expiresAt - now < configuration.sessionLifetime - 600 {
                    session.expiresAt = now + configuration.sessionLifetime
                    try await store.touchSession(tokenHash: hash, expiresAt: session.expiresAt)
                }
                let identity = try await identity(account, session: session)
                cache.put(IdentityCache.sessionKey(hash), identity, now: now)
                context.identity = identity
            }
        }
        return try await next(request, context)
    }

    func identity(_ account: Account, session: SessionRecord?) async throws -> Identity {
        var company: Company?
        var supervised: [Department.ID] = []
        var ownDepartment: Department.ID?
        if let companyID = account.companyID {
            company = try await store.companies().first { $0.id == companyID }
            if account.role == .supervisor { supervised = try await store.supervisedDepartments(account.id) }
            if let employee = account.employeeID {
                ownDepartment = try await store.employee(employee, company: companyID)?.departmentID
            }
        }
        let policy = AccessPolicy(account: account, supervised: Set(supervised), ownDepartment: ownDepartment)
        return Identity(account: account, company: company, policy: policy, session: session)
    }
}
