import Foundation
import HTTPTypes
import Hummingbird

/// One JSON API operation. The router and the OpenAPI document are both built from the list of
/// these, so the published document cannot drift from the routes.
struct APIRoute: Sendable {
    var method: HTTPRequest.Method
    /// Path below `/api/v1`, with `{name}` parameters.
    var path: String
    var operationID: String
    var summary: String
    /// Name of the response schema in `components/schemas` (an array when `list` is set); empty
    /// for an operation that answers 204 No Content.
    var response: String
    var list = false
    /// Query parameters the operation reads.
    var query: [String] = []
    /// Name of the request body schema, if any.
    var body: String?
    var handler: @Sendable (Request, AppRequestContext) async throws -> Response
}
