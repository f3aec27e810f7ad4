/// Turns "who" of an assignment (chosen people, a department, everyone short of a skill for their
/// next grade) into the people it goes to: employed today and visible to whoever assigns it (a
/// supervisor reaches only the departments they look after).
public struct TrainingAudience: Sendable {
    public let store: any DenshoRepository
    public let company: Company
    public let asOf: LocalDate

    public init(store: any DenshoRepository, company: Company, asOf: LocalDate) {
        self.store = store
        self.company = company
        self.asOf = asOf
    }

    /// `policy` nil: everyone in the company (the command line, run by whoever runs the installation).
    public func resolve(_ audience: AssignmentAudience, visibleTo policy: AccessPolicy?) async throws -> [Employee.ID] {
        let active = try await store.employees(company: company.id, filter: .init(activeOn: asOf)).filter { policy?.canViewEmployee($0) ?? true }
        switch audience {
        case .employees(let ids):
            let wanted = Set(ids)
            return active.filter { wanted.contains($0.id) }.map(\.id)
        case .department(let department):
            return active.filter { $0.departmentID == department }.map(\.id)
        case .lackingSkill(let skill):
            let requirements = try await store.tracks(company: company.id).nextGradeRequirements(for: active)
            var result: [Employee.ID] = []
            for person in active {
                guard let required = requirements[person.id]?[skill] else { continue }
                let level = try await store.levels(of: person.id, company: company.id)[skill] ?? 0
                if level < required { result.append(person.id) }
            }
            return result
        }
    }
}
