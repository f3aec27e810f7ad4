import Foundation

/// 年間教育計画: who is to take which training in which month of a 年度, the grid a 工場長 files
/// for ISO audits and pins up in the office. People down (by department, then 社員番号), the
/// twelve months from April across, then a 期限なし column; each cell lists the trainings due
/// that month with 済 or 期限超過 as of `today`, and rows and columns are totalled.
///
/// Built from plain values so that the sheet, the workbook, the web page and the CLI all show
/// the same plan: `load` gathers them from a store.
public struct TrainingPlan: Hashable, Sendable {
    /// One training in a cell.
    public struct Entry: Hashable, Sendable {
        public var assignment: Assignment
        /// The manual's or clip's title, in full.
        public var title: String
        public var state: AssignmentState

        public init(assignment: Assignment, title: String, state: AssignmentState) {
            self.assignment = assignment
            self.title = title
            self.state = state
        }

        /// 済 when completed, 期限超過 when its due date has passed without it, else nothing.
        public var mark: String { TrainingPlan.mark(state) }

        /// The title shortened for a cell, followed by its mark: `NC旋盤 段取りの基本（済）`.
        public var text: String {
            let short = TrainingPlan.shortTitle(title)
            return mark.isEmpty ? short : "\(short)（\(mark)）"
        }
    }

    /// How many trainings are planned, and of those how many are done or overdue.
    public struct Tally: Hashable, Sendable {
        public var planned: Int
        public var completed: Int
        public var overdue: Int

        public init(planned: Int = 0, completed: Int = 0, overdue: Int = 0) {
            self.planned = planned
            self.completed = completed
            self.overdue = overdue
        }

        /// The tally of `entries` (a cell, a row, a column).
        public init(counting entries: some Sequence<Entry>) {
            self.init()
            for entry in entries { count(entry) }
        }

        mutating func count(_ entry: Entry) {
            planned += 1
            if entry.state == .completed { completed += 1 }
            if entry.state == .overdue { overdue += 1 }
        }

        /// 実施率: completed over planned (0 when nothing is planned).
        public var completionRate: Double { planned == 0 ? 0 : Double(completed) / Double(planned) }
    }

    /// One person's line.
    public struct Row: Hashable, Sendable {
        public var employee: Employee
        public var department: String?
        /// `TrainingPlan.columnCount` cells: the twelve months from April, then 期限なし.
        public var cells: [[Entry]]
        public var tally: Tally

        public init(employee: Employee, department: String?, cells: [[Entry]]) {
            self.employee = employee
            self.department = department
            self.cells = cells
            self.tally = Tally(counting: cells.joined())
        }
    }

    /// Twelve months and 期限なし.
    public static let columnCount = 13
    public static let undatedColumn = 12
    /// `4月` … `3月`, `期限なし`.
    public static let columnHeadings = FiscalYear.months.map { "\($0)月" } + ["期限なし"]
    /// Characters of a title a cell shows (a month column is narrow on paper and in Excel).
    public static let shortTitleLength = 16

    public var fiscalYear: FiscalYear
    /// The department the plan is limited to; nil for the whole company.
    public var departmentName: String?
    /// The day marks are worked out for (期限超過 is relative to it).
    public var today: LocalDate
    public var rows: [Row]
    /// Per column, `columnCount` of them.
    public var columnTotals: [Tally]
    public var total: Tally

