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
        let fields = FormFields(encoded: String(buffer: buffer))
        guard !fields.pairs.contains(where: { ControlCharacters.forbidden(in: $0.name) || ControlCharacters.forbidden(in: $0.value) }) else {
            throw ControlCharacters.error
        }
        return fields
    }
}

/// Control characters have no place in anything typed into a form. A NUL in particular is cut off
/// by SQLite and bcrypt alike (C strings): "ab\0…" would be stored as "ab", or log in as "ab".
enum ControlCharacters {
    /// Any C0 control but tab, line feed and carriage return, DEL, or a C1 control.
    static func forbidden(in text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || (0x7F...0x9F).contains(scalar.value)
        }
    }

    static let error = WebError.badRequest("入力に使えない文字（制御文字）が含まれています。", "The input contains control characters.")
}
