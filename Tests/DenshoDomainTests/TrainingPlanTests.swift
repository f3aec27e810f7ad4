import DenshoDomain
import Testing

/// 年間教育計画 against a small hand-made company (see `Plan` for who has what).
@Suite("Training plan: 年度 grid")
struct TrainingPlanTests {
    static func d(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

    /// 加工 (98, 102), 検査 (50), one person without a department (10); one whose last day was the
    /// day before the year began and one hired the day after it ended.
    enum Plan {
        static let company = Company.ID(1)
        static let machining = Department(id: .init(1), companyID: company, name: "加工")
        static let inspection = Department(id: .init(2), companyID: company, name: "検査")
        static func person(_ id: Int64, _ number: String, _ department: Department?, hired: String = "2010-04-01", left: String? = nil)
            -> Employee
        {
            Employee(id: .init(id), companyID: company, number: number, name: "社員 \(number)", hireDate: TrainingPlanTests.d(hired),
                     departmentID: department?.id, leaveDate: left.map(TrainingPlanTests.d))
        }
        static let p102 = person(1, "102", machining)
        static let p98 = person(2, "98", machining)
        static let p50 = person(3, "50", inspection)
        static let p10 = person(4, "10", nil)
        static let gone = person(5, "77", machining, left: "2026-04-01")
        static let future = person(6, "200", machining, hired: "2027-04-01")
        static let employees = [p102, p98, p50, p10, gone, future]

        static let safety = TrainingItem.manual(.init(1))
        static let setup = TrainingItem.manual(.init(2))
        static let milling = TrainingItem.clip(.init(1))
        static let titles: [TrainingItem: String] = [safety: "安全教育", setup: "NC旋盤 段取りの基本", milling: "フライス加工の急所"]

        static func assign(_ id: Int64, _ who: Employee, _ item: TrainingItem, due: String?,
                           assigned: String = "2026-04-10T01:00:00.000Z", completed: String? = nil) -> Assignment {
            Assignment(id: .init(id), companyID: company, employeeID: who.id, item: item, dueOn: due.map(TrainingPlanTests.d),
                       assignedBy: "test", assignedAt: assigned, completedAt: completed)
        }

        static let assignments: [Assignment] = [
            assign(1, p98, safety, due: "2027-03-31"),  // last day of 2026年度: March column
            assign(2, p98, setup, due: "2027-04-01"),  // first day of 2027年度: not in the plan
            assign(3, p98, milling, due: "2026-04-01", completed: "2026-03-30T10:00:00.000Z"),  // April, done early
            assign(4, p102, setup, due: "2026-11-25"),  // due today: still on time
            assign(5, p102, safety, due: "2026-11-24"),  // due yesterday, not done: overdue
            assign(6, p50, safety, due: nil, assigned: "2026-05-01T00:00:00.000Z"),  // open, no due date
            assign(7, p50, milling, due: nil, completed: "2026-03-31T15:30:00.000Z"),  // done 1 April in Japan
            assign(8, p50, setup, due: nil, assigned: "2025-06-01T00:00:00.000Z", completed: "2025-12-01T00:00:00.000Z"),  // done last year
            assign(9, p50, setup, due: nil, assigned: "2027-05-01T00:00:00.000Z"),  // assigned after the year
            assign(10, p10, safety, due: "2026-03-31"),  // 2025年度
            assign(11, gone, setup, due: "2026-12-15"),  // left before the year began
        ]

        static func plan(department: Department.ID? = nil, today: String = "2026-11-25") -> TrainingPlan {
            TrainingPlan(fiscalYear: FiscalYear(2026), employees: employees, departments: [machining, inspection],
                         assignments: assignments, titles: titles, today: TrainingPlanTests.d(today), department: department)
        }
    }

    @Test func fiscalYearRunsFromAprilToMarch() {
        #expect(FiscalYear(containing: Self.d("2027-03-31")) == FiscalYear(2026))
        #expect(FiscalYear(containing: Self.d("2027-04-01")) == FiscalYear(2027))
        #expect(FiscalYear(containing: Self.d("2026-04-01")).year == 2026)
        #expect(FiscalYear(containing: Self.d("2026-01-15")).year == 2025)
        let year = FiscalYear(2026)
        #expect(year.firstDay == Self.d("2026-04-01") && year.lastDay == Self.d("2027-03-31"))
        #expect(year.contains(Self.d("2027-03-31")) && !year.contains(Self.d("2027-04-01")) && !year.contains(Self.d("2026-03-31")))
        #expect(FiscalYear.monthIndex(of: Self.d("2026-04-30")) == 0)
        #expect(FiscalYear.monthIndex(of: Self.d("2026-12-01")) == 8)
        #expect(FiscalYear.monthIndex(of: Self.d("2027-01-01")) == 9)
        #expect(FiscalYear.monthIndex(of: Self.d("2027-03-31")) == 11)
        #expect(year.label == "2026年度")
        #expect(TrainingPlan.columnHeadings.first == "4月" && TrainingPlan.columnHeadings[11] == "3月"
            && TrainingPlan.columnHeadings.last == "期限なし" && TrainingPlan.columnHeadings.count == TrainingPlan.columnCount)
    }

