import Foundation
import Hummingbird
import Logging

/// One structured log line per request (method, route, status, duration, account) and the
/// matching metrics. Outermost, so it sees the status the error middleware chose.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let route = context.endpointPath ?? "unmatched"
            metrics.record(method: request.method.rawValue, route: route, status: status, seconds: seconds)
            context.logger.info(
                "request",
                metadata: [
                    "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "route": "\(route)",
                    "status": "\(status)", "ms": "\(String(format: "%.1f", seconds * 1000))",
                ])
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
