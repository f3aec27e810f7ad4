import DenshoDomain
import Foundation

/// Recording and deciding evaluations, with the access rules, shared by the pages and the API.
extension PageEnvironment {
    /// A supervisor's evaluation (approved at once) or, for one's own row, a self-assessment
    /// (pending). Anyone else gets 404 for people they cannot see and 403 otherwise.
    func recordEvaluation(
        employee id: Int64?, skill: Int64?, level: Int?, date: String?, note: String, identity: Identity, company: Company
    ) async throws -> Evaluation {
        let employee = try await visibleEmployee(id, identity, company: company)
        let policy = identity.policy
        let kind: EvaluationKind
        if policy.canEvaluate(employee) {
            kind = .supervisor
        } else if policy.canSelfAssess(employee) {
            kind = .self
        } else {
            throw WebError.forbidden
        }
        guard let skill, let level else { throw WebError.badRequest("技能とレベルを選んでください。", "Skill and level are required.") }
        let day: LocalDate
        if let date, !date.isEmpty {
            guard let parsed = LocalDate(parsing: date) else { throw WebError.badRequest("日付が正しくありません。", "The date is not valid.") }
            day = parsed
        } else {
            day = today
        }
        guard day <= today else { throw WebError.badRequest("未来の日付は記録できません。", "The date is in the future.") }
        return try await store.addEvaluation(
            Evaluation(id: .init(0), employeeID: employee.id, skillID: .init(skill), level: level,
                       evaluatorID: identity.account.employeeID, evaluatedOn: day, note: note, kind: kind,
                       state: Evaluation.initialState(for: kind)),
            company: company.id, by: identity.account.login)
    }

    /// Approves or rejects a pending self-assessment of someone the caller may evaluate.
    func decideEvaluation(_ id: Int64, approve: Bool, identity: Identity, company: Company) async throws -> Evaluation {
        guard let evaluation = try await store.evaluation(.init(id), company: company.id),
            let employee = try await store.employee(evaluation.employeeID, company: company.id),
            identity.policy.canViewEmployee(employee)
        else { throw WebError.notFound }
        guard identity.policy.canApprove(employee) else { throw WebError.forbidden }
        return try await store.decide(
            evaluation.id, approve: approve, decidedBy: identity.account.employeeID, company: company.id, by: identity.account.login)
    }
}
