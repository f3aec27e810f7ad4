import DenshoDomain
import Testing
@testable import DenshoStore

/// The planner on a real store: who counts as a mentee's own supervisor comes from supervisor
/// accounts (their own department and the departments they look after), and that person is never
/// proposed as the mentee's mentor (斜めの関係).
@Suite("Mentoring planner: never the mentee's own supervisor")
struct MentoringPlannerTests {
    static let asOf = LocalDate(year: 2026, month: 4, day: 1)!

    /// Where the supervisor works and what they look after, seen from the mentee in 機械加工.
    enum Placement: String, CaseIterable, Sendable {
        /// In the mentee's department (their own department is always in their scope).
        case sameDepartment
        /// In another department, looking after the mentee's.
        case looksAfterTheMenteesDepartment
        /// Looking after another department only: not the mentee's supervisor, so a fair choice.
        case elsewhere
    }

    @Test(arguments: Placement.allCases)
    func supervisorIsProposedOnlyWhenNotTheMenteesOwn(placement: Placement) async throws {
        let db = try TestDatabase()
        let (company, veterans, _) = try await db.smallCompany()
        let machining = try #require(veterans[0].departmentID)
        let quality = try await db.store.addDepartment(name: "品質保証", company: company.id, by: "test")
        let assembly = try await db.store.addDepartment(name: "組立", company: company.id, by: "test")
        func hire(_ number: String, _ name: String, _ department: Department.ID, _ hired: LocalDate) async throws -> Employee {
            try await db.store.addEmployee(
                Employee(id: .init(0), companyID: company.id, number: number, name: name, hireDate: hired, departmentID: department),
                by: "test")
        }
        let longAgo = LocalDate(year: 2005, month: 4, day: 1)!
        let supervisor = try await hire("2001", "山本 班長", placement == .sameDepartment ? machining : assembly.id, longAgo)
        let colleague = try await hire("2002", "田中 先輩", quality.id, longAgo)
        let mentee = try await hire("2003", "鈴木 新人", machining, LocalDate(year: 2025, month: 4, day: 1)!)

        let account = try await db.store.addAccount(
            NewAccount(login: "acme-sup", displayName: "山本 班長", role: .supervisor, passwordHash: "x"),
            company: company.id, employee: supervisor.id, by: "test")
        switch placement {
        case .sameDepartment: break
        case .looksAfterTheMenteesDepartment:
            try await db.store.setSupervisedDepartments(account.id, [machining], company: company.id, by: "test")
        case .elsewhere:
            try await db.store.setSupervisedDepartments(account.id, [quality.id], company: company.id, by: "test")
        }
        for mentor in [supervisor, colleague] {
            try await db.store.setMentor(Mentor(employeeID: mentor.id, capacity: 2), company: company.id, by: "test")
        }
        // The mentee asks for the supervisor: the best-scoring mentor by the preference points.
        try await db.store.setPreferences(mentee: mentee.id, mentors: [supervisor.id], company: company.id, by: "test")

        let planner = MentoringPlanner(store: db.store, company: company, asOf: Self.asOf)
        let suggestion = try await planner.suggest(rules: PairingRules())
        #expect(suggestion.menteeCount == 1 && suggestion.mentorCount == 2)
        let pairs = suggestion.result.pairs.filter { $0.mentee == mentee.id }
        let expected = placement == .elsewhere ? supervisor.id : colleague.id
        #expect(pairs.map(\.mentor) == [expected], "\(placement.rawValue)")
        #expect(suggestion.pairings.allSatisfy { $0.menteeID != mentee.id || $0.mentorID == expected })
    }
}
