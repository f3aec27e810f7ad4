import Foundation

extension LocalDate {
    /// Parses the ways dates appear in Japanese office files: `2024-04-01`, `2024/4/1`, `2024.4.1`,
    /// `2024年4月1日`, `20240401`, and 和暦 such as `令和6年4月1日`, `R6.4.1` or `S55.4.1`, checked against the
    /// era's first and last day. Full-width digits are accepted. Returns nil for anything else or an impossible
    /// day. One parser for the whole product: this is `JapaneseDate.date` without Excel serials.
    public init?(parsing raw: String) {
        guard let date = JapaneseDate.date(raw) else { return nil }
        self = date
    }
}

extension LocalDate {
    /// `YYYY-MM-DD` or `YYYY/MM/DD` exactly, the form of stored and exported dates, read without
    /// allocating. Anything else goes through the general parser.
    static func parsePlain(_ text: String) -> LocalDate? {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { b -> LocalDate? in
            guard b.count == 10, b[4] == b[7], b[4] == UInt8(ascii: "-") || b[4] == UInt8(ascii: "/") else { return nil }
            func digits(_ range: Range<Int>) -> Int? {
                var value = 0
                for i in range {
                    let d = Int(b[i]) - 48
                    guard (0...9).contains(d) else { return nil }
                    value = value * 10 + d
                }
                return value
            }
            guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
            return LocalDate(year: y, month: m, day: d)
        } ?? nil
    }
}
