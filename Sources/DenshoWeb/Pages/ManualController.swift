import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird

/// 動画マニュアル: TWI job breakdowns (主なステップ / 急所 / 急所の理由) on top of a clip, kept as
/// controlled documents. Everyone sees the live version (the latest approved 版); anyone who writes
/// manuals edits the working copy (a proposed revision) and submits it; a supervisor approves it
/// as the next 版 or returns it with a comment. Older 版 stay readable and printable as 旧版.
struct ManualController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/manuals", use: list)
        router.post("/manuals", use: create)
        router.get("/manuals/{id}", use: show)
        router.get("/manuals/{id}/draft", use: showDraft)
        router.get("/manuals/{id}/revisions/{revision}", use: showRevision)
        router.get("/manuals/{id}/diff", use: diff)
        router.post("/manuals/{id}", use: save)
        router.post("/manuals/{id}/submit", use: submit)
        router.post("/manuals/{id}/return", use: sendBack)
        router.post("/manuals/{id}/approve", use: approve)
        router.post("/manuals/{id}/skills", use: setSkills)
    }

    struct Row { var id: String; var title: String; var number: String; var status: String; var revision: Int; var clip: String; var steps: Int }
    struct ClipOption { var id: String; var title: String; var selected: Bool }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let clips = try await env.store.clips(company: company.id, status: nil)
        let titles = Dictionary(uniqueKeysWithValues: clips.map { ($0.id, $0.title) })
        var manuals: [Manual] = []
        for manual in try await env.store.manuals(company: company.id, clip: nil) {
            manuals.append(try await Self.readable(manual, policy: identity.policy, store: env.store, company: company.id))
        }
        let rows = manuals.map {
            Row(id: $0.id.description, title: $0.title, number: $0.documentNumber, status: Self.statusLabel($0, context.language),
                revision: $0.revision, clip: $0.clipID.flatMap { titles[$0] } ?? "", steps: $0.steps.count)
        }
        let preselected = request.query("clip")
        let view: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "canWrite": identity.policy.canWriteManuals,
            "clips": clips.filter { $0.status == .ready }.map { ClipOption(id: $0.id.description, title: $0.title, selected: $0.id.description == preselected) },
        ]
        return env.renderer.page(.manuals, title: context.language.text("manuals"), context: context, data: view)
    }

    /// The list's status: the live 版 and, when there is one, the state of the pending revision.
    static func statusLabel(_ manual: Manual, _ language: Language) -> String {
        let live = manual.revision > 0 ? language.text("approvedRevision").replacingOccurrences(of: "{n}", with: String(manual.revision)) : ""
        guard manual.hasPendingChanges else { return live }
        let pending = language.text("review.\(manual.review.rawValue)")
        guard !live.isEmpty else { return pending }
        return language == .ja ? "\(live)・\(language.text("revising"))（\(pending)）" : "\(live) · \(language.text("revising")) (\(pending))"
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteManuals }
        var request = request
        let form = try await request.form(context: context)
        let title = try form.required("title", ja: "タイトル", en: "Title")
        try Self.checkLength(title)
        let clip = form.int64("clip").map(Clip.ID.init)
        if let clip, try await env.store.clip(clip, company: company.id) == nil { throw WebError.notFound }
        let manual = try await env.store.addManual(
            Manual(id: .init(0), companyID: company.id, clipID: clip, title: title, documentNumber: form["number"] ?? "",
                   author: identity.account.displayName),
            by: identity.account.login)
        return .redirect(to: "/manuals/\(manual.id)", type: .normal)
    }

    /// Which version a page shows.
    enum Shown: Equatable {
        /// The latest approved 版 (or the working copy of a manual never approved).
        case live
        /// The working copy with its editor.
        case draft
        /// An approved 版, possibly 旧版.
        case revision(Int)
    }

    struct StepView { var number: Int; var mainStep: String; var keyPoint: String; var reason: String; var start: String; var end: String; var startSeconds: Double; var clock: String }
    struct RevisionView { var revision: Int; var approver: String; var approvedAt: String; var steps: Int; var reason: String?; var major: Bool; var superseded: String?; var previous: Int?; var current: Bool }
    struct ReviewView { var action: String; var actor: String; var comment: String?; var at: String }
    struct SkillOption { var id: String; var label: String; var selected: Bool }
    struct View {
        var id: String
        var title: String
        var number: String
        var status: String
        var approved: Bool
        var revision: Int
        var author: String
        var approver: String?
        var approvedAt: String?
        var clipID: String?
        var clipTitle: String
        var clipReady: Bool
        var steps: [StepView]
        var revisions: [RevisionView]
        var reviews: [ReviewView]
        /// This page shows the working copy (editor, review buttons).
        var isDraft: Bool
        /// An approved 版 that a later one replaced.
        var oldVersion: String?
        /// On the live page: a pending revision exists (link for writers).
        var pendingRevision: Bool
        /// On the live page: start a revision (writers, when none is pending).
        var canPropose: Bool
        var canWrite: Bool
        var canSubmit: Bool
        var canApprove: Bool
        var canReturn: Bool
        var returnedComment: String?
        /// The working copy's 改訂理由 (not `reason`: a revision without one would find this in the
        /// enclosing context and print it as its own).
        var draftReason: String
        var major: Bool
        var needsReason: Bool
        var error: String?
        var sheetQuery: String
        /// Shown by the print button when the sheet's QR codes would open only on this PC.
        var qrWarning: String?
        /// 読了確認: shown on the live version to people with an employee record.
        var canAcknowledge: Bool
        var acknowledged: String?
        var watchedPercent: Int
        var watched: Bool
        var manualIDForWatch: String?
        var skills: [SkillOption]
        var canLinkSkills: Bool
        var diffFrom: Int?
        /// The working copy's last change, sent back with 承認 so that an approval covers only what the approver saw.
        var seen: String
        /// 理解度テスト links on the live page (nil when there is no quiz and the reader may not write one).
        var quiz: QuizLink? = nil
    }
    struct QuizLink { var exists: Bool; var take: Bool; var edit: Bool }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let manual = try await manual(context, company)
        return try await render(manual, shown: .live, identity: identity, company: company, context: context, error: nil, status: .ok,
                                origin: env.origin(of: request))
    }

    @Sendable func showDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteManuals || $0.canApproveManuals }
        let manual = try await manual(context, company)
        return try await render(manual, shown: .draft, identity: identity, company: company, context: context, error: nil, status: .ok,
                                origin: env.origin(of: request))
    }

    @Sendable func showRevision(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let manual = try await manual(context, company)
        guard let number = Int(context.parameters.get("revision") ?? "") else { throw WebError.notFound }
        return try await render(manual, shown: .revision(number), identity: identity, company: company, context: context, error: nil,
                                status: .ok, origin: env.origin(of: request))
    }

    func render(
        _ working: Manual, shown requested: Shown, identity: Identity, company: Company, context: AppRequestContext, error: String?,
        status: HTTPResponse.Status, origin: String?
    ) async throws -> Response {
        let language = context.language
        let policy = identity.policy
        let revisions = try await env.store.revisions(of: working.id, company: company.id)
        // A manual never approved has only its working copy: that is what everyone sees.
        let shownKind: Shown = requested == .live && revisions.isEmpty ? .draft : requested
        let manual: Manual
        switch shownKind {
        case .live: manual = working.version(revisions[0])
        case .draft: manual = working
        case .revision(let number):
            guard let revision = revisions.first(where: { $0.revision == number }) else { throw WebError.notFound }
            manual = working.version(revision)
        }
        let isDraft = shownKind == .draft
        let base = CompanySettings.printBase(setting: try await env.store.settings(company: company.id).publicBaseURL, requestOrigin: origin)
        let clip = try await manual.clipID.asyncMap { try await env.store.clip($0, company: company.id) } ?? nil
        let canWrite = policy.canWriteManuals && isDraft
        let reviews = isDraft ? try await env.store.reviews(of: working.id, company: company.id) : []
        let statusText: String
        if isDraft {
            statusText = working.hasPendingChanges || working.revision == 0 ? language.text("review.\(working.review.rawValue)")
                : language.text("approvedRevision").replacingOccurrences(of: "{n}", with: String(working.revision))
        } else {
            statusText = language.text("approvedRevision").replacingOccurrences(of: "{n}", with: String(manual.revision))
        }
        // Acknowledging is for the live version, by the person themselves.
        var acknowledged: String?
        var watchedShare = 0.0
        let canAcknowledge = shownKind == .live && identity.account.employeeID != nil
        if canAcknowledge, let employee = identity.account.employeeID {
            acknowledged = try await env.store.acknowledgements(company: company.id, item: .manual(working.id), employee: employee)
                .first { $0.revision == manual.revision }.map { String($0.at.prefix(10)) }
            if let clip, let duration = clip.manifest?.duration {
                watchedShare = try await env.store.watchCoverage(employee: employee, clip: clip.id, company: company.id)
                    .stepShare(manual.steps, duration: duration)
            }
        }
        let watched = clip?.manifest.map { manifest in
            WatchCoverage.watchedShare <= watchedShare + 1e-9 || manifest.duration <= 0
        } ?? true
        let linked = try await env.store.manualSkills(company: company.id)[working.id] ?? []
        let canLinkSkills = policy.canApproveManuals && shownKind == .live
        let skills = canLinkSkills
            ? try await env.store.skills(company: company.id, includeRetired: false).map {
                SkillOption(id: $0.id.description, label: "\($0.code) \($0.name)", selected: linked.contains($0.id))
            } : []
        let returned = reviews.first.flatMap { $0.action == .return && working.review == .returned ? $0.comment : nil }
        let sheetQuery: String
        switch shownKind {
        case .live: sheetQuery = ""
        case .draft: sheetQuery = revisions.isEmpty ? "" : "?version=draft"
        case .revision(let n): sheetQuery = "?version=\(n)"
        }
        var view = View(
            id: working.id.description, title: manual.title, number: manual.documentNumber, status: statusText,
            approved: !isDraft, revision: manual.revision, author: working.author,
            approver: isDraft ? nil : manual.approver.flatMap { $0.isEmpty ? nil : $0 },
            approvedAt: isDraft ? nil : manual.approvedAt.map { String($0.prefix(10)) },
            clipID: clip?.id.description, clipTitle: clip?.title ?? "", clipReady: clip?.status == .ready,
            steps: manual.steps.enumerated().map { index, step in
                StepView(number: index + 1, mainStep: step.mainStep, keyPoint: step.keyPoint, reason: step.reason,
                         start: Self.format(step.start), end: step.end.map(Self.format) ?? "", startSeconds: step.start,
                         clock: ClipTime.clock(step.start))
            },
            revisions: revisions.map { revision in
                RevisionView(revision: revision.revision, approver: revision.approver, approvedAt: String(revision.approvedAt.prefix(10)),
                             steps: revision.steps.count, reason: revision.reason.isEmpty ? nil : revision.reason, major: revision.majorChange,
                             superseded: revision.supersededAt.map { String($0.prefix(10)) },
                             previous: revision.revision > 1 ? revision.revision - 1 : nil, current: revision.revision == manual.revision && !isDraft)
            },
            reviews: reviews.map {
                ReviewView(action: language.text("reviewAction.\($0.action.rawValue)"), actor: $0.actor, comment: $0.comment.isEmpty ? nil : $0.comment, at: String($0.at.prefix(16)).replacingOccurrences(of: "T", with: " "))
            },
            isDraft: isDraft,
            oldVersion: manual.supersededAt.map { String($0.prefix(10)) },
            pendingRevision: shownKind == .live && working.hasPendingChanges && (policy.canWriteManuals || policy.canApproveManuals),
            canPropose: shownKind == .live && policy.canWriteManuals && !working.hasPendingChanges,
            canWrite: canWrite,
            canSubmit: canWrite && working.review != .submitted && !working.steps.isEmpty && (working.hasPendingChanges || working.revision == 0),
            canApprove: isDraft && policy.canApproveManuals && !working.steps.isEmpty && (working.hasPendingChanges || working.revision == 0),
            canReturn: isDraft && policy.canApproveManuals && working.review == .submitted,
            returnedComment: returned, draftReason: working.revisionReason, major: working.majorChange, needsReason: working.revision > 0,
            error: error, sheetQuery: sheetQuery,
            qrWarning: manual.clipID != nil && base.localOnly ? language.text("qrLocalOnly").replacingOccurrences(of: "{url}", with: base.base) : nil,
            canAcknowledge: canAcknowledge, acknowledged: acknowledged, watchedPercent: Int((watchedShare * 100).rounded()),
            watched: watched, manualIDForWatch: shownKind == .live && identity.account.employeeID != nil ? working.id.description : nil,
            skills: skills, canLinkSkills: canLinkSkills && !skills.isEmpty,
            diffFrom: isDraft && !revisions.isEmpty ? revisions[0].revision : nil, seen: working.updatedAt)
        if requested == .live {
            let quiz = try await env.store.quiz(manual: working.id, company: company.id)
            if quiz != nil || policy.canWriteChecks {
                view.quiz = QuizLink(exists: quiz != nil, take: quiz != nil && identity.account.employeeID != nil, edit: policy.canWriteChecks)
            }
        }
        return env.renderer.page(.manual, title: manual.title, context: context, data: view, status: status, section: "manuals")
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteManuals }
        let manual = try await manual(context, company)
        var request = request
        let form = try await request.form(context: context)
        let title = try form.required("title", ja: "タイトル", en: "Title")
        try Self.checkLength(title)
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
            return try await render(draft, shown: .draft, identity: identity, company: company, context: context,
                                    error: error.description, status: .badRequest, origin: env.origin(of: request))
        }
        _ = try await env.store.updateManual(
            manual.id, title: title, documentNumber: form["number"] ?? manual.documentNumber, steps: steps,
            reason: String((form["revisionReason"] ?? manual.revisionReason).trimmingCharacters(in: .whitespacesAndNewlines).prefix(500)),
            majorChange: form["major"] == "1", company: company.id, by: identity.account.login)
        return .redirect(to: "/manuals/\(manual.id)/draft", type: .normal)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteManuals }
        let manual = try await manual(context, company)
        try await reviewStep(manual, identity: identity, company: company, context: context, request: request) {
            _ = try await env.store.submitManual(manual.id, company: company.id, by: identity.account.login)
        }
        return .redirect(to: "/manuals/\(manual.id)/draft", type: .normal)
    }

    @Sendable func sendBack(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canApproveManuals }
        let manual = try await manual(context, company)
        var request = request
        let comment = try await request.form(context: context)["comment"] ?? ""
        try await reviewStep(manual, identity: identity, company: company, context: context, request: request) {
            _ = try await env.store.returnManual(manual.id, comment: comment, company: company.id, by: identity.account.login)
        }
        return .redirect(to: "/manuals/\(manual.id)/draft", type: .normal)
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canApproveManuals }
        let manual = try await manual(context, company)
        var request = request
        let seen = try await request.form(context: context)["seen"]
        try await reviewStep(manual, identity: identity, company: company, context: context, request: request) {
            _ = try await env.store.approveManual(manual.id, company: company.id, by: identity.account.login,
                                                  approverName: identity.account.displayName, seen: seen)
        }
        return .redirect(to: "/manuals/\(manual.id)", type: .normal)
    }

    /// Runs a review action; what the store refuses (no 改訂理由, nothing to approve, an empty
    /// comment) comes back as the draft page with the reason, not an error page.
    func reviewStep(
        _ manual: Manual, identity: Identity, company: Company, context: AppRequestContext, request: Request,
        _ action: () async throws -> Void
    ) async throws {
        do {
            try await action()
        } catch StoreError.invalid(let message) {
            throw WebError(.badRequest, storeMessage: message)
        }
    }


    @Sendable func setSkills(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canApproveManuals }
        let manual = try await manual(context, company)
        var request = request
        let ids = try await request.form(context: context).all("skill").compactMap { Int64($0) }.map(Skill.ID.init)
        do {
            try await env.store.setManualSkills(manual.id, skills: ids, company: company.id, by: identity.account.login)
        } catch StoreError.notFound {
            throw WebError.notFound
        }
        return .redirect(to: "/manuals/\(manual.id)", type: .normal)
    }

    func manual(_ context: AppRequestContext, _ company: Company) async throws -> Manual {
        guard let manual = try await env.store.manual(.init(try context.parameters.id()), company: company.id) else {
            throw WebError.notFound
        }
        return manual
    }

    /// Titles are printed in a header box and listed everywhere: 200 characters at most.
    static func checkLength(_ title: String, limit: Int = 200) throws {
        guard title.count <= limit else {
            throw WebError(.badRequest, ja: "タイトルは\(limit)文字以内にしてください。", en: "Keep the title within \(limit) characters.")
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? ClipTime.clock(seconds) : String(format: "%.1f", seconds)
    }
}

extension ManualController {
    /// A manual as `policy` may read it: writers and approvers get the working copy; everyone else the latest
    /// approved revision, as the manual's page shows it to them (the working copy while none is approved yet). The
    /// list, the API and search all answer with this, so a pending draft never reaches someone who may not open it.
    static func readable(_ manual: Manual, policy: AccessPolicy, store: any DenshoRepository, company: Company.ID) async throws -> Manual {
        guard !(policy.canWriteManuals || policy.canApproveManuals), manual.revision > 0, manual.hasPendingChanges else { return manual }
        return try await store.revisions(of: manual.id, company: company).first.map(manual.version) ?? manual
    }
}
