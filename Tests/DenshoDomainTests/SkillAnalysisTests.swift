import DenshoDomain
import Testing

@Suite("Skill analysis: coverage, 多能工化率, at-risk skills, expiry")
struct SkillAnalysisTests {
    /// Four people, four skills. Person 4 was born in 1963: 63 in 2026, within five years of 65.
    static let matrix = SkillMatrix(
        employees: [Fixture.employee(1, born: 1990), Fixture.employee(2, born: 1985), Fixture.employee(3, born: nil),
                    Fixture.employee(4, born: 1963)],
        skills: [Fixture.skill(1), Fixture.skill(2), Fixture.skill(3), Fixture.skill(4, retired: true)],
        levels: [
            .init(1): [.init(1): 3, .init(2): 2, .init(3): 2],
            .init(2): [.init(1): 3, .init(2): 1],
            .init(3): [.init(1): 2, .init(3): 3],
            .init(4): [.init(2): 4, .init(3): 4, .init(4): 1],
        ])

    @Test func coverageCountsWorkingAndTeachingHolders() {
        let coverage = Self.matrix.coverage()
        #expect(coverage.map(\.independent) == [3, 2, 3, 0])
        #expect(coverage.map(\.instructors) == [2, 1, 2, 0])
    }

    @Test func multiSkillRateUsesTheThreshold() {
        #expect(Self.matrix.multiSkillRate(threshold: 3).multiSkilled == 1)  // only person 1 has three at ≥2
        #expect(Self.matrix.multiSkillRate(threshold: 2).multiSkilled == 3)
        #expect(Self.matrix.multiSkillRate(threshold: 2).rate == 0.75)
        #expect(SkillMatrix(employees: [], skills: [], levels: [:]).multiSkillRate(threshold: 1).rate == 0)
    }

    @Test func riskFlagsFewInstructorsAndInstructorsNearRetirement() {
        let analysis = RiskAnalysis(retirementAge: 65, asOfYear: 2026)
        let risks = Dictionary(uniqueKeysWithValues: analysis.risks(in: Self.matrix).map { ($0.skill.code, $0) })
        #expect(risks["S1"] == nil)  // two instructors, neither near retirement
        #expect(risks["S2"]?.reasons == [.fewInstructors(count: 1), .instructorsNearRetirement(count: 1)])
        #expect(risks["S2"]?.successors.map(\.id) == [.init(1)])
        // S3: instructors 3 (birth year unknown, so not counted as near) and 4: not at risk.
        #expect(risks["S3"] == nil)
        #expect(risks["S4"] == nil)  // retired skills are not analysed
    }

    @Test func allInstructorsNearRetirementIsARiskEvenWithTwo() {
        let matrix = SkillMatrix(
            employees: [Fixture.employee(1, born: 1961), Fixture.employee(2, born: 1964), Fixture.employee(3, born: 1999)],
            skills: [Fixture.skill(1)],
            levels: [.init(1): [.init(1): 4], .init(2): [.init(1): 3], .init(3): [.init(1): 2]])
        let risk = RiskAnalysis(retirementAge: 65, asOfYear: 2026).risks(in: matrix)
        #expect(risk.first?.reasons == [.instructorsNearRetirement(count: 2)])
        // Born 1966: 60 in 2026, exactly five years before 65 → near. Born 1967: 59 → not near, so no risk.
        let boundary = SkillMatrix(employees: [Fixture.employee(1, born: 1961), Fixture.employee(2, born: 1966)],
                                   skills: [Fixture.skill(1)], levels: [.init(1): [.init(1): 4], .init(2): [.init(1): 3]])
        #expect(RiskAnalysis(retirementAge: 65, asOfYear: 2026).risks(in: boundary).count == 1)
        let younger = SkillMatrix(employees: [Fixture.employee(1, born: 1961), Fixture.employee(2, born: 1967)],
                                  skills: [Fixture.skill(1)], levels: [.init(1): [.init(1): 4], .init(2): [.init(1): 3]])
        #expect(RiskAnalysis(retirementAge: 65, asOfYear: 2026).risks(in: younger).isEmpty)
    }

    @Test(arguments: [(-1, ExpiryBucket.expired), (0, .within30), (30, .within30), (31, .within60), (60, .within60),
                      (61, .within90), (90, .within90)])
    func expiryBuckets(daysLeft: Int, bucket: ExpiryBucket) {
        let held = HeldQualification(id: .init(1), employeeID: .init(1), qualificationID: .init(1),
                                     acquiredOn: LocalDate(parsing: "2020-01-01")!, expiresOn: Fixture.asOf.adding(days: daysLeft))
        let report = ExpiryReport.expiring([held], asOf: Fixture.asOf)
        #expect(report.map(\.bucket) == [bucket])
        #expect(report.first?.daysLeft == daysLeft)
    }

    @Test func expiryIgnoresLifetimeAndFarExpiriesAndSortsSoonestFirst() {
        func held(_ id: Int64, _ days: Int?) -> HeldQualification {
            HeldQualification(id: .init(id), employeeID: .init(1), qualificationID: .init(1),
                              acquiredOn: LocalDate(parsing: "2020-01-01")!, expiresOn: days.map { Fixture.asOf.adding(days: $0) })
        }
        let report = ExpiryReport.expiring([held(1, nil), held(2, 91), held(3, 45), held(4, -3), held(5, 10)], asOf: Fixture.asOf)
        #expect(report.map(\.held.id.rawValue) == [4, 5, 3])
        #expect(ExpiryReport.expiring([held(2, 91)], asOf: Fixture.asOf, within: 120).count == 1)
    }

    @Test func currentLevelIsTheLatestApprovedEvaluation() {
        func evaluation(_ id: Int64, _ level: Int, _ date: String, _ state: ApprovalState = .approved) -> Evaluation {
            Evaluation(id: .init(id), employeeID: .init(1), skillID: .init(1), level: level, evaluatorID: nil,
                       evaluatedOn: LocalDate(parsing: date)!, state: state)
        }
        let history = [evaluation(1, 1, "2024-04-01"), evaluation(2, 3, "2025-04-01"), evaluation(3, 2, "2024-10-01"),
                       evaluation(4, 4, "2025-10-01", .pending), evaluation(5, 4, "2025-11-01", .rejected)]
        #expect(history.currentLevel() == 3)  // a back-dated entry does not override a newer one
        #expect(history.filter { $0.id.rawValue >= 4 }.currentLevel() == nil)
        #expect((history + [evaluation(6, 1, "2025-04-01")]).currentLevel() == 1)  // same day: later entry wins
    }

    @Test func closeMatchesSuggestTypos() {
        let names = ["汎用旋盤 外径・端面加工", "NC旋盤 段取り", "フォークリフト運搬", "M-01", "L-03"]
        #expect(NameMatcher.closeMatches(for: "NC旋盤", in: names) == ["NC旋盤 段取り"])
        #expect(NameMatcher.closeMatches(for: "m-02", in: names).contains("M-01"))
        #expect(NameMatcher.closeMatches(for: "溶接ロボット", in: names).isEmpty)
    }
}
