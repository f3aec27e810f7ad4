import DenshoDomain
import Foundation
import HTTPTypes
import Hummingbird

/// Every state-changing request made with a session cookie must carry the session's form token:
/// a `_csrf` form field or an `X-CSRF-Token` header (scripts such as the uploader). API calls
/// authenticated by a bearer token carry no cookie, so a foreign page cannot forge them.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let headerName = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        // Logging in has no session and so no form token: a login form posted from another site
        // (login CSRF, logging the victim into the attacker's account) is refused by its origin,
        // in `AuthController.login` itself (every path the router sends there).
        if request.uri.path == "/login" { return try await next(request, context) }
        guard let session = context.identity?.session else {
            // Bearer-token requests have no session and need no form token; anonymous ones fail later with 401.
            return try await next(request, context)
        }
        var request = request
        var context = context
        var presented = request.headers[Self.headerName]
        if presented == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let form = try await request.form(context: context)
            presented = form["_csrf"]
            context.form = form
        }
        guard let presented, Tokens.equal(presented, session.csrfToken) else { throw WebError.csrf }
        return try await next(request, context)
    }

    /// Whether the `Origin` (or, without one, the `Referer`) names this host. A request with neither
    /// (a script, an old browser) passes: browsers send `Origin` on every cross-site form post.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let claimed = request.headers[.origin] ?? request.headers[.referer] else { return true }
        guard let host = request.head.authority?.lowercased() else { return false }
        guard claimed != "null", let url = URL(string: claimed), let claimedHost = url.host?.lowercased() else { return false }
        let authority = url.port.map { "\(claimedHost):\($0)" } ?? claimedHost
        return authority == host || (url.port == nil && host == claimedHost + (url.scheme == "https" ? ":443" : ":80"))
    }
}
