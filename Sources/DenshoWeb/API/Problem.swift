import Foundation
import HTTPTypes
import Hummingbird

/// An API error as `application/problem+json` (RFC 9457).
struct Problem: Encodable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var instance: String

    init(error: WebError, language: Language, instance: String) {
        title = error.status.reasonPhrase
        status = error.status.code
        detail = error.message(language)
        self.instance = instance
        headers = error.headers
    }

    private var headers: HTTPFields
    private enum CodingKeys: String, CodingKey { case type, title, status, detail, instance }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        var fields = headers
        fields[.contentType] = "application/problem+json"
        fields[.cacheControl] = "no-store"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
