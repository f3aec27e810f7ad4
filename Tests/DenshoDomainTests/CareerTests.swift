import DenshoDomain
import Testing

@Suite("Career paths: gaps, eligibility and the 10-year view")
struct CareerTests {
    @Test func gapsAgainstNextGradeListSkillsAndQualifications() {
        let employee = Fixture.employee(1, born: 1995, grade: .init(2))
        let held = [HeldQualification(id: .init(1), employeeID: .init(1), qualificationID: .init(1),
                                      acquiredOn: LocalDate(parsing: "2020-01-01")!, expiresOn: LocalDate(parsing: "2026-03-31")!)]
        let assessment = CareerAssessment(employee: employee, track: Fixture.track, levels: [.init(1): 2, .init(2): 3],
                                          heldQualifications: held, asOf: Fixture.asOf)
        #expect(assessment.currentGrade?.code == "G2")
        let gap = try! #require(assessment.nextGradeGaps)
        #expect(gap.grade.code == "G3")
        #expect(gap.skillGaps == [SkillGap(skillID: .init(1), current: 2, required: 3)])
        // Expired the day before: it no longer counts.
        #expect(gap.missingQualifications == [.init(1)])
        #expect(!gap.isEligible)
        #expect(gap.yearsShort == 0)
    }

    @Test func unplacedEmployeeAimsAtEntryGradeAndTopHasNoNext() {
        let newcomer = Fixture.employee(2, born: 2007, hired: "2026-04-01")
        let a = CareerAssessment(employee: newcomer, track: Fixture.track, levels: [:], heldQualifications: [], asOf: Fixture.asOf)
        #expect(a.nextGrade?.code == "G1")
        #expect(a.nextGradeGaps?.isEligible == true)
        let top = Fixture.employee(3, born: 1970, grade: .init(3))
        #expect(CareerAssessment(employee: top, track: Fixture.track, levels: [:], heldQualifications: [], asOf: Fixture.asOf)
            .nextGradeGaps == nil)
    }

    @Test func eligibilityCoversEveryGrade() {
        let employee = Fixture.employee(1, born: 1990)
        let held = [HeldQualification(id: .init(1), employeeID: .init(1), qualificationID: .init(1),
                                      acquiredOn: LocalDate(parsing: "2020-01-01")!)]
        let a = CareerAssessment(employee: employee, track: Fixture.track, levels: [.init(1): 3, .init(2): 1],
                                 heldQualifications: held, asOf: Fixture.asOf)
        #expect(a.eligibility.map(\.isEligible) == [true, false, true])
        #expect(a.eligibility[1].skillGaps.map(\.shortfall) == [1])
    }

    @Test func projectionFollowsTypicalYearsButNeverDropsBelowTheHeldGrade() {
        let young = Fixture.employee(1, born: 2004, hired: "2025-04-01")
        let steps = CareerProjection.project(employee: young, track: Fixture.track, asOf: Fixture.asOf, years: 10)
        #expect(steps.count == 11)
        #expect(steps[0].grade?.code == "G1")
        #expect(steps[2].grade?.code == "G2")  // 3 years of service in 2028
        #expect(steps[6].grade?.code == "G3")  // 7 years in 2032
        #expect(steps[10].age == 32)
        #expect(steps[10].calendarYear == 2036)
        let fastRiser = Fixture.employee(2, born: 2000, hired: "2024-04-01", grade: .init(3))
        #expect(CareerProjection.project(employee: fastRiser, track: Fixture.track, asOf: Fixture.asOf)
            .allSatisfy { $0.grade?.code == "G3" })
    }
}
