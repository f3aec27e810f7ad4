import DenshoDomain
import Foundation
import Hummingbird
import NIOCore

/// Who is calling, found by `IdentityMiddleware` from the session cookie or an API token.
public struct Identity: Sendable {
    public var account: Account
    /// The account's company (nil for the association administrator).
    public var company: Company?
    public var policy: AccessPolicy
    /// The session behind a browser request (nil for API tokens, which need no CSRF token).
    public var session: SessionRecord?
}

/// The request context of every route: the identity (if logged in) and the chosen language.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var language: Language = .ja
    /// The caller's unread notifications, for the header of pages (`UnreadCountMiddleware`).
    public var unreadNotifications = 0
    /// The form body as the CSRF check read it, for the handler (`Request.form(context:)`).
    var form: FormFields?
    /// The connection (file delivery writes from its event loop, with `sendfile` where its
    /// pipeline has `FileRegionHandler`).
    public let channel: any Channel

    public init(source: Source) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The client's IP address (nil in router tests, which have no socket).
    public var clientAddress: String? { channel.remoteAddress?.ipAddress }

    /// Form posts are small; uploads stream their bodies and never collect them.
    public var maxUploadSize: Int { 1 << 20 }
}

extension AppRequestContext {
    /// The logged-in identity, or 401 (pages turn it into a redirect to the login form).
    func requireIdentity() throws -> Identity {
        guard let identity else { throw WebError.unauthenticated }
        return identity
    }

    /// The identity of a company member (association accounts have no company records).
    func requireMember() throws -> (identity: Identity, company: Company) {
        let identity = try requireIdentity()
        guard let company = identity.company else { throw WebError.forbidden }
        return (identity, company)
    }

    func require(_ allowed: (AccessPolicy) -> Bool) throws -> (identity: Identity, company: Company) {
        let member = try requireMember()
        guard allowed(member.identity.policy) else { throw WebError.forbidden }
        return member
    }
}
