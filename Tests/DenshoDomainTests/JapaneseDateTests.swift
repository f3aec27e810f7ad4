import DenshoDomain
import Testing

@Suite("JapaneseDate: 和暦, Western dates, 生年 and Excel serials as offices write them")
struct JapaneseDateTests {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day)! }

    static let dates: [(String, Int, Int, Int)] = [
        // 和暦 with a letter, either case, any separator, zero-padded or not.
        ("S55.4.1", 1980, 4, 1), ("s55.4.1", 1980, 4, 1), ("H12/4/1", 2000, 4, 1), ("h12-4-1", 2000, 4, 1),
        ("R7.4.1", 2025, 4, 1), ("R07.04.01", 2025, 4, 1), ("T5.3.3", 1916, 3, 3), ("M40.10.10", 1907, 10, 10),
        ("H20. 4. 1", 2008, 4, 1), ("R元.5.1", 2019, 5, 1),
        // 和暦 with the era's name.
        ("昭和55年4月1日", 1980, 4, 1), ("令和7年4月1日", 2025, 4, 1), ("令和元年5月1日", 2019, 5, 1),
        ("平成元年1月8日", 1989, 1, 8), ("大正3年1月1日", 1914, 1, 1), ("明治33年1月1日", 1900, 1, 1),
        ("令和 7年 4月 1日", 2025, 4, 1), ("令和7年4月1", 2025, 4, 1), ("令和7.4.1", 2025, 4, 1),
        // Western.
        ("2025/4/1", 2025, 4, 1), ("2025-04-01", 2025, 4, 1), ("2025.4.1", 2025, 4, 1), ("2025年4月1日", 2025, 4, 1),
        ("20250401", 2025, 4, 1), ("2024/2/29", 2024, 2, 29),
        // Full-width digits, letters and separators, the ideographic space, surrounding spaces.
        ("２０２５／４／１", 2025, 4, 1), ("Ｈ１２．４．１", 2000, 4, 1), ("ｒ７．４．１", 2025, 4, 1),
        ("令和７年４月１日", 2025, 4, 1), ("２０２５０４０１", 2025, 4, 1), ("  2025/4/1 ", 2025, 4, 1),
        ("\u{3000}令和7年4月1日\u{3000}", 2025, 4, 1), ("\t昭和55年4月1日\n", 1980, 4, 1),
    ]

    @Test(arguments: JapaneseDateTests.dates)
    func readsDates(text: String, year: Int, month: Int, day: Int) {
        #expect(JapaneseDate.date(text) == Self.day(year, month, day))
        #expect(LocalDate(parsing: text) == Self.day(year, month, day))  // one parser for the product
    }

    /// The first and last day of every era, and the day on either side that belongs to the neighbour.
    static let boundaries: [(String, Int, Int, Int)] = [
        ("明治45年7月29日", 1912, 7, 29), ("大正元年7月30日", 1912, 7, 30), ("T1.7.30", 1912, 7, 30),
        ("大正15年12月24日", 1926, 12, 24), ("昭和元年12月25日", 1926, 12, 25), ("S1.12.25", 1926, 12, 25),
        ("昭和64年1月7日", 1989, 1, 7), ("平成元年1月8日", 1989, 1, 8), ("H1.1.8", 1989, 1, 8),
        ("平成31年4月30日", 2019, 4, 30), ("H31.4.30", 2019, 4, 30), ("令和元年5月1日", 2019, 5, 1), ("R1.5.1", 2019, 5, 1),
    ]

    @Test(arguments: JapaneseDateTests.boundaries)
    func eraBoundaries(text: String, year: Int, month: Int, day: Int) {
        #expect(JapaneseDate.date(text) == Self.day(year, month, day))
    }

    static let notDates: [String] = [
        // A day outside its era: each of these is a day of the next or the previous era.
        "明治45年7月30日", "大正元年7月29日", "大正15年12月25日", "昭和元年12月24日", "昭和64年1月8日", "S64.1.8",
        "平成元年1月7日", "H1.1.7", "平成31年5月1日", "H31.5.1", "平成32年1月1日", "令和元年4月30日", "R1.4.30",
        "令和0年5月1日", "R0.5.1",
        // Days that do not exist.
        "2025/2/29", "2025/2/30", "令和7年2月30日", "2025/4/31", "2025/13/1", "2025/0/1", "2025/4/0", "20250230",
        // Not dates, or not whole dates.
        "", "   ", "abc", "2025", "2025/4", "2025年4月", "令和7年", "H12", "元年5月1日", "25/4/1", "1/2/3/4",
        "2025-4-1x", "2025/4-1", "2025年4/1", "2025/4/1日", "X7.4.1", "令和", "R.7.4.1", "202541", "2025 4 1",
        "明治32年12月31日",  // 1899: before the first day `LocalDate` holds
        "123456789012345678901234567890", "R123456789012345678901.4.1",  // long runs of digits: nil, no overflow
    ]

    @Test(arguments: JapaneseDateTests.notDates)
    func refuses(text: String) {
        #expect(JapaneseDate.date(text) == nil)
    }

    @Test func serialsOnlyWhenAllowed() {
        #expect(JapaneseDate.date("45748") == nil)
        #expect(JapaneseDate.date("45748", allowSerial: true) == Self.day(2025, 4, 1))
        #expect(JapaneseDate.date("45748.0", allowSerial: true) == Self.day(2025, 4, 1))
        #expect(JapaneseDate.date(" ４５７４８ ", allowSerial: true) == Self.day(2025, 4, 1))
        #expect(JapaneseDate.date("2025/4/1", allowSerial: true) == Self.day(2025, 4, 1))  // other forms still read
        #expect(JapaneseDate.date("20250401", allowSerial: true) == Self.day(2025, 4, 1))  // not a serial: too big
        for text in ["0", "80001", "45748.", ".5", "45,748", "-1", "4.5.7", "60"] {
            #expect(JapaneseDate.date(text, allowSerial: true) == nil, "\(text)")
        }
    }

    @Test func excelSerialsFollowExcelsLeapYearBug() {
        #expect(JapaneseDate.excelSerial(1) == Self.day(1900, 1, 1))
        #expect(JapaneseDate.excelSerial(59) == Self.day(1900, 2, 28))
        #expect(JapaneseDate.excelSerial(60) == nil)  // Excel's 1900-02-29, which never was
        #expect(JapaneseDate.excelSerial(61) == Self.day(1900, 3, 1))
        #expect(JapaneseDate.excelSerial(25569) == Self.day(1970, 1, 1))
        #expect(JapaneseDate.excelSerial(45748) == Self.day(2025, 4, 1))
        #expect(JapaneseDate.excelSerial(45748.75) == Self.day(2025, 4, 1))  // the time of day is dropped
        #expect(JapaneseDate.excelSerial(80000) == Self.day(2119, 1, 11))
        let outside: [Double] = [0, 0.5, -3, 80001, .nan, .infinity]
        for serial in outside {
            #expect(JapaneseDate.excelSerial(serial) == nil)
        }
    }

    static let years: [(String, Int)] = [
        ("H12", 2000), ("h12", 2000), ("S55", 1980), ("Ｓ５５", 1980), ("R7", 2025), ("R07", 2025), ("T15", 1926),
        ("昭和55年", 1980), ("昭和55", 1980), ("昭和 55 年", 1980), ("平成元年", 1989), ("令和元年", 2019), ("H元", 1989),
        ("平成31年", 2019), ("昭和64年", 1989), ("大正元年", 1912), ("明治45年", 1912),
        ("1980", 1980), ("1980年", 1980), ("１９８０", 1980), (" 1980 ", 1980),
        ("1980/5/3", 1980), ("昭和55年5月3日", 1980), ("S55.5.3", 1980), ("19800503", 1980), ("令和元年5月1日", 2019),
    ]

    @Test(arguments: JapaneseDateTests.years)
    func readsYears(text: String, year: Int) {
        #expect(JapaneseDate.year(text) == year)
    }

    static let notYears: [String] = [
        "", "abc", "80", "12345", "H", "平成", "平成32年", "H32", "昭和65年", "大正16年", "明治46年", "H0", "令和0年",
        "1980年年", "1980/5", "元年", "S55年4月", "平成31年5月1日", "123456789012345678901234567890",
    ]

    @Test(arguments: JapaneseDateTests.notYears)
    func refusesYears(text: String) {
        #expect(JapaneseDate.year(text) == nil)
    }
}
