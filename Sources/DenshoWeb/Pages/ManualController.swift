import DenshoDomain
import Foundation
import HTTPTypes
import Hummingbird

/// 動画マニュアル: TWI job breakdowns (主なステップ / 急所 / 急所の理由) on top of a clip. Anyone
/// who shoots clips may draft; a supervisor approves, and each approval is kept as a revision.
struct ManualController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/manuals", use: list)
        router.post("/manuals", use: create)
        router.get("/manuals/{id}", use: show)
        router.post("/manuals/{id}", use: save)
        router.post("/manuals/{id}/approve", use: approve)
    }

    struct Row { var id: String; var title: String; var number: String; var status: String; var revision: Int; var clip: String; var steps: Int }
    struct ClipOption { var id: String; var title: String; var selected: Bool }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let clips = try await env.store.clips(company: company.id, status: nil)
        let titles = Dictionary(uniqueKeysWithValues: clips.map { ($0.id, $0.title) })
        let rows = try await env.store.manuals(company: company.id, clip: nil).map {
            Row(id: $0.id.description, title: $0.title, number: $0.documentNumber, status: $0.status.label,
                revision: $0.revision, clip: $0.clipID.flatMap { titles[$0] } ?? "", steps: $0.steps.count)
        }
        let preselected = request.query("clip")
        let view: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "canWrite": identity.policy.canWriteManuals,
            "clips": clips.filter { $0.status == .ready }.map { ClipOption(id: $0.id.description, title: $0.title, selected: $0.id.description == preselected) },
        ]
        return env.renderer.page(.manuals, title: context.language.text("manuals"), context: context, data: view)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteManuals }
        var request = request
        let form = try await request.form(context: context)
        let title = try form.required("title", ja: "タイトル", en: "Title")
        let clip = form.int64("clip").map(Clip.ID.init)
        if let clip, try await env.store.clip(clip, company: company.id) == nil { throw WebError.notFound }
        let manual = try await env.store.addManual(
            Manual(id: .init(0), companyID: company.id, clipID: clip, title: title, documentNumber: form["number"] ?? "",
                   author: identity.account.displayName),
            by: identity.account.login)
        return .redirect(to: "/manuals/\(manual.id)", type: .normal)
    }

    struct StepView { var number: Int; var mainStep: String; var keyPoint: String; var reason: String; var start: String; var end: String; var startSeconds: Double; var clock: String }
    struct RevisionView { var revision: Int; var approver: String; var approvedAt: String; var steps: Int }
    struct View {
        var id: String
        var title: String
        var number: String
        var status: String
        var approved: Bool
        var revision: Int
        var author: String
        var approver: String?
        var clipID: String?
        var clipTitle: String
        var clipReady: Bool
        var steps: [StepView]
        var revisions: [RevisionView]
        var canWrite: Bool
        var canApprove: Bool
        var error: String?
        var printable: Bool
        /// Shown by the print button when the sheet's QR codes would open only on this PC.
        var qrWarning: String?
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let manual = try await manual(context, company)
        return try await render(manual, identity: identity, company: company, context: context, error: nil, status: .ok,
                                origin: env.origin(of: request))
    }

    func render(
        _ manual: Manual, identity: Identity, company: Company, context: AppRequestContext, error: String?,
        status: HTTPResponse.Status, origin: String?
    ) async throws -> Response {
        let base = CompanySettings.printBase(setting: try await env.store.settings(company: company.id).publicBaseURL, requestOrigin: origin)
        let clip = try await manual.clipID.asyncMap { try await env.store.clip($0, company: company.id) } ?? nil
        let view = View(
            id: manual.id.description, title: manual.title, number: manual.documentNumber, status: manual.status.label,
            approved: manual.status == .approved, revision: manual.revision, author: manual.author,
            approver: manual.approver.flatMap { $0.isEmpty ? nil : $0 }, clipID: clip?.id.description, clipTitle: clip?.title ?? "",
            clipReady: clip?.status == .ready,
            steps: manual.steps.enumerated().map { index, step in
                StepView(number: index + 1, mainStep: step.mainStep, keyPoint: step.keyPoint, reason: step.reason,
                         start: Self.format(step.start), end: step.end.map(Self.format) ?? "", startSeconds: step.start,
                         clock: ClipTime.clock(step.start))
            },
            revisions: try await env.store.revisions(of: manual.id, company: company.id).map {
                RevisionView(revision: $0.revision, approver: $0.approver, approvedAt: String($0.approvedAt.prefix(10)), steps: $0.steps.count)
            },
            canWrite: identity.policy.canWriteManuals, canApprove: identity.policy.canApproveManuals && manual.status == .draft && !manual.steps.isEmpty,
            error: error, printable: true,
            qrWarning: manual.clipID != nil && base.localOnly ? context.language.text("qrLocalOnly").replacingOccurrences(of: "{url}", with: base.base) : nil)
        return env.renderer.page(.manual, title: manual.title, context: context, data: view, status: status, section: "manuals")
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteManuals }
        let manual = try await manual(context, company)
        var request = request
        let form = try await request.form(context: context)
        let title = try form.required("title", ja: "タイトル", en: "Title")
        let mains = form.all("main"), keys = form.all("key"), reasons = form.all("reason")
        let starts = form.all("start"), ends = form.all("end")
        var steps: [ManualStep] = []
        let duration = try await manual.clipID.asyncMap { try await env.store.clip($0, company: company.id) }??.manifest?.duration
        do {
            for index in mains.indices {
                let main = mains[index].trimmingCharacters(in: .whitespacesAndNewlines)
                let key = index < keys.count ? keys[index] : "", reason = index < reasons.count ? reasons[index] : ""
                let startText = index < starts.count ? starts[index] : "", endText = index < ends.count ? ends[index] : ""
                // A row left entirely empty is the editor's spare row, not a step.
                if main.isEmpty, key.isEmpty, reason.isEmpty, startText.isEmpty { continue }
                guard let start = ClipTime.seconds(startText.isEmpty ? "0" : startText) else {
                    throw ManualStepError(step: steps.count + 1, message: "開始時刻は 1:23 または秒数で入力してください")
                }
                let end = endText.isEmpty ? nil : ClipTime.seconds(endText)
                if !endText.isEmpty, end == nil {
                    throw ManualStepError(step: steps.count + 1, message: "終了時刻は 1:23 または秒数で入力してください")
                }
                let step = ManualStep(mainStep: main, keyPoint: key, reason: reason, start: start, end: end)
                try step.validate(number: steps.count + 1, clipDuration: duration)
                steps.append(step)
            }
        } catch let error as ManualStepError {
            var draft = manual
            draft.title = title
            return try await render(draft, identity: identity, company: company, context: context,
                                    error: error.description, status: .badRequest, origin: env.origin(of: request))
        }
        _ = try await env.store.updateManual(
            manual.id, title: title, documentNumber: form["number"] ?? manual.documentNumber, steps: steps,
            reason: form["reason"] ?? manual.revisionReason, majorChange: form["major"] == "1", company: company.id,
            by: identity.account.login)
        return .redirect(to: "/manuals/\(manual.id)", type: .normal)
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canApproveManuals }
        let manual = try await manual(context, company)
        _ = try await env.store.approveManual(manual.id, company: company.id, by: identity.account.login,
                                              approverName: identity.account.displayName)
        return .redirect(to: "/manuals/\(manual.id)", type: .normal)
    }

    func manual(_ context: AppRequestContext, _ company: Company) async throws -> Manual {
        guard let manual = try await env.store.manual(.init(try context.parameters.id()), company: company.id) else {
            throw WebError.notFound
        }
        return manual
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? ClipTime.clock(seconds) : String(format: "%.1f", seconds)
    }
}