    /// The plan for `fiscalYear` of everyone in `employees` who worked some day of it (hired on or
    /// before its last day, not left before its first), or only those of `department`.
    ///
    /// An assignment goes in the month of its due date when that falls in the year. One without a
    /// due date goes under 期限なし: in the year it was completed (in Japan), or while still open in
    /// every year from the one it was assigned in, since it is still to be done. `titles` names the
    /// manuals and clips; one missing is shown by its kind and number.
    public init(
        fiscalYear: FiscalYear, employees: [Employee], departments: [Department], assignments: [Assignment],
        titles: [TrainingItem: String], today: LocalDate, department: Department.ID? = nil
    ) {
        self.fiscalYear = fiscalYear
        self.today = today
        let names = Dictionary(departments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let order = Dictionary(departments.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        departmentName = department.map { names[$0] ?? "" }

        let people = employees.filter { employee in
            (department == nil || employee.departmentID == department) && employee.hireDate <= fiscalYear.lastDay
                && (employee.leaveDate.map { $0 > fiscalYear.firstDay } ?? true)
        }.sorted { a, b in
            // Departments in the company's order, people without one last; then by 社員番号 ("98" before "102").
            let left = a.departmentID.flatMap { order[$0] } ?? Int.max
            let right = b.departmentID.flatMap { order[$0] } ?? Int.max
            if left != right { return left < right }
            let numbers = a.number.compare(b.number, options: .numeric)
            return numbers == .orderedSame ? a.id < b.id : numbers == .orderedAscending
        }

        var placed: [Employee.ID: [(column: Int, entry: Entry)]] = [:]
        for assignment in assignments {
            guard let column = Self.column(of: assignment, in: fiscalYear) else { continue }
            let entry = Entry(assignment: assignment, title: titles[assignment.item] ?? Self.fallbackTitle(assignment.item),
                              state: assignment.state(on: today))
            placed[assignment.employeeID, default: []].append((column, entry))
        }

        var columnTotals = Array(repeating: Tally(), count: Self.columnCount)
        var total = Tally()
        rows = people.map { employee in
            var cells = Array(repeating: [Entry](), count: Self.columnCount)
            for (column, entry) in placed[employee.id] ?? [] { cells[column].append(entry) }
            for column in cells.indices {
                cells[column].sort(by: Self.entryOrder)
                for entry in cells[column] {
                    columnTotals[column].count(entry)
                    total.count(entry)
                }
            }
            return Row(employee: employee, department: employee.departmentID.flatMap { names[$0] }, cells: cells)
        }
        self.columnTotals = columnTotals
        self.total = total
    }

    /// `2026年度 年間教育計画 — 花輪精工株式会社 機械加工`.
    public func title(company: String) -> String {
        "\(fiscalYear.label) 年間教育計画 — \(company)" + (departmentName.map { " \($0)" } ?? "")
    }

    /// Whether the plan covers the whole company rather than one department.
    public var isCompanyWide: Bool { departmentName == nil }

    /// The column an assignment goes in, or nil when it is not part of this year's plan.
    static func column(of assignment: Assignment, in year: FiscalYear) -> Int? {
        if let due = assignment.dueOn { return year.contains(due) ? FiscalYear.monthIndex(of: due) : nil }
        let assigned = japaneseDate(ofTimestamp: assignment.assignedAt)
        if let completedAt = assignment.completedAt {
            guard let done = japaneseDate(ofTimestamp: completedAt) ?? assigned else { return undatedColumn }
            return year.contains(done) ? undatedColumn : nil
        }
        guard let assigned else { return undatedColumn }
        return assigned <= year.lastDay ? undatedColumn : nil
    }

    /// Earlier due dates first, then by title, then in assignment order.
    static func entryOrder(_ a: Entry, _ b: Entry) -> Bool {
        let left = a.assignment.dueOn?.dayNumber ?? Int.max, right = b.assignment.dueOn?.dayNumber ?? Int.max
        if left != right { return left < right }
        if a.title != b.title { return a.title < b.title }
        return a.assignment.id < b.assignment.id
    }

    public static func mark(_ state: AssignmentState) -> String {
        switch state {
        case .completed: "済"
        case .overdue: "期限超過"
        case .notStarted, .inProgress: ""
        }
    }

    /// `title` cut to `limit` characters, the last one an ellipsis when it was cut.
    public static func shortTitle(_ title: String, limit: Int = TrainingPlan.shortTitleLength) -> String {
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > limit, limit > 1 else { return trimmed }
        return String(trimmed.prefix(limit - 1)) + "…"
    }

    static func fallbackTitle(_ item: TrainingItem) -> String {
        switch item {
        case .manual(let id): "マニュアル #\(id)"
        case .clip(let id): "動画 #\(id)"
        }
    }

    /// The date in Japan of a stored timestamp: the store writes UTC (`2026-11-25T16:30:00.000Z`),
    /// and from 15:00 UTC it is already the next day in Japan. A bare date is taken as it is.
    static func japaneseDate(ofTimestamp text: String) -> LocalDate? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = LocalDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        if bytes.count >= 13, bytes[10] == UInt8(ascii: "T"), bytes.last == UInt8(ascii: "Z"),
           let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)), hour >= 15 {
            return date.adding(days: 1)
        }
        return date
    }
}
