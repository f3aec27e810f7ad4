import DenshoDomain
import Foundation

/// Which department a training view (the overview, the 年間教育計画, the report in the API) covers.
struct TrainingScope {
    /// The departments the caller may choose from: a supervisor's own, everyone's for HR and admins.
    var departments: [Department]
    /// The department shown; nil for the whole company (HR and admins only).
    var department: Department.ID?
    /// A supervisor who looks after no department: they see no one, never the whole company.
    var empty: Bool
}

extension PageEnvironment {
    /// The department asked for (404 when it is not one the caller may choose), else a
    /// supervisor's first. One rule for the pages and the API, so a supervisor's scope cannot
    /// differ between them.
    func trainingScope(_ requested: Department.ID?, identity: Identity, company: Company) async throws -> TrainingScope {
        let all = try await store.departments(company: company.id)
        let supervisor = identity.account.role == .supervisor
        let departments = supervisor ? identity.policy.visibleDepartments(all) : all
        if let requested, !departments.contains(where: { $0.id == requested }) { throw WebError.notFound }
        let department = requested ?? (supervisor ? departments.first?.id : nil)
        return TrainingScope(departments: departments, department: department, empty: supervisor && department == nil)
    }
}
