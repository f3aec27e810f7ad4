import DenshoDomain
import Foundation
import Hummingbird

extension ManualController {
    struct DiffRow { var kind: String; var label: String; var old: String; var new: String; var before: StepText?; var after: StepText?; var fields: String }
    struct StepText { var mainStep: String; var keyPoint: String; var reason: String; var times: String }
    struct VersionOption { var value: String; var label: String; var selected: Bool }

    /// `?from=1&to=2` (or `to=draft`): the step-level differences between two versions.
    @Sendable func diff(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let working = try await manual(context, company)
        let language = context.language
        let revisions = try await env.store.revisions(of: working.id, company: company.id)
        let draftAllowed = identity.policy.canWriteManuals || identity.policy.canApproveManuals
        func version(_ key: String?) throws -> (Manual, String) {
            if key == "draft" {
                guard draftAllowed else { throw WebError.notFound }
                return (working, language.text("workingCopy"))
            }
            guard let number = key.flatMap(Int.init), let revision = revisions.first(where: { $0.revision == number }) else {
                throw WebError(.badRequest, ja: "比べる版を選んでください。", en: "Choose the versions to compare.")
            }
            return (working.version(revision), language.text("approvedRevision").replacingOccurrences(of: "{n}", with: String(number)))
        }
        // By default the live 版 against the one before it (or itself, when there is only one).
        let fromKey = request.query("from") ?? (revisions.dropFirst().first ?? revisions.first).map { String($0.revision) }
        let toKey = request.query("to") ?? revisions.first.map { String($0.revision) }
        let (old, oldLabel) = try version(fromKey)
        let (new, newLabel) = try version(toKey)
        let result = ManualDiff(old: old.steps, new: new.steps, oldTitle: old.title, newTitle: new.title)
        func text(_ step: ManualStep) -> StepText {
            StepText(mainStep: step.mainStep, keyPoint: step.keyPoint, reason: step.reason,
                     times: ClipTime.clock(step.start) + (step.end.map { "〜" + ClipTime.clock($0) } ?? ""))
        }
        let rows: [DiffRow] = result.changes.map { change in
            switch change {
            case .added(let n, let step):
                DiffRow(kind: "added", label: language.text("diff.added"), old: "", new: String(n), before: nil, after: text(step), fields: "")
            case .removed(let o, let step):
                DiffRow(kind: "removed", label: language.text("diff.removed"), old: String(o), new: "", before: text(step), after: nil, fields: "")
            case .changed(let o, let n, let before, let after, let fields):
                DiffRow(kind: "changed", label: language.text("diff.changed"), old: String(o), new: String(n), before: text(before),
                        after: text(after), fields: fields.map { language.text("diff.field.\($0.rawValue)") }.joined(separator: "・"))
            case .unchanged(let o, let n, let step):
                DiffRow(kind: "unchanged", label: language.text("diff.unchanged"), old: String(o), new: String(n), before: nil,
                        after: text(step), fields: "")
            }
        }
        var options = revisions.map {
            VersionOption(value: String($0.revision), label: language.text("approvedRevision").replacingOccurrences(of: "{n}", with: String($0.revision)), selected: false)
        }
        if draftAllowed, working.hasPendingChanges { options.insert(VersionOption(value: "draft", label: language.text("workingCopy"), selected: false), at: 0) }
        let view: [String: Any] = [
            "id": working.id.description, "title": working.title, "oldLabel": oldLabel, "newLabel": newLabel, "rows": rows,
            "titleChanged": result.titleChanged, "oldTitle": old.title, "newTitle": new.title, "same": result.isEmpty,
            "fromOptions": options.map { var o = $0; o.selected = o.value == fromKey; return o },
            "toOptions": options.map { var o = $0; o.selected = o.value == toKey; return o },
        ]
        return env.renderer.page(.manualDiff, title: "\(working.title) — \(language.text("diff"))", context: context, data: view,
                                 section: "manuals")
    }
}
