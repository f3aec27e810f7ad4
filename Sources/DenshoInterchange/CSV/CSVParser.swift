import Foundation

/// One record of a CSV file and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
}

/// RFC 4180 CSV as Excel writes it: commas, double-quoted fields with `""` escapes, fields that
/// span lines, CRLF or LF line ends. Blank lines are skipped.
///
/// It scans UTF-8 bytes: every byte with meaning here (`,` `"` CR LF) is ASCII and never part of a
/// multi-byte character, so fields are sliced out without decoding character by character.
public enum CSVParser {
    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    public static func parse(_ text: String, file: String) throws -> [CSVRecord] {
        var text = text
        return try text.withUTF8 { try parse(bytes: $0, file: file) }
    }

    static func parse(bytes b: UnsafeBufferPointer<UInt8>, file: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var i = 0
        let n = b.count

        func endRecord() {
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
        }

        while i <= n {
            // At the start of a field.
            if i < n && b[i] == quote {
                var bytes: [UInt8] = []
                i += 1
                let openedOn = line
                while true {
                    guard i < n else {
                        throw CSVFormatError(message: "\(file):\(openedOn): a quoted field is never closed")
                    }
                    if b[i] == quote {
                        if i + 1 < n && b[i + 1] == quote {
                            bytes.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if b[i] == lf { line += 1 }
                    bytes.append(b[i])
                    i += 1
                }
                fields.append(String(decoding: bytes, as: UTF8.self))
                guard i == n || b[i] == comma || b[i] == cr || b[i] == lf else {
                    throw CSVFormatError(message: "\(file):\(line): unexpected text after a closing quote")
                }
            } else {
                let start = i
                while i < n && b[i] != comma && b[i] != cr && b[i] != lf { i += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
            }
            // After a field: a comma, a line end, or the end of the text.
            if i >= n {
                if !(fields.count == 1 && fields[0].isEmpty) { endRecord() }
                break
            }
            if b[i] == comma {
                i += 1
                if i == n { fields.append(""); endRecord(); break }
                continue
            }
            if b[i] == cr && i + 1 < n && b[i + 1] == lf { i += 1 }
            i += 1
            endRecord()
            line += 1
            recordLine = line
            if i == n { break }
        }
        return records
    }
}

/// Writes CSV with CRLF line ends, quoting only fields that need it. Every field that a spreadsheet would run as a
/// formula gets a leading `'` (`CSVFormulaGuard`), so every CSV the product makes is safe to open in Excel.
public enum CSVWriter {
    public static func write(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One field as written: formula-guarded, then quoted if needed.
    static func field(_ value: String) -> String {
        quote(CSVFormulaGuard.escape(value))
    }

    static func quote(_ field: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
