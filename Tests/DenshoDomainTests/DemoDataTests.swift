import DenshoDomain
import Testing

@Suite("Demo data")
struct DemoDataTests {
    static let asOf = LocalDate(year: 2026, month: 11, day: 25)!
    static let companies = DemoData.companies(asOf: asOf, passwordHash: "x")

    @Test func isDeterministic() {
        let again = DemoData.companies(asOf: Self.asOf, passwordHash: "x")
        #expect(again.map(\.employees) == Self.companies.map(\.employees))
        #expect(again.map(\.evaluations) == Self.companies.map(\.evaluations))
        #expect(again.map(\.heldQualifications) == Self.companies.map(\.heldQualifications))
    }

    @Test func hasThreeRealisticCompanies() {
        #expect(Self.companies.count == 3)
        for company in Self.companies {
            let active = company.employees.filter { $0.leaveDate == nil }
            #expect((20...60).contains(active.count), "\(company.code): \(active.count) employees")
            #expect(company.skills.count >= 40, "\(company.code)")
            #expect(company.skills.allSatisfy { $0.levelDescriptions.count == 4 })
            #expect(company.tracks.count == 2)
            #expect(Set(company.employees.map(\.number)).count == company.employees.count)
            // Three years of evaluation history.
            let dates = company.evaluations.map(\.evaluatedOn)
            #expect(dates.min()!.days(until: dates.max()!) > 2 * 365)
            // Qualifications that need attention soon.
            #expect(company.heldQualifications.contains { ($0.expiresOn.map { Self.asOf.days(until: $0) } ?? 999) <= 90 })
            #expect(company.employees.contains { $0.leaveDate != nil })
        }
    }

    @Test func everyCompanyHasSkillsAtRisk() {
        for company in Self.companies {
            // Rebuild current levels from the history and run the real analysis on them.
            var levels: [String: [String: (LocalDate, Int)]] = [:]
            for e in company.evaluations where e.kind == .supervisor {
                if let current = levels[e.employeeNumber]?[e.skillCode], current.0 > e.evaluatedOn { continue }
                levels[e.employeeNumber, default: [:]][e.skillCode] = (e.evaluatedOn, e.level)
            }
            let employees = company.employees.filter { $0.leaveDate == nil }.enumerated().map { i, r in
                Employee(id: .init(Int64(i)), companyID: .init(1), number: r.number, name: r.name, hireDate: r.hireDate,
                         birthYear: r.birthYear)
            }
            let skills = company.skills.enumerated().map { i, s in
                Skill(id: .init(Int64(i)), companyID: .init(1), categoryID: .init(1), code: s.code, name: s.name)
            }
            let matrix = SkillMatrix(employees: employees, skills: skills, levels: Dictionary(uniqueKeysWithValues: employees.map { e in
                (e.id, Dictionary(uniqueKeysWithValues: skills.compactMap { s in levels[e.number]?[s.code].map { (s.id, $0.1) } }))
            }))
            let risks = RiskAnalysis(retirementAge: company.retirementAge, asOfYear: Self.asOf.year).risks(in: matrix)
            #expect(!risks.isEmpty, "\(company.code)")
            #expect(risks.contains { $0.reasons.contains(.instructorsNearRetirement(count: 1)) }, "\(company.code)")
        }
    }
}
