import DenshoDomain
import Testing

@Suite("LocalDate: the dates Japanese offices write")
struct LocalDateTests {
    @Test(arguments: [
        ("2024-04-01", 2024, 4, 1), ("2024/4/1", 2024, 4, 1), ("2024.04.01", 2024, 4, 1), ("20240401", 2024, 4, 1),
        ("2024年4月1日", 2024, 4, 1), ("令和6年4月1日", 2024, 4, 1), ("R6.4.1", 2024, 4, 1), ("r6/4/1", 2024, 4, 1),
        ("令和元年5月1日", 2019, 5, 1), ("平成31年4月30日", 2019, 4, 30), ("H1.1.8", 1989, 1, 8), ("昭和60年10月1日", 1985, 10, 1),
        ("２０２４／０４／０１", 2024, 4, 1), (" 2024-04-01 ", 2024, 4, 1), ("2024-02-29", 2024, 2, 29),
    ])
    func parses(text: String, year: Int, month: Int, day: Int) {
        #expect(LocalDate(parsing: text) == LocalDate(year: year, month: month, day: day))
    }

    @Test(arguments: ["", "abc", "2025-02-29", "2024/13/01", "2024/4/31", "24/4/1", "2024-04", "2024年4月", "令和6年", "1/2/3/4", "2024-4-1x"])
    func rejects(text: String) {
        #expect(LocalDate(parsing: text) == nil)
    }

    @Test func dayArithmeticRoundTrips() {
        let start = LocalDate(year: 1999, month: 12, day: 31)!
        #expect(start.adding(days: 1) == LocalDate(year: 2000, month: 1, day: 1))
        #expect(start.adding(days: 366 + 365).description == "2001-12-31")
        for offset in stride(from: -40_000, through: 40_000, by: 997) {
            #expect(LocalDate(dayNumber: start.adding(days: offset).dayNumber) == start.adding(days: offset))
        }
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
    }

    @Test func wholeYearsCountsCompletedYears() {
        let hired = LocalDate(year: 2020, month: 4, day: 1)!
        #expect(hired.wholeYears(until: LocalDate(year: 2025, month: 3, day: 31)!) == 4)
        #expect(hired.wholeYears(until: LocalDate(year: 2025, month: 4, day: 1)!) == 5)
        #expect(LocalDate(year: 2024, month: 2, day: 29)!.adding(years: 1) == LocalDate(year: 2025, month: 2, day: 28))
    }

    @Test func formats() {
        let date = LocalDate(year: 2024, month: 4, day: 1)!
        #expect(date.description == "2024-04-01")
        #expect(date.slashed == "2024/04/01")
        #expect(date.japanese == "2024年4月1日")
    }
}
