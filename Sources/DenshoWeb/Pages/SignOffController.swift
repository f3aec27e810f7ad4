import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// 実技確認 on the floor: the supervisor opens a checklist on a phone, picks the trainee, marks
/// each step OK or NG (a comment for every NG), optionally picks a photo or clip as evidence,
/// decides pass or fail with feedback and records it; a pass puts the level in the 力量表. The
/// trainee reads the record and acknowledges it (確認). The form page is a handful of small
/// reads: it is opened standing at a machine.
struct SignOffController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/checks/checklists/{id}/signoff", use: form)
        router.post("/checks/checklists/{id}/signoffs", use: record)
        router.get("/checks/signoffs/{id}", use: show)
        router.post("/checks/signoffs/{id}/acknowledge", use: acknowledge)
    }

    /// What the evaluator typed, kept when the form comes back with a refusal.
    struct Input {
        var marks: [Bool?]
        var comments: [String]
        var passed: Bool?
        var feedback: String
        var clip: Clip.ID?
    }

    /// A step of the phone page (looked up by name, not through `Mirror`: the page is opened on
    /// the floor for every trainee and must answer at once).
    struct MarkRow: MustacheParent {
        var index: Int; var number: Int; var step: String; var keyPoint: String?; var ok: Bool; var ng: Bool; var comment: String

        func child(named name: String) -> Any? {
            switch name {
            case "index": index
            case "number": number
            case "step": step
            case "keyPoint": keyPoint as Any?
            case "ok": ok
            case "ng": ng
            case "comment": comment
            default: nil
            }
        }
    }
    struct ClipChoice: MustacheParent {
        var id: String; var name: String; var selected: Bool

        func child(named key: String) -> Any? {
            switch key {
            case "id": id
            case "name": name
            case "selected": selected
            default: nil
            }
        }
    }
    struct Person { var id: String; var name: String; var number: String }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteChecks }
        let checklist = try await checklist(context, company)
        guard let trainee = request.query("trainee") else {
            return try await picker(checklist, identity: identity, company: company, context: context)
        }
        let employee = try await env.signOffTrainee(Int64(trainee), identity, company: company)
        return try await render(checklist, trainee: employee, input: nil, error: nil, status: .ok, company: company, context: context)
    }

    /// Who to check: the people the caller may sign off, one big row each.
    func picker(_ checklist: Checklist, identity: Identity, company: Company, context: AppRequestContext) async throws -> Response {
        let people = try await env.store.employees(company: company.id, filter: .init(activeOn: env.today)).filter(identity.policy.canSignOff)
        let rows: [Person] = people.map { Person(id: $0.id.description, name: $0.name, number: $0.number) }
        let view: [String: Any] = [
            "picker": true, "checklistID": checklist.id.description, "checklistName": checklist.title, "people": rows, "noPeople": people.isEmpty,
        ]
        return env.renderer.page(.signOffForm, title: checklist.title, context: context, data: view, section: "checks")
    }

    func render(
        _ checklist: Checklist, trainee: Employee, input: Input?, error: String?, status: HTTPResponse.Status, company: Company,
        context: AppRequestContext
    ) async throws -> Response {
        let language = context.language
        let scale = try await env.store.levelScale(company: company.id)
        let skill = try await env.store.skill(checklist.skillID, company: company.id)
        // The company's most recent clips (a photo or clip of the trainee just uploaded is among them).
        let clips = Array(try await env.store.clips(company: company.id, status: nil).filter { $0.status != .failed }.prefix(20))
        let rows: [MarkRow] = checklist.items.enumerated().map { (index, item) -> MarkRow in
            let mark: Bool? = input.flatMap { index < $0.marks.count ? $0.marks[index] : nil }
            let comment: String = input.flatMap { (kept: Input) -> String? in index < kept.comments.count ? kept.comments[index] : nil } ?? ""
            return MarkRow(index: index, number: index + 1, step: item.step, keyPoint: item.keyPoint.isEmpty ? nil : item.keyPoint,
                           ok: mark == true, ng: mark == false, comment: comment)
        }
        let level = ChecklistController.levelText(checklist.level, scale: scale)
        let chosenClip: Clip.ID? = input?.clip
        let clipChoices: [ClipChoice] = clips.map { clip in ClipChoice(id: clip.id.description, name: clip.title, selected: clip.id == chosenClip) }
        let skillName = skill.map { "\($0.code) \($0.name)" } ?? ""
        let passNote = language.text("chkPassNote").replacingOccurrences(of: "{level}", with: level)
        let passed: Bool? = input?.passed
        var view: [String: Any] = [
            "checklistID": checklist.id.description, "checklistName": checklist.title, "traineeID": trainee.id.description,
            "traineeName": trainee.name, "traineeNumber": trainee.number, "skillName": skillName, "levelText": level, "passNote": passNote,
            "rows": rows, "clips": clipChoices, "passChecked": passed == true, "failChecked": passed == false,
            "feedback": input?.feedback ?? "",
        ]
        if let error { view["error"] = error }
        return env.renderer.page(.signOffForm, title: "\(checklist.title) — \(trainee.name)", context: context, data: view, status: status,
                                 section: "checks")
    }

    static func mark(_ value: String?) -> Bool? {
        switch value {
        case "ok": return true
        case "ng": return false
        default: return nil
        }
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteChecks }
        let checklist = try await checklist(context, company)
        var request = request
        let form = try await request.form(context: context)
        let trainee = try await env.signOffTrainee(form.int64("trainee"), identity, company: company)
        let passed: Bool?
        switch form["passed"] {
        case "1": passed = true
        case "0": passed = false
        default: passed = nil
        }
        let input = Input(
            marks: checklist.items.indices.map { Self.mark(form["mark\($0)"]) },
            comments: checklist.items.indices.map { (form["comment\($0)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) },
            passed: passed, feedback: form["feedback"] ?? "", clip: form.int64("clip").map(Clip.ID.init))
        do {
            guard let passed else { throw WebError.badRequest("総合判定（合格・不合格）を選んでください。", "Choose pass or fail.") }
            // An unmarked step leaves a mark out: the count no longer matches and the check says so.
            let marks = zip(input.marks, input.comments).compactMap { ok, comment in ok.map { SignOffMark(ok: $0, comment: comment) } }
            let saved = try await env.recordSignOff(
                checklist: checklist, trainee: trainee, marks: marks, passed: passed, feedback: input.feedback, evidence: input.clip,
                identity: identity, company: company)
            return .redirect(to: "/checks/signoffs/\(saved.id)", type: .normal)
        } catch let error as WebError where error.status == .badRequest {
            return try await render(checklist, trainee: trainee, input: input, error: error.message(context.language), status: .badRequest,
                                    company: company, context: context)
        }
    }

    struct StepResult { var number: Int; var step: String; var keyPoint: String?; var ok: Bool; var comment: String? }
    struct LinkView { var href: String; var label: String }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let language = context.language
        let (record, trainee) = try await env.visibleSignOff(try context.parameters.id(), identity, company: company)
        let store = env.store
        let scale = try await store.levelScale(company: company.id)
        let checklist = try await store.checklist(record.checklistID, company: company.id)
        let skill = try await store.skills(company: company.id, includeRetired: true).first { $0.id == record.skillID }
        // The steps as they were checked, whatever the checklist says now.
        let items = record.items
        let steps: [StepResult] = record.marks.enumerated().map { index, mark in
            StepResult(number: index + 1, step: index < items.count ? items[index].step : "\(language.text("chkStep")) \(index + 1)",
                       keyPoint: index < items.count && !items[index].keyPoint.isEmpty ? items[index].keyPoint : nil,
                       ok: mark.ok, comment: mark.comment.isEmpty ? nil : mark.comment)
        }
        var manual: LinkView?
        if let manualID = record.manualID, let found = try await store.manual(manualID, company: company.id) {
            if let revision = record.manualRevision, revision > 0 {
                manual = LinkView(href: "/manuals/\(found.id)/revisions/\(revision)",
                                  label: "\(found.title) \(language.text("approvedRevision").replacingOccurrences(of: "{n}", with: String(revision)))")
            } else {
                manual = LinkView(href: "/manuals/\(found.id)", label: found.title)
            }
        }
        var evidence: LinkView?
        if let clipID = record.evidenceClipID, let clip = try await store.clip(clipID, company: company.id) {
            evidence = LinkView(href: "/clips/\(clip.id)", label: clip.title)
        }
        let mine = record.traineeID == identity.account.employeeID
        let name = checklist?.title ?? (skill?.name ?? "")
        let skillName = skill.map { "\($0.code) \($0.name)" } ?? ""
        let ngText = language.text("chkNGCount").replacingOccurrences(of: "{n}", with: String(record.ngCount))
        var view: [String: Any] = [
            "recordID": record.id.description, "checklistName": name, "traineeName": trainee.name, "skillName": skillName,
            "levelText": ChecklistController.levelText(record.level, scale: scale), "passed": record.passed, "feedback": record.feedback,
            "evaluator": record.evaluatorName, "date": record.signedOn.slashed, "steps": steps, "ngText": ngText,
            "canAcknowledge": mine && record.acknowledgedAt == nil,
        ]
        if record.passed { view["cellHref"] = "/skillmap/cell?employee=\(trainee.id)&skill=\(record.skillID)" }
        if let manual { view["manual"] = manual }
        if let evidence { view["evidence"] = evidence }
        if let at = record.acknowledgedAt { view["acknowledgedAt"] = NotificationController.localTime(at) }
        if identity.policy.canWriteChecks, let checklist, identity.policy.canSignOff(trainee) {
            view["againHref"] = "/checks/checklists/\(checklist.id)/signoff?trainee=\(trainee.id)"
        }
        return env.renderer.page(.signOffRecord, title: language.text("chkRecordTitle"), context: context, data: view, section: "checks")
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let record = try await env.acknowledgeSignOff(try context.parameters.id(), identity: identity, company: company)
        return .redirect(to: "/checks/signoffs/\(record.id)", type: .normal)
    }

    func checklist(_ context: AppRequestContext, _ company: Company) async throws -> Checklist {
        guard let checklist = try await env.store.checklist(.init(try context.parameters.id()), company: company.id) else { throw WebError.notFound }
        return checklist
    }
}