    @Test func peopleAreSortedByDepartmentThenNumberAndOnlyThoseWhoWorkedThatYear() {
        let plan = Plan.plan()
        #expect(plan.rows.map(\.employee.number) == ["98", "102", "50", "10"])
        #expect(plan.rows.map(\.department) == ["加工", "加工", "検査", nil])
        #expect(plan.departmentName == nil && plan.isCompanyWide)
        #expect(plan.title(company: "花輪精工") == "2026年度 年間教育計画 — 花輪精工")
    }

    @Test func dueDatesPlaceTrainingsByMonthAtTheYearsBoundaries() {
        let rows = Dictionary(uniqueKeysWithValues: Plan.plan().rows.map { ($0.employee.number, $0) })
        let p98 = rows["98"]!
        #expect(p98.cells.count == TrainingPlan.columnCount)
        #expect(p98.cells[11].map(\.title) == ["安全教育"])  // 2027-03-31 is March of 2026年度
        #expect(p98.cells[0].map(\.title) == ["フライス加工の急所"])
        #expect(!p98.cells.joined().contains { $0.title == "NC旋盤 段取りの基本" })  // 2027-04-01 is next year's
        #expect(rows["102"]!.cells[7].map(\.title) == ["安全教育", "NC旋盤 段取りの基本"])  // November, earlier due first
        #expect(rows["10"]!.cells.joined().isEmpty)
    }

    @Test func undatedTrainingsGoUnderNoDueDateByCompletionOrWhileOpen() {
        let p50 = Plan.plan().rows.first { $0.employee.number == "50" }!
        #expect(p50.cells[..<12].allSatisfy { $0.isEmpty })
        let undated = p50.cells[TrainingPlan.undatedColumn]
        // Open since May, and completed 2026-03-31 15:30 UTC, which is 1 April in Japan; not the one
        // completed last year nor the one assigned after the year.
        #expect(undated.map(\.title) == ["フライス加工の急所", "安全教育"])
        #expect(undated.map(\.state) == [.completed, .notStarted])
        // The one assigned in 2027 belongs to 2027年度 while open.
        let next = TrainingPlan(fiscalYear: FiscalYear(2027), employees: Plan.employees, departments: [Plan.machining, Plan.inspection],
                                assignments: Plan.assignments, titles: Plan.titles, today: Self.d("2027-06-01"))
        let later = next.rows.first { $0.employee.number == "50" }!.cells[TrainingPlan.undatedColumn]
        #expect(later.map(\.title) == ["NC旋盤 段取りの基本", "安全教育"])
    }

