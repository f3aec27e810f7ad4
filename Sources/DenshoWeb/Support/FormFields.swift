import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, in order, repeated names kept.
struct FormFields: Sendable {
    var pairs: [(name: String, value: String)]

    init(encoded: String) {
        self.init(bytes: Array(encoded.utf8)[...])
    }

    /// Splits and decodes the body's bytes directly: the form decoder runs on every post and
    /// every player beacon, so it does not go through Foundation's string bridging (which cost
    /// a third of a beacon's time).
    init(bytes: ArraySlice<UInt8>) {
        pairs = bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { pair in
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { return (Self.decode(pair), "") }
            return (Self.decode(pair[..<equals]), Self.decode(pair[(equals + 1)...]))
        }
    }

    /// `+` is a space and `%XY` a byte. A `%` not followed by two hex digits stays as it is; bytes
    /// that decode to no valid UTF-8 leave the text undecoded (only `+` made a space), as before.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var plusOnly: [UInt8] = []
        plusOnly.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
                plusOnly.append(0x20)
            } else if byte == UInt8(ascii: "%"), bytes.endIndex - index > 2, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                plusOnly.append(contentsOf: bytes[index...(index + 2)])
                index += 2
            } else {
                out.append(byte)
                plusOnly.append(byte)
            }
            index += 1
        }
        return String(validating: out, as: UTF8.self) ?? String(decoding: plusOnly, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
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

    func int(_ name: String) -> Int? { self[name].flatMap { Int(Self.trimmedSpaces($0)) } }
    func int64(_ name: String) -> Int64? { self[name].flatMap { Int64(Self.trimmedSpaces($0)) } }

    /// Drops the spaces and tabs around a number (without Foundation: beacons parse numbers too).
    private static func trimmedSpaces(_ text: String) -> Substring {
        var text = text[...]
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}

extension Request {
    /// Reads a small form body (the context's upload limit applies). The CSRF check parses it
    /// first and passes the fields on in the context, so a handler does not decode it again.
    mutating func form(context: AppRequestContext) async throws -> FormFields {
        if let parsed = context.form { return parsed }
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        let fields = FormFields(bytes: Array(buffer.readableBytesView)[...])
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
