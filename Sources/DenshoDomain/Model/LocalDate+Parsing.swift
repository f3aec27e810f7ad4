import Foundation

extension LocalDate {
    /// Japanese eras that living employees' dates can fall in, newest first.
    static let eras: [(names: [String], firstYear: Int, start: (month: Int, day: Int))] = [
        (["令和", "R"], 2019, (5, 1)),
        (["平成", "H"], 1989, (1, 8)),
        (["昭和", "S"], 1926, (12, 25)),
    ]

    /// Parses the ways dates appear in Japanese office files: `2024-04-01`, `2024/4/1`,
    /// `2024.4.1`, `2024年4月1日`, `20240401`, and 和暦 such as `令和6年4月1日` or `R6.4.1`.
    /// Full-width digits are accepted. Returns nil for anything else or an impossible day.
    public init?(parsing raw: String) {
        if let fast = LocalDate.parsePlain(raw) {
            self = fast
            return
        }
        let text = raw.halfWidthASCII.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }

        var body = Substring(text)
        var eraBase: Int?
        for era in LocalDate.eras {
            if let name = era.names.first(where: { body.uppercased().hasPrefix($0) }) {
                eraBase = era.firstYear - 1
                body = body.dropFirst(name.count)
                break
            }
        }
        if eraBase != nil, body.hasPrefix("元") {  // 令和元年 = first year
            body = "1" + body.dropFirst()
        }

        let numbers: [Int]
        if eraBase == nil, body.count == 8, body.allSatisfy(\.isASCIIDigit) {
            let digits = Array(body)
            numbers = [Int(String(digits[0..<4]))!, Int(String(digits[4..<6]))!, Int(String(digits[6..<8]))!]
        } else {
            let parts = body.split(whereSeparator: { "-/.年月日 ".contains($0) })
            guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) && $0.count <= 4 })
            else { return nil }
            numbers = parts.map { Int($0)! }
            // Only these separators, and 年/月 must come in order when used.
            if body.contains("年") && !(body.contains("月")) { return nil }
        }
        let year = eraBase.map { $0 + numbers[0] } ?? numbers[0]
        guard eraBase != nil || numbers[0] >= 1000 else { return nil }
        self.init(year: year, month: numbers[1], day: numbers[2])
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

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