    @Test func marksTellCompletedFromOverdue() {
        let rows = Dictionary(uniqueKeysWithValues: Plan.plan().rows.map { ($0.employee.number, $0) })
        let november = rows["102"]!.cells[7]
        #expect(november.map(\.state) == [.overdue, .notStarted])  // due yesterday / due today
        #expect(november.map(\.mark) == ["期限超過", ""])
        #expect(november.map(\.text) == ["安全教育（期限超過）", "NC旋盤 段取りの基本"])
        #expect(rows["98"]!.cells[0].map(\.text) == ["フライス加工の急所（済）"])
        // A day earlier nothing is overdue yet; completed stays completed whatever the day.
        let before = Plan.plan(today: "2026-11-24").rows.first { $0.employee.number == "102" }!
        #expect(before.cells[7].map(\.mark) == ["", ""])
        #expect(Plan.plan(today: "2027-06-01").rows[0].cells[0].map(\.mark) == ["済"])
    }

    @Test func rowsColumnsAndGrandTotalsAgree() {
        let plan = Plan.plan()
        let tallies = Dictionary(uniqueKeysWithValues: plan.rows.map { ($0.employee.number, $0.tally) })
        #expect(tallies["98"] == TrainingPlan.Tally(planned: 2, completed: 1, overdue: 0))
        #expect(tallies["102"] == TrainingPlan.Tally(planned: 2, completed: 0, overdue: 1))
        #expect(tallies["50"] == TrainingPlan.Tally(planned: 2, completed: 1, overdue: 0))
        #expect(tallies["10"] == TrainingPlan.Tally())
        #expect(plan.columnTotals.count == TrainingPlan.columnCount)
        #expect(plan.columnTotals[0] == TrainingPlan.Tally(planned: 1, completed: 1))
        #expect(plan.columnTotals[7] == TrainingPlan.Tally(planned: 2, completed: 0, overdue: 1))
        #expect(plan.columnTotals[11] == TrainingPlan.Tally(planned: 1))
        #expect(plan.columnTotals[12] == TrainingPlan.Tally(planned: 2, completed: 1))
        #expect(plan.total == TrainingPlan.Tally(planned: 6, completed: 2, overdue: 1))
        #expect(plan.columnTotals.map(\.planned).reduce(0, +) == plan.total.planned)
        #expect(plan.rows.map(\.tally.completed).reduce(0, +) == plan.total.completed)
        #expect(abs(plan.total.completionRate - 2.0 / 6.0) < 1e-9 && TrainingPlan.Tally().completionRate == 0)
    }

    @Test func departmentFilterKeepsItsPeopleAndNamesIt() {
        let plan = Plan.plan(department: Plan.inspection.id)
        #expect(plan.rows.map(\.employee.number) == ["50"])
        #expect(plan.departmentName == "検査" && !plan.isCompanyWide)
        #expect(plan.title(company: "花輪精工") == "2026年度 年間教育計画 — 花輪精工 検査")
        #expect(plan.total == TrainingPlan.Tally(planned: 2, completed: 1))
    }

    @Test func longTitlesAreShortenedAndMissingOnesNamed() {
        #expect(TrainingPlan.shortTitle("あいうえおかきくけこさしすせそたちつてと") == "あいうえおかきくけこさしすせそ…")
        #expect(TrainingPlan.shortTitle("  安全教育 ") == "安全教育")
        #expect(TrainingPlan.shortTitle("あいうえお", limit: 5) == "あいうえお")
        let plan = TrainingPlan(fiscalYear: FiscalYear(2026), employees: [Plan.p98], departments: [Plan.machining],
                                assignments: [Plan.assign(99, Plan.p98, .clip(.init(9)), due: "2026-06-01")], titles: [:],
                                today: Self.d("2026-05-01"))
        #expect(plan.rows[0].cells[2].map(\.title) == ["動画 #9"])
    }
}
