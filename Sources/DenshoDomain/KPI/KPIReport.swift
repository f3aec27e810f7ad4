/// The figures HR watches to see whether the strategy works (KGI②: fewer leavers within three
/// years of hiring), computed from the records alone, as of year ends (or today for this year).
public struct KPIReport: Codable, Sendable, Equatable {
    /// Staff hired in one year and how many stayed three years.
    public struct Cohort: Codable, Sendable, Equatable {
        public var hireYear: Int
        public var hired: Int
        public var leftWithinThreeYears: Int
        /// Three years have passed for everyone in the cohort, so the rate is final.
        public var complete: Bool
        public var retentionRate: Double? { hired == 0 ? nil : Double(hired - leftWithinThreeYears) / Double(hired) }
    }

    /// One year's snapshot (at 31 December, or at `asOf` in the current year).
    public struct YearPoint: Codable, Sendable, Equatable {
        public var year: Int
        public var newHires: Int
        public var employees: Int
        public var multiSkilled: Int
        public var multiSkillRate: Double { employees == 0 ? 0 : Double(multiSkilled) / Double(employees) }
        public var qualificationsHeld: Int
        public var atRiskSkills: Int
        /// Individual targets due that year, and those reached by their due date.
        public var targetsDue: Int
        public var targetsMetOnTime: Int
        public var proposalsSubmitted: Int
        public var proposalsAdopted: Int
    }

    public struct MonthPoint: Codable, Sendable, Equatable {
        /// `2026-04`.
        public var month: String
        public var mentorMeetings: Int
        public var lunchMeetings: Int
    }

    public var asOf: LocalDate
    public var cohorts: [Cohort]
    public var years: [YearPoint]
    public var months: [MonthPoint]
    public var activePairings: Int
}

/// Everything a KPI report is computed from.
public struct KPIInputs: Sendable {
    public var company: Company
    public var employees: [Employee]
    public var skills: [Skill]
    public var evaluations: [Evaluation]
    public var held: [HeldQualification]
    public var targets: [SkillTarget]
    public var meetings: [Meeting]
    public var proposals: [Proposal]
    public var activePairings: Int

    public init(
        company: Company, employees: [Employee], skills: [Skill], evaluations: [Evaluation], held: [HeldQualification],
        targets: [SkillTarget], meetings: [Meeting], proposals: [Proposal], activePairings: Int
    ) {
        self.company = company
        self.employees = employees
        self.skills = skills
        self.evaluations = evaluations
        self.held = held
        self.targets = targets
        self.meetings = meetings
        self.proposals = proposals
        self.activePairings = activePairings
    }

    /// Reads a company's records through the repository protocols.
    public static func load(company: Company, from store: any DenshoRepository) async throws -> KPIInputs {
        KPIInputs(
            company: company, employees: try await store.employees(company: company.id, filter: EmployeeFilter()),
            skills: try await store.skills(company: company.id, includeRetired: false),
            evaluations: try await store.evaluations(company: company.id, employee: nil, skill: nil, state: .approved),
            held: try await store.heldQualifications(company: company.id, employee: nil),
            targets: try await store.targets(company: company.id, employee: nil),
            meetings: try await store.meetings(company: company.id, kind: nil),
            proposals: try await store.proposals(company: company.id),
            activePairings: try await store.pairings(company: company.id, status: .active).count)
    }
}

