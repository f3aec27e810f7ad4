import Foundation

/// Dates and years as Japanese offices write them: 和暦 (`S55.4.1`, `昭和55年4月1日`, `令和元年5月1日`), Western
/// (`2025/4/1`, `2025年4月1日`, `20250401`), full-width digits, and Excel serial numbers that a date cell turns
/// into when a sheet is saved as CSV with the wrong cell format.
///
/// Payroll and attendance systems export 入社日 and 生年月日 in whichever of these the vendor chose, so an import
/// that accepts one form refuses a company's whole roster. Every form is checked, not just split: the day must
/// exist (no 2月30日) and an era date must fall within that era (平成31年4月30日 is the last day of 平成;
/// 平成31年5月1日 never existed, that day is 令和元年5月1日). Anything else is nil, never a guess.
public enum JapaneseDate {
    /// The date written in `text`, or nil.
    ///
    /// Accepted, with surrounding spaces and spaces around separators (`H20. 4. 1`), in full-width or half-width:
    /// - 和暦 with a letter (`M` `T` `S` `H` `R`, either case): `S55.4.1`, `H12/4/1`, `H12-4-1`, `R07.04.01`.
    /// - 和暦 with the era's name: `昭和55年4月1日`, `令和元年5月1日`; also `令和7.4.1`.
    /// - Western: `2025/4/1`, `2025-04-01`, `2025.4.1`, `2025年4月1日`, `20250401`.
    /// - With `allowSerial`, an Excel serial day number (`45748`, `45748.0`; see `excelSerial`). Only callers that
    ///   read a column known to hold dates should allow it: any number from 1 to 80000 is then a date.
    ///
    /// One separator is used throughout (`2025/4-1` is refused); the kanji form is `年`, `月` and an optional `日`.
    public static func date(_ text: String, allowSerial: Bool = false) -> LocalDate? {
        if let stored = LocalDate.parsePlain(text) { return stored }  // `2025-04-01`, without allocating
        var input = DateText(text)
        if let date = written(&input) { return date }
        guard allowSerial, let serial = DateText(text).serial() else { return nil }
        return excelSerial(serial)
    }

    /// The year written in `text`, for 生年 columns: `1980`, `1980年`, `S55`, `昭和55`, `昭和55年`, `平成元年`, or a
    /// whole date in any form `date` accepts (its year). An era year must exist: `平成31` is 2019, `平成32` is nil.
    public static func year(_ text: String) -> Int? {
        if let whole = date(text) { return whole.year }
        var input = DateText(text)
        let year: Int
        if let era = input.era() {
            guard let number = input.eraYear() else { return nil }
            year = era.firstYear + number - 1
            guard era.lastYear.map({ year <= $0 }) ?? true else { return nil }
        } else {
            guard let number = input.number(), number.digits == 4 else { return nil }
            year = number.value
        }
        input.skipSpaces()
        _ = input.take("年")
        input.skipSpaces()
        return input.atEnd ? year : nil
    }

    /// The day of an Excel serial number in the 1900 date system (Windows Excel's default), or nil outside
    /// 1…80000 (1900-01-01 … 2119).
    ///
    /// Excel counts 1900-01-01 as day 1 and, copying Lotus 1-2-3, believes 1900 was a leap year: serial 60 is
    /// 1900-02-29, a day that never existed, so it is nil, and every serial after it is one more than the true
    /// count of days (61 is 1900-03-01). A fraction is the time of day and is dropped (`45748.75` is 2025-04-01).
    public static func excelSerial(_ serial: Double) -> LocalDate? {
        guard serial.isFinite, serial >= 1, serial < 80001 else { return nil }
        let day = Int(serial.rounded(.down))
        guard day != 60 else { return nil }
        // Serial 25569 is 1970-01-01, day 0 of `LocalDate.dayNumber`, once past the fake leap day.
        return LocalDate(dayNumber: day - (day > 60 ? 25569 : 25568))
    }

    /// A Japanese era: its names and the first and last day it was in use, as `yyyymmdd` numbers (明治 begins
    /// before 1900, which `LocalDate` does not hold: its dates from 明治33年 on are the ones that can be read).
    struct Era: Sendable {
        var name: String
        var letter: Character
        var first: Int
        /// Nil for the current era.
        var last: Int?

        var firstYear: Int { first / 10000 }
        var lastYear: Int? { last.map { $0 / 10000 } }

        func contains(_ date: LocalDate) -> Bool {
            let day = date.year * 10000 + date.month * 100 + date.day
            return first <= day && last.map { day <= $0 } ?? true
        }
    }

