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
        // A self-assessment is what the person claims today: staff cannot date their own back.
        guard kind == .supervisor || day == today else {
            throw WebError.badRequest("自己評価は今日の日付でしか記録できません。", "A self-assessment can only be dated today.")
        }
        return try await store.addEvaluation(
            Evaluation(id: .init(0), employeeID: employee.id, skillID: .init(skill), level: level,
                       evaluatorID: identity.account.employeeID, evaluatedOn: day, note: note, kind: kind,
                       state: Evaluation.initialState(for: kind)),
            company: company.id, by: identity.account.login)
    }

    /// Approves or returns (差し戻し) a pending self-assessment of someone the caller may evaluate.
    /// A return needs the reason the person will read.
    func decideEvaluation(
        _ id: Int64, approve: Bool, reason: String? = nil, identity: Identity, company: Company
    ) async throws -> Evaluation {
        guard let evaluation = try await store.evaluation(.init(id), company: company.id),
            let employee = try await store.employee(evaluation.employeeID, company: company.id),
            identity.policy.canViewEmployee(employee)
        else { throw WebError.notFound }
        guard identity.policy.canApprove(employee) else { throw WebError.forbidden }
        if approve {
            return try await store.decide(
                evaluation.id, approve: true, decidedBy: identity.account.employeeID, company: company.id, by: identity.account.login)
        }
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw WebError.badRequest("差し戻しの理由を入力してください。", "Give the reason for returning it.")
        }
        guard reason.count <= 500 else { throw WebError.badRequest("差し戻しの理由は500文字までです。", "The reason is at most 500 characters.") }
        return try await store.returnEvaluation(
            evaluation.id, reason: reason, decidedBy: identity.account.employeeID, company: company.id, by: identity.account.login)
    }

    /// The next person after `employee` in their department, in the 力量表's order (by number),
    /// whom the caller may evaluate: "次の人" walks a department without going back to the grid.
    func nextPerson(after employee: Employee, identity: Identity, company: Company) async throws -> Employee? {
        guard let department = employee.departmentID else { return nil }
        let people = try await store.employees(company: company.id, filter: EmployeeFilter(department: department, activeOn: today))
        guard let index = people.firstIndex(where: { $0.id == employee.id }) else { return nil }
        return people[(index + 1)...].first { identity.policy.canEvaluate($0) }
    }
}
