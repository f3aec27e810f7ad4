import Foundation

/// Text encodings found in Japanese office CSV files.
public enum CSVEncoding: String, Sendable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// Shift_JIS as Windows and Excel write it (CP932 / Windows-31J, with ①, ㈱, Ⅱ …).
    case shiftJIS = "sjis"
}

/// A file whose bytes are neither UTF-8 nor Shift_JIS.
public struct EncodingError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public var description: String {
        "\(file):\(line): the file is neither UTF-8 nor Shift_JIS (CP932); save it again as CSV UTF-8 or CSV (Shift_JIS)"
    }
}

public enum TextDecoding {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Decodes `data`: UTF-8 (a BOM is dropped) when valid, else Shift_JIS/CP932.
    /// - Throws: `EncodingError` naming the first line that is valid in neither.
    public static func decode(_ data: Data, file: String) throws -> (text: String, encoding: CSVEncoding) {
        var bytes = [UInt8](data)
        if bytes.starts(with: bom) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        if let text = String(data: Data(bytes), encoding: .shiftJIS) { return (text, .shiftJIS) }
        throw EncodingError(file: file, line: firstBrokenLine(bytes))
    }

    /// The 1-based number of the first line that neither decoder accepts.
    static func firstBrokenLine(_ bytes: [UInt8]) -> Int {
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let valid = String(validating: line, as: UTF8.self) != nil
                || String(data: Data(line), encoding: .shiftJIS) != nil
            if !valid { return index + 1 }
        }
        return 1
    }

    /// Encodes CSV text for Excel: UTF-8 with a BOM (so Excel detects it), or Shift_JIS for older tools.
    public static func encode(_ text: String, as encoding: CSVEncoding) throws -> Data {
        switch encoding {
        case .utf8:
            return Data(bom) + Data(text.utf8)
        case .shiftJIS:
            guard let data = text.data(using: .shiftJIS) else {
                let bad = text.first { String($0).data(using: .shiftJIS) == nil }.map { String($0) } ?? "?"
                throw CSVFormatError(message: "'\(bad)' cannot be written in Shift_JIS; export as UTF-8 instead")
            }
            return data
        }
    }
}

/// A structural problem in a CSV file.
public struct CSVFormatError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
