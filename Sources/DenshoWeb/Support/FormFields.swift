import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, in order, repeated names kept.
struct FormFields: Sendable {
    var pairs: [(name: String, value: String)]

    init(encoded: String) {
        pairs = encoded.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// A trimmed, non-empty value, or a 400 naming the field.
    func required(_ name: String, ja: String, en: String) throws -> String {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw WebError.badRequest("\(ja)を入力してください。", "\(en) is required.")
        }
        return value
    }

    func int(_ name: String) -> Int? { self[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    func int64(_ name: String) -> Int64? { self[name].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) } }
}

extension Request {
    /// Reads a small form body (the context's upload limit applies). `collectBody` keeps the
    /// collected bytes as the body, so the CSRF check and the handler can both read it.
    mutating func form(context: AppRequestContext) async throws -> FormFields {
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        return FormFields(encoded: String(buffer: buffer))
    }
}
