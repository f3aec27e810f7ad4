import DenshoDomain
import Foundation
import Hummingbird

/// Finds who is calling: a session cookie (browsers) or `Authorization: Bearer` (scripts using the
/// API). Sets the language too. It never rejects: routes decide what an anonymous caller may do.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "densho_session"

    let store: any DenshoRepository
    let configuration: WebConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.language = Language(request: request)
        let now = Date().timeIntervalSince1970
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            guard let account = try await store.account(apiTokenHash: Tokens.digest(token)) else {
                throw WebError(.unauthorized, ja: "APIトークンが無効です。", en: "The API token is not valid.")
            }
            context.identity = try await identity(account, session: nil)
        } else if let token = request.cookies[Self.cookieName]?.value {
            let hash = Tokens.digest(token)
            if let (session, account) = try await store.session(tokenHash: hash, now: now) {
                // Extend a sliding session at most every ten minutes, not on every request.
                if session.expiresAt - now < configuration.sessionLifetime - 600 {
                    try await store.touchSession(tokenHash: hash, expiresAt: now + configuration.sessionLifetime)
                }
                context.identity = try await identity(account, session: session)
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
