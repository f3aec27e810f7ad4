/// A Japanese 年度: April to the following March, named by the year it starts in (2026年度 is
/// 2026-04-01 to 2027-03-31). Companies plan training, budgets and hiring by it, so a date in
/// January belongs to the previous calendar year's 年度.
public struct FiscalYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int

    public init(_ year: Int) { self.year = year }

    /// The 年度 `date` falls in.
    public init(containing date: LocalDate) { year = date.month >= 4 ? date.year : date.year - 1 }

    /// 1 April.
    public var firstDay: LocalDate { LocalDate(year: year, month: 4, day: 1)! }

    /// 31 March of the next calendar year.
    public var lastDay: LocalDate { LocalDate(year: year + 1, month: 3, day: 31)! }

    public func contains(_ date: LocalDate) -> Bool { firstDay <= date && date <= lastDay }

    /// Calendar months in 年度 order: 4, 5 … 12, 1, 2, 3.
    public static let months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]

    /// The place of `date`'s month in `months` (April 0 … March 11), whatever its year.
    public static func monthIndex(of date: LocalDate) -> Int { (date.month + 8) % 12 }

    /// `2026年度`.
    public var label: String { "\(year)年度" }

    public var description: String { label }

    public static func < (lhs: FiscalYear, rhs: FiscalYear) -> Bool { lhs.year < rhs.year }
}