extension KPIReport {
    public static func compute(_ inputs: KPIInputs, asOf: LocalDate, years: Int = 5, months: Int = 12) -> KPIReport {
        let history = LevelHistory(inputs.evaluations)
        let firstYear = asOf.year - max(1, years) + 1
        var points: [YearPoint] = []
        for year in firstYear...asOf.year {
            let date = year == asOf.year ? asOf : LocalDate(year: year, month: 12, day: 31)!
            let staff = inputs.employees.filter { $0.isActive(on: date) }
            let matrix = SkillMatrix(employees: staff, skills: inputs.skills,
                                     levels: Dictionary(uniqueKeysWithValues: staff.map { ($0.id, history.levels(of: $0.id, on: date)) }))
            let staffIDs = Set(staff.map(\.id))
            let due = inputs.targets.filter { $0.dueDate.year == year && $0.dueDate <= asOf }
            let proposals = inputs.proposals.filter { $0.submittedOn.year == year && $0.submittedOn <= date }
            points.append(YearPoint(
                year: year,
                newHires: inputs.employees.filter { $0.hireDate.year == year && $0.hireDate <= date }.count,
                employees: staff.count,
                multiSkilled: matrix.multiSkillRate(threshold: inputs.company.multiSkillThreshold).multiSkilled,
                qualificationsHeld: inputs.held.filter { staffIDs.contains($0.employeeID) && $0.isValid(on: date) }.count,
                atRiskSkills: RiskAnalysis(retirementAge: inputs.company.retirementAge, asOfYear: year).risks(in: matrix).count,
                targetsDue: due.count,
                targetsMetOnTime: due.filter { history.reached($0.level, employee: $0.employeeID, skill: $0.skillID, by: $0.dueDate) }.count,
                proposalsSubmitted: proposals.count, proposalsAdopted: proposals.filter { $0.status.isAdopted }.count))
        }
        let cohorts = Dictionary(grouping: inputs.employees, by: \.hireDate.year).keys.sorted()
            .filter { $0 >= firstYear - 3 && $0 <= asOf.year }
            .map { year -> Cohort in
                let hired = inputs.employees.filter { $0.hireDate.year == year && $0.hireDate <= asOf }
                let left = hired.filter { e in e.leaveDate.map { $0 < e.hireDate.adding(years: 3) && $0 <= asOf } ?? false }
                return Cohort(hireYear: year, hired: hired.count, leftWithinThreeYears: left.count,
                              complete: hired.allSatisfy { $0.hireDate.adding(years: 3) <= asOf })
            }
        var monthPoints: [MonthPoint] = []
        for offset in stride(from: max(1, months) - 1, through: 0, by: -1) {
            let total = asOf.year * 12 + (asOf.month - 1) - offset
            let (y, m) = (total / 12, total % 12 + 1)
            let inMonth = inputs.meetings.filter { $0.heldOn.year == y && $0.heldOn.month == m && $0.heldOn <= asOf }
            monthPoints.append(MonthPoint(
                month: "\(y)-\(m < 10 ? "0" : "")\(m)", mentorMeetings: inMonth.filter { $0.kind == .mentor }.count,
                lunchMeetings: inMonth.filter { $0.kind == .lunch }.count))
        }
        return KPIReport(asOf: asOf, cohorts: cohorts, years: points, months: monthPoints, activePairings: inputs.activePairings)
    }
}

/// Approved evaluations arranged to answer "what was the level on that day" quickly.
struct LevelHistory {
    /// Per employee and skill: (date, id, level), in time order.
    private var entries: [Employee.ID: [Skill.ID: [(LocalDate, Int64, Int)]]] = [:]

    init(_ evaluations: [Evaluation]) {
        for e in evaluations where e.state == .approved {
            entries[e.employeeID, default: [:]][e.skillID, default: []].append((e.evaluatedOn, e.id.rawValue, e.level))
        }
        for (employee, skills) in entries {
            for (skill, list) in skills { entries[employee]![skill] = list.sorted { ($0.0, $0.1) < ($1.0, $1.1) } }
        }
    }

    func levels(of employee: Employee.ID, on date: LocalDate) -> [Skill.ID: Int] {
        (entries[employee] ?? [:]).compactMapValues { list in list.last { $0.0 <= date }?.2 }
    }

    /// Some approved evaluation on or before `date` put the employee at `level` or above.
    func reached(_ level: Int, employee: Employee.ID, skill: Skill.ID, by date: LocalDate) -> Bool {
        entries[employee]?[skill]?.contains { $0.0 <= date && $0.2 >= level } ?? false
    }
}
