import Foundation
import HTTPTypes
import Hummingbird

/// JSON bodies with stable key order (diffs, tests) and dates as the domain's strings.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        make(body: ByteBuffer(bytes: try encoder.encode(value)), status: status)
    }

    static func make(body: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: body))
    }
}
