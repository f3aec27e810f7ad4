import DenshoDomain
import Testing

/// KPI figures against values worked out by hand for a five-person company (see the comments).
@Suite("KPIs: hand-computed fixture")
struct KPIReportTests {
    static func d(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

    static let inputs: KPIInputs = {
        let company = Company(id: .init(1), code: "k", name: "K", retirementAge: 65, multiSkillThreshold: 2)
        func person(_ id: Int64, hired: String, left: String? = nil, born: Int = 1995) -> Employee {
            Employee(id: .init(id), companyID: company.id, number: "\(id)", name: "社員 \(id)", hireDate: d(hired), birthYear: born,
                     leaveDate: left.map(d))
        }
        let a = person(1, hired: "2020-04-01", born: 1960)
        let b = person(2, hired: "2023-04-01", left: "2024-09-30")
        let c = person(3, hired: "2023-04-01")
        let dd = person(4, hired: "2025-04-01")
        let e = person(5, hired: "2021-04-01", left: "2025-03-31")
        let s1 = Skill(id: .init(1), companyID: company.id, categoryID: .init(1), code: "S1", name: "旋盤")
        let s2 = Skill(id: .init(2), companyID: company.id, categoryID: .init(1), code: "S2", name: "溶接")
        var next: Int64 = 0
        func eval(_ who: Employee, _ skill: Skill, _ level: Int, _ on: String) -> Evaluation {
            next += 1
            return Evaluation(id: .init(next), employeeID: who.id, skillID: skill.id, level: level, evaluatorID: nil, evaluatedOn: d(on))
        }
        return KPIInputs(
            company: company, employees: [a, b, c, dd, e], skills: [s1, s2],
            evaluations: [eval(a, s1, 3, "2020-10-01"), eval(a, s2, 3, "2021-01-01"), eval(c, s1, 2, "2024-03-01"),
                          eval(c, s2, 2, "2025-06-01"), eval(dd, s1, 1, "2025-10-01"), eval(b, s1, 2, "2024-01-01")],
            held: [HeldQualification(id: .init(1), employeeID: a.id, qualificationID: .init(1), acquiredOn: d("2019-01-01"), expiresOn: d("2025-06-30")),
                   HeldQualification(id: .init(2), employeeID: c.id, qualificationID: .init(2), acquiredOn: d("2024-05-01"))],
            targets: [SkillTarget(id: .init(1), employeeID: c.id, skillID: s2.id, level: 2, dueDate: d("2025-03-31")),
                      SkillTarget(id: .init(2), employeeID: dd.id, skillID: s1.id, level: 1, dueDate: d("2025-12-31")),
                      SkillTarget(id: .init(3), employeeID: a.id, skillID: s1.id, level: 4, dueDate: d("2026-12-31"))],
            meetings: [Meeting(id: .init(1), kind: .mentor, heldOn: d("2026-05-10")), Meeting(id: .init(2), kind: .mentor, heldOn: d("2026-06-01")),
                       Meeting(id: .init(3), kind: .lunch, heldOn: d("2026-06-15")), Meeting(id: .init(4), kind: .lunch, heldOn: d("2025-06-20"))],
            proposals: [Proposal(id: .init(1), submittedBy: c.id, title: "治具の置き場", status: .adopted, submittedOn: d("2025-02-01")),
                        Proposal(id: .init(2), submittedBy: dd.id, title: "切粉の回収", submittedOn: d("2026-01-10"))],
            activePairings: 1)
    }()

    @Test func figuresMatchHandComputedValues() {
        let report = KPIReport.compute(Self.inputs, asOf: Self.d("2026-06-30"), years: 3)
        #expect(report.years.map(\.year) == [2024, 2025, 2026])
        // Active at year end: 2024 A, C, E (B left in September); 2025 and mid-2026 A, C, D.
        #expect(report.years.map(\.employees) == [3, 3, 3])
        #expect(report.years.map(\.newHires) == [0, 1, 0])
        // Level ≥2 in ≥2 skills: A always; C from June 2025 (second skill).
        #expect(report.years.map(\.multiSkilled) == [1, 2, 2])
        // A's certificate runs out 2025-06-30; C's has no expiry.
        #expect(report.years.map(\.qualificationsHeld) == [2, 1, 1])
        // Both skills have one teacher (A) only.
        #expect(report.years.map(\.atRiskSkills) == [2, 2, 2])
        // 2025: C's target reached after its due date, D's in time; 2026's is not due yet.
        #expect(report.years.map(\.targetsDue) == [0, 2, 0] && report.years.map(\.targetsMetOnTime) == [0, 1, 0])
        #expect(report.years.map(\.proposalsSubmitted) == [0, 1, 1] && report.years.map(\.proposalsAdopted) == [0, 1, 0])
        // Cohorts: 2021 (E stayed past three years), 2023 (B left within them), 2025 (not complete).
        #expect(report.cohorts.map(\.hireYear) == [2021, 2023, 2025])
        #expect(report.cohorts.map(\.hired) == [1, 2, 1] && report.cohorts.map(\.leftWithinThreeYears) == [0, 1, 0])
        #expect(report.cohorts.map(\.complete) == [true, true, false])
        #expect(report.cohorts[1].retentionRate == 0.5)
        #expect(report.months.count == 12 && report.months.first?.month == "2025-07" && report.months.last?.month == "2026-06")
        #expect(report.months.last.map { ($0.mentorMeetings, $0.lunchMeetings) } ?? (0, 0) == (1, 1))
        #expect(report.months.map(\.mentorMeetings).reduce(0, +) == 2 && report.months.map(\.lunchMeetings).reduce(0, +) == 1)
        #expect(report.activePairings == 1)
    }
}