    /// The eras since the Gregorian calendar (newest first). Each began the day after the last one ended.
    static let eras: [Era] = [
        Era(name: "令和", letter: "R", first: 2019_05_01, last: nil),
        Era(name: "平成", letter: "H", first: 1989_01_08, last: 2019_04_30),
        Era(name: "昭和", letter: "S", first: 1926_12_25, last: 1989_01_07),
        Era(name: "大正", letter: "T", first: 1912_07_30, last: 1926_12_24),
        Era(name: "明治", letter: "M", first: 1868_01_01, last: 1912_07_29),
    ]

    /// A date in one of the written (not serial) forms, or nil.
    static func written(_ input: inout DateText) -> LocalDate? {
        let era = input.era()
        let year: Int
        if let era {
            guard let number = input.eraYear() else { return nil }
            year = era.firstYear + number - 1
        } else {
            guard let number = input.number() else { return nil }
            if number.digits == 8 && input.atEnd {  // 20250401
                return LocalDate(year: number.value / 10000, month: number.value / 100 % 100, day: number.value % 100)
            }
            guard number.digits == 4 else { return nil }  // `25/4/1` could be 2025 or 令和25年
            year = number.value
        }
        input.skipSpaces()
        guard let separator = input.next(), "-/.年".contains(separator) else { return nil }
        input.skipSpaces()
        guard let month = input.number(), month.digits <= 2 else { return nil }
        input.skipSpaces()
        guard input.take(separator == "年" ? "月" : separator) else { return nil }
        input.skipSpaces()
        guard let day = input.number(), day.digits <= 2 else { return nil }
        input.skipSpaces()
        if separator == "年" {
            _ = input.take("日")
            input.skipSpaces()
        }
        guard input.atEnd, let date = LocalDate(year: year, month: month.value, day: day.value) else { return nil }
        if let era, !era.contains(date) { return nil }
        return date
    }
}

/// The text of a date, read left to right: NFKC (full-width digits and letters become ASCII, `㍻` becomes
/// `平成`), upper-cased (`r7` = `R7`) and trimmed.
struct DateText {
    var characters: [Character]
    var position = 0

    init(_ text: String) {
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
        characters = Array(folded.uppercased().trimmingCharacters(in: .whitespacesAndNewlines))
    }

    var atEnd: Bool { position == characters.count }

    mutating func next() -> Character? {
        guard !atEnd else { return nil }
        defer { position += 1 }
        return characters[position]
    }

    /// Steps over `character` when it comes next.
    mutating func take(_ character: Character) -> Bool {
        guard !atEnd, characters[position] == character else { return false }
        position += 1
        return true
    }

    mutating func skipSpaces() {
        while !atEnd, characters[position].isWhitespace { position += 1 }
    }

    /// A run of ASCII digits with its length; nil for none, or for more than nine (a longer run is read to its end
    /// but not added up, so it cannot overflow).
    mutating func number() -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while !atEnd, let digit = characters[position].asciiDigit {
            if digits < 9 { value = value * 10 + digit }
            digits += 1
            position += 1
        }
        guard (1...9).contains(digits) else { return nil }
        return (value: value, digits: digits)
    }

    /// An era's name or letter at the start.
    mutating func era() -> JapaneseDate.Era? {
        for era in JapaneseDate.eras {
            let name = Array(era.name)
            if characters[position...].starts(with: name) {
                position += name.count
                return era
            }
        }
        guard !atEnd, let era = JapaneseDate.eras.first(where: { $0.letter == characters[position] }) else { return nil }
        position += 1
        return era
    }

    /// The year within an era: `元` (the first year) or one or two digits from 1.
    mutating func eraYear() -> Int? {
        skipSpaces()
        if take("元") { return 1 }
        guard let read = number(), read.digits <= 2, read.value >= 1 else { return nil }
        return read.value
    }

    /// The whole text as a plain decimal number (`45748`, `45748.0`), for Excel serials.
    func serial() -> Double? {
        let text = String(characters)
        guard characters.first?.asciiDigit != nil, characters.last?.asciiDigit != nil,
            characters.allSatisfy({ $0.asciiDigit != nil || $0 == "." }), characters.filter({ $0 == "." }).count <= 1
        else { return nil }
        return Double(text)
    }
}

extension Character {
    /// 0–9 for the ASCII digits only (not `５` or `٥`: the text was folded to ASCII first).
    var asciiDigit: Int? {
        guard let ascii = asciiValue, (48...57).contains(ascii) else { return nil }
        return Int(ascii) - 48
    }
}
