import DenshoDomain
import Foundation
import Hummingbird

/// One 力量表 cell: its history with method and evidence (ISO 9001 7.2), the evaluation form with
/// "次の人", and the approvals of pending self-assessments.
extension SkillMapController {
    struct HistoryRow {
        var id: String
        var date: String
        var symbol: String
        var level: Int
        var kind: String
        var state: String
        var note: String
        var evaluator: String
        var pending: Bool
        var canDecide: Bool
        /// 実技確認 / 筆記 / 上長評価 / 自己評価 / Excel取込.
        var method: String
        /// A link to the sign-off (`/checks/signoffs/<id>`) and its text.
        var signOffHref: String?
        var signOffText: String?
        /// 「筆記 #id」 for a quiz attempt.
        var evidenceText: String?
        /// 「第n版」 of the manual the check was made on.
        var revision: String?
        /// Why it was sent back (差し戻し).
        var returnReason: String?
    }
    struct LevelChoice { var level: Int; var symbol: String; var label: String; var description: String; var selected: Bool }
    struct NextLink { var id: String; var name: String }
    struct CellView {
        var employeeID: String
        var employeeName: String
        var departmentID: String
        var skillID: String
        var skillName: String
        var skillCode: String
        var currentSymbol: String
        var currentLabel: String
        /// The current level's check ran out: shown struck through, with its last valid day.
        var currentExpired: Bool
        var validThrough: String?
        var target: String?
        var history: [HistoryRow]
        var choices: [LevelChoice]
        var canRecord: Bool
        var selfAssessment: Bool
        var today: String
        /// The confirmation after a save (`?saved=<employee id>`).
        var saved: String?
        /// The next person of the department the caller may evaluate ("次の人").
        var next: NextLink?
    }

    @Sendable func cell(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.requireMember()
        let store = env.store, language = context.language
        let employee = try await env.visibleEmployee(request.query("employee").flatMap(Int64.init), identity, company: company)
        guard let skillID = request.query("skill").flatMap(Int64.init),
            let skill = try await store.skills(company: company.id, includeRetired: true).first(where: { $0.id.rawValue == skillID })
        else { throw WebError.notFound }
        let scale = try await store.levelScale(company: company.id)
        let history = try await store.evaluations(company: company.id, employee: employee.id, skill: skill.id, state: nil)
        let names = try await employeeNames(company)
        let current = history.currentLevel() ?? 0
        let target = try await store.targets(company: company.id, employee: employee.id).last { $0.skillID == skill.id }
        let check = try await store.checkedLevels(company: company.id, employee: employee.id).first { $0.skillID == skill.id }
        let policy = identity.policy
        let canDecide = policy.canApprove(employee)
        let canEvaluate = policy.canEvaluate(employee)
        let selfAssessment = !canEvaluate && policy.canSelfAssess(employee)
        var saved: String?
        if let savedID = request.query("saved").flatMap(Int64.init) {
            let text = language.text(selfAssessment ? "evSavedSelf" : "evSavedSupervisor")
            // The person saved before this one (次の人), named only if the caller may see them.
            var who: String?
            if Employee.ID(savedID) != employee.id, let person = try await store.employee(.init(savedID), company: company.id),
                policy.canViewEmployee(person)
            {
                who = person.name
            }
            saved = who.map { "\(text)（\($0)）" } ?? text
        }
        var next: Employee?
        if canEvaluate { next = try await env.nextPerson(after: employee, identity: identity, company: company) }
        let view = CellView(
            employeeID: employee.id.description, employeeName: employee.name,
            departmentID: employee.departmentID?.description ?? "", skillID: skill.id.description,
            skillName: skill.name, skillCode: skill.code, currentSymbol: scale.symbol(current),
            currentLabel: scale.definition(current)?.label ?? "",
            currentExpired: current > 0 && check?.isExpired(on: env.today) == true,
            validThrough: check.map { $0.validThrough.slashed },
            target: target.map { "\(scale.symbol($0.level)) \($0.level)（\($0.dueDate.slashed)まで）" },
            history: history.reversed().map { evaluation in
                Self.historyRow(evaluation, scale: scale, evaluator: evaluation.evaluatorID.flatMap { names[$0] } ?? "",
                                canDecide: canDecide, language: language)
            },
            choices: scale.levels.map {
                LevelChoice(level: $0.level, symbol: $0.symbol, label: $0.label, description: skill.levelDescriptions[$0.level] ?? "",
                            selected: $0.level == current)
            },
            canRecord: canEvaluate || policy.canSelfAssess(employee),
            selfAssessment: selfAssessment,
            today: env.today.description, saved: saved,
            next: next.map { NextLink(id: $0.id.description, name: $0.name) })
        return env.renderer.page(.cell, title: "\(employee.name) — \(skill.name)", context: context, data: view, section: "skillmap")
    }

    static func historyRow(_ evaluation: Evaluation, scale: LevelScale, evaluator: String, canDecide: Bool, language: Language) -> HistoryRow {
        var row = HistoryRow(
            id: evaluation.id.description, date: evaluation.evaluatedOn.slashed, symbol: scale.symbol(evaluation.level),
            level: evaluation.level, kind: evaluation.kind.label,
            state: language.text(evaluation.state == .rejected ? "evReturnedState" : evaluation.state == .pending ? "evWaitingApproval" : "evApprovedState"),
            note: evaluation.note, evaluator: evaluator,
            pending: evaluation.state == .pending, canDecide: canDecide && evaluation.state == .pending,
            method: language == .en ? evaluation.method.englishLabel : evaluation.method.label)
        switch EvaluationEvidence(evaluation.evidence) {
        case .signOff(let id)?:
            row.signOffHref = "/checks/signoffs/\(id.rawValue)"
            row.signOffText = language.text("evSignOffLink").replacingOccurrences(of: "{id}", with: String(id.rawValue))
        case .quizAttempt(let id)?:
            row.evidenceText = language.text("evQuizEvidence").replacingOccurrences(of: "{id}", with: String(id.rawValue))
        case .workbookCell(let cell)?:
            row.evidenceText = language.text("evWorkbookEvidence").replacingOccurrences(of: "{cell}", with: cell)
        case nil:
            break
        }
        row.revision = evaluation.manualRevision.map { language.text("approvedRevision").replacingOccurrences(of: "{n}", with: String($0)) }
        if evaluation.state == .rejected, !evaluation.decisionNote.isEmpty { row.returnReason = evaluation.decisionNote }
        return row
    }
}
