import DenshoDomain
import Foundation
import Hummingbird

/// 改善提案: staff submit, supervisors and HR move proposals on and record their effect; counts per
/// person and department show who takes part (施策2-4).
struct ProposalController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/proposals", use: list)
        router.post("/proposals", use: submit)
        router.post("/proposals/{id}/status", use: update)
    }

    struct Row { var id: String; var date: String; var by: String; var team: String; var title: String; var body: String; var status: String; var statusCode: String; var effect: String; var clipID: String?; var adopted: Bool; var statuses: [StatusOption] }
    struct Count { var name: String; var submitted: Int; var adopted: Int }
    struct StatusOption { var value: String; var label: String; var selected: Bool }
    struct ClipOption { var id: String; var title: String }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let store = env.store
        let people = Dictionary(uniqueKeysWithValues: try await store.employees(company: company.id, filter: EmployeeFilter()).map { ($0.id, $0) })
        let departments = Dictionary(uniqueKeysWithValues: try await store.departments(company: company.id).map { ($0.id, $0.name) })
        let proposals = try await store.proposals(company: company.id)
        let counts = ProposalCounts(proposals, employees: people)
        let view: [String: Any] = [
            "canSubmit": identity.policy.canSubmitProposals,
            "canDecide": identity.policy.canDecideProposals,
            "rows": proposals.map { p in
                Row(id: p.id.description, date: p.submittedOn.slashed, by: people[p.submittedBy]?.name ?? "?", team: p.team, title: p.title,
                    body: p.body, status: p.status.label, statusCode: p.status.rawValue, effect: p.effect, clipID: p.clipID?.description,
                    adopted: p.status.isAdopted,
                    statuses: ProposalStatus.allCases.map { StatusOption(value: $0.rawValue, label: $0.label, selected: $0 == p.status) })
            },
            "byDepartment": counts.byDepartment.map { Count(name: $0.key.flatMap { departments[$0] } ?? "所属なし", submitted: $0.submitted, adopted: $0.adopted) },
            "byPerson": counts.byPerson.prefix(20).map { Count(name: people[$0.key]?.name ?? "?", submitted: $0.submitted, adopted: $0.adopted) },
            "clips": try await store.clips(company: company.id, status: .ready).map { ClipOption(id: $0.id.description, title: $0.title) },
        ]
        return env.renderer.page(.proposals, title: context.language.text("proposals"), context: context, data: view)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canSubmitProposals }
        var request = request
        let form = try await request.form(context: context)
        let title = try form.required("title", ja: "件名", en: "Title")
        // A clip of another company is refused by the store (404).
        let clip = form.int64("clip").map(Clip.ID.init)
        _ = try await env.store.addProposal(
            Proposal(id: .init(0), submittedBy: identity.account.employeeID!, team: form["team"] ?? "", title: title, body: form["body"] ?? "",
                     clipID: clip, submittedOn: env.today),
            company: company.id, by: identity.account.login)
        return .redirect(to: "/proposals", type: .normal)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canDecideProposals }
        let id = Proposal.ID(try context.parameters.id())
        guard let proposal = try await env.store.proposal(id, company: company.id) else { throw WebError.notFound }
        var request = request
        let form = try await request.form(context: context)
        guard let status = form["status"].flatMap(ProposalStatus.init(rawValue:)) else {
            throw WebError.badRequest("状態を選んでください。", "Choose a status.")
        }
        _ = try await env.store.updateProposal(id, status: status, effect: form["effect"] ?? proposal.effect, on: env.today,
                                               company: company.id, by: identity.account.login)
        return .redirect(to: "/proposals", type: .normal)
    }
}
