import DenshoDomain
import Foundation
import Hummingbird

/// Counts the caller's unread notifications for the badge in the page header: one indexed count,
/// only for what a browser shows as a page (a logged-in session of a company member asking for
/// HTML), never for video ranges, scripts or the API.
struct UnreadCountMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: any DenshoRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let identity = context.identity, identity.session != nil, identity.company != nil,
            request.headers[.accept]?.contains("text/html") == true
        else { return try await next(request, context) }
        var context = context
        // A count that cannot be read leaves the badge out; the page itself still shows.
        context.unreadNotifications = (try? await store.unreadCount(account: identity.account.id)) ?? 0
        return try await next(request, context)
    }
}
