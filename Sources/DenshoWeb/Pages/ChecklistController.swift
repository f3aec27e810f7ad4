import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird

/// 実技確認 checklists: the checks home (`/checks`: checklists, one's own sign-offs with those
/// waiting for 確認 first, and for evaluators the ones they recorded), writing a checklist (from a
/// manual's live steps and 急所, or by hand), and the per-skill check rules. Supervisors and
/// admins write; every member reads.
struct ChecklistController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/checks", use: overview)
        router.get("/checks/checklists/new", use: newChecklist)
        router.post("/checks/checklists/new", use: create)
        router.get("/checks/checklists/{id}", use: edit)
        router.post("/checks/checklists/{id}", use: update)
        router.get("/checks/rules", use: rules)
        router.post("/checks/rules", use: saveRules)
    }

    struct ChecklistRow { var id: String; var name: String; var skill: String; var level: String; var manual: String?; var items: Int }
    struct SignOffRow { var id: String; var name: String; var person: String; var skill: String; var level: String; var date: String; var passed: Bool; var waiting: Bool }
    struct Choice { var value: String; var label: String; var selected: Bool }
    struct ItemRow { var number: Int; var step: String; var keyPoint: String }

    static func skillLabels(_ store: any DenshoRepository, company: Company, includeRetired: Bool = true) async throws -> [Skill.ID: String] {
        Dictionary(uniqueKeysWithValues: try await store.skills(company: company.id, includeRetired: includeRetired).map { ($0.id, "\($0.code) \($0.name)") })
    }

    static func levelText(_ level: Int, scale: LevelScale) -> String {
        "\(scale.symbol(level)) \(scale.definition(level)?.label ?? String(level))"
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let language = context.language
        let policy = identity.policy
        let store = env.store
        let checklists = try await store.checklists(company: company.id)
        let skills = try await Self.skillLabels(store, company: company)
        let scale = try await store.levelScale(company: company.id)
        let manualTitles = try await store.liveTitles(company: company.id)
        let titles = Dictionary(uniqueKeysWithValues: checklists.map { ($0.id, $0.title) })
        let rows: [ChecklistRow] = checklists.map { checklist in
            ChecklistRow(id: checklist.id.description, name: checklist.title, skill: skills[checklist.skillID] ?? "",
                         level: Self.levelText(checklist.level, scale: scale), manual: checklist.manualID.flatMap { manualTitles[$0] },
                         items: checklist.items.count)
        }
        var view: [String: Any] = ["checklists": rows, "noChecklists": checklists.isEmpty, "canWrite": policy.canWriteChecks]
        let me = identity.account.employeeID
        if me != nil || policy.canWriteChecks {
            let all = try await store.signOffs(company: company.id, employee: nil)
            let people = Dictionary(uniqueKeysWithValues: try await store.employees(company: company.id, filter: .init()).map { ($0.id, $0) })
            func row(_ s: SignOff) -> SignOffRow {
                SignOffRow(id: s.id.description, name: titles[s.checklistID] ?? (skills[s.skillID] ?? ""), person: people[s.traineeID]?.name ?? "",
                           skill: skills[s.skillID] ?? "", level: scale.symbol(s.level), date: s.signedOn.slashed, passed: s.passed,
                           waiting: s.acknowledgedAt == nil)
            }
            if let me {
                let mine = all.filter { $0.traineeID == me }
                // Waiting for the trainee's 確認 first, then the rest, newest first.
                let ordered = mine.filter { $0.acknowledgedAt == nil } + mine.filter { $0.acknowledgedAt != nil }
                view["hasMine"] = true
                view["mine"] = ordered.prefix(20).map(row)
            }
            if policy.canWriteChecks {
                let recorded = all.filter { s in
                    if let me { return s.evaluatorID == me }
                    return people[s.traineeID].map(policy.canViewEmployee) ?? false
                }
                view["isEvaluator"] = true
                view["recorded"] = recorded.prefix(30).map(row)
            }
        }
        return env.renderer.page(.checks, title: language.text("chkHeading"), context: context, data: view)
    }

    @Sendable func newChecklist(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.canWriteChecks }
        var checklist = Checklist(id: .init(0), companyID: company.id, title: "", skillID: .init(0), level: SkillThreshold.independent, items: [])
        if let manualID = request.query("manual").flatMap(Int64.init).map(Manual.ID.init) {
            guard let manual = try await env.store.manual(manualID, company: company.id) else { throw WebError.notFound }
            // The live 版's steps and 急所 (the working copy only for a manual never approved).
            let live = try await env.store.revisions(of: manual.id, company: company.id).first.map { manual.version($0) } ?? manual
            checklist.title = live.title
            checklist.manualID = manual.id
            checklist.items = Checklist.items(from: live.steps)
            if let skill = try await env.store.manualSkills(company: company.id)[manual.id]?.first { checklist.skillID = skill }
        }
        return try await renderForm(checklist, context: context, company: company)
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.canWriteChecks }
        let checklist = try await existing(context, company)
        return try await renderForm(checklist, context: context, company: company,
                                    flash: request.query("saved") != nil ? context.language.text("chkSaved") : nil)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteChecks }
        var request = request
        let form = try await request.form(context: context)
        return try await save(Self.checklist(from: form, id: .init(0), company: company), identity: identity, company: company, context: context)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteChecks }
        let current = try await existing(context, company)
        var request = request
        let form = try await request.form(context: context)
        return try await save(Self.checklist(from: form, id: current.id, company: company), identity: identity, company: company, context: context)
    }

    /// The form's fields as a checklist: rows left entirely empty are the editor's spare rows.
    static func checklist(from form: FormFields, id: Checklist.ID, company: Company) -> Checklist {
        let steps = form.all("step"), keys = form.all("key")
        var items: [ChecklistItem] = []
        for index in steps.indices {
            let step = steps[index].trimmingCharacters(in: .whitespacesAndNewlines)
            let key = index < keys.count ? keys[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            if step.isEmpty, key.isEmpty { continue }
            items.append(ChecklistItem(step: step, keyPoint: key))
        }
        return Checklist(
            id: id, companyID: company.id, title: (form["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            skillID: .init(form.int64("skill") ?? 0), level: form.int("level") ?? Int.min,
            manualID: form.int64("manual").map(Manual.ID.init), items: items)
    }

    /// Saves and goes to the checklist; what the store refuses comes back as the form with the
    /// reason and everything typed kept.
    func save(_ checklist: Checklist, identity: Identity, company: Company, context: AppRequestContext) async throws -> Response {
        func refuse(_ message: String) async throws -> Response {
            try await renderForm(checklist, context: context, company: company, error: message, status: .badRequest)
        }
        let language = context.language
        guard checklist.skillID.rawValue != 0 else { return try await refuse(language == .ja ? "技能を選んでください。" : "Choose a skill.") }
        guard checklist.level != Int.min else { return try await refuse(language == .ja ? "レベルを選んでください。" : "Choose a level.") }
        guard checklist.title.count <= 200, checklist.items.allSatisfy({ $0.step.count <= 500 && $0.keyPoint.count <= 500 }) else {
            return try await refuse(language == .ja ? "名前は200文字、各項目は500文字までです。" : "Keep the title within 200 and each step within 500 characters.")
        }
        do {
            let saved = try await env.store.saveChecklist(checklist, by: identity.account.login)
            return .redirect(to: "/checks/checklists/\(saved.id)?saved=1", type: .normal)
        } catch StoreError.invalid(let message) {
            return try await refuse(WebError(.badRequest, storeMessage: message).message(language))
        } catch StoreError.notFound {
            throw WebError.notFound
        }
    }

    func renderForm(
        _ checklist: Checklist, context: AppRequestContext, company: Company, error: String? = nil, status: HTTPResponse.Status = .ok,
        flash: String? = nil
    ) async throws -> Response {
        let language = context.language
        let store = env.store
        let isNew = checklist.id.rawValue == 0
        let skills = try await store.skills(company: company.id, includeRetired: false)
        let scale = try await store.levelScale(company: company.id)
        let manuals = try await store.manuals(company: company.id, clip: nil)
        let titles = try await store.liveTitles(company: company.id)
        let manualChoices: [Choice] = manuals.map { manual in
            Choice(value: manual.id.description,
                   label: (manual.documentNumber.isEmpty ? "" : manual.documentNumber + " ") + (titles[manual.id] ?? manual.title),
                   selected: manual.id == checklist.manualID)
        }
        let spare = checklist.items.count < 3 ? 5 - checklist.items.count : 3
        let blanks = Array(repeating: ChecklistItem(step: ""), count: max(0, min(spare, Checklist.maxItems - checklist.items.count)))
        let rows: [ItemRow] = (checklist.items + blanks).enumerated().map { index, item in
            ItemRow(number: index + 1, step: item.step, keyPoint: item.keyPoint)
        }
        let skillChoices: [Choice] = skills.map { skill in
            Choice(value: skill.id.description, label: "\(skill.code) \(skill.name)", selected: skill.id == checklist.skillID)
        }
        let levelChoices: [Choice] = scale.levels.map { level in
            Choice(value: String(level.level), label: "\(level.symbol) \(level.level) \(level.label)", selected: level.level == checklist.level)
        }
        let action = isNew ? "/checks/checklists/new" : "/checks/checklists/\(checklist.id)"
        var view: [String: Any] = [
            "isNew": isNew, "action": action, "checklistName": checklist.title, "rows": rows, "skills": skillChoices, "levels": levelChoices,
            "manuals": manualChoices, "manualPicker": manualChoices,
        ]
        if !isNew { view["signOffHref"] = "/checks/checklists/\(checklist.id)/signoff" }
        if let error { view["error"] = error }
        if let flash { view["flash"] = flash }
        let heading = language.text(isNew ? "chkNewChecklist" : "chkEditChecklist")
        return env.renderer.page(.checklist, title: heading, context: context, data: view, status: status, section: "checks")
    }

    func existing(_ context: AppRequestContext, _ company: Company) async throws -> Checklist {
        guard let checklist = try await env.store.checklist(.init(try context.parameters.id()), company: company.id) else { throw WebError.notFound }
        return checklist
    }

    // MARK: Check rules

    struct RuleRow { var id: String; var name: String; var levels: [Choice]; var quiz: Bool; var months: String }

    @Sendable func rules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteChecks }
        let language = context.language
        let skills = try await env.store.skills(company: company.id, includeRetired: false)
        let scale = try await env.store.levelScale(company: company.id)
        let rules = try await env.store.checkRules(company: company.id)
        let rows: [RuleRow] = skills.map { skill -> RuleRow in
            let rule = rules[skill.id]
            let from: Int? = rule?.signOffFromLevel
            var levels: [Choice] = [Choice(value: "", label: language.text("chkRuleNone"), selected: from == nil)]
            for level in scale.levels {
                levels.append(Choice(value: String(level.level), label: "\(level.symbol) \(level.level) \(level.label)", selected: from == level.level))
            }
            var months = ""
            if let validity = rule?.validityMonths { months = String(validity) }
            return RuleRow(id: skill.id.description, name: "\(skill.code) \(skill.name)", levels: levels, quiz: rule?.quizRequired ?? false,
                           months: months)
        }
        // Supervisors see the company's rules; admins set them.
        var view: [String: Any] = ["rules": rows, "canEdit": identity.policy.canSetCheckRules]
        if request.query("saved") != nil { view["flash"] = language.text("chkRulesSaved") }
        return env.renderer.page(.checkRules, title: language.text("chkRules"), context: context, data: view, section: "checks")
    }

    /// One form for every skill (`skill` repeated; `from<id>`, `quiz<id>`, `months<id>`): only the
    /// rules that changed are written. Everything is checked before anything is.
    @Sendable func saveRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canSetCheckRules }
        var request = request
        let form = try await request.form(context: context)
        let known = Set(try await env.store.skills(company: company.id, includeRetired: true).map(\.id))
        let scale = try await env.store.levelScale(company: company.id)
        let current = try await env.store.checkRules(company: company.id)
        var changed: [SkillCheckRule] = []
        for text in form.all("skill") {
            guard let raw = Int64(text) else { throw WebError.notFound }
            let skill = Skill.ID(raw)
            guard known.contains(skill) else { throw WebError.notFound }
            var months: Int?
            let monthsText = (form["months\(raw)"] ?? "").trimmingCharacters(in: .whitespaces)
            if !monthsText.isEmpty {
                guard let value = Int(monthsText) else {
                    throw WebError.badRequest("有効期間は月数（数字）で入力してください。", "Validity is a number of months.")
                }
                months = value
            }
            let from = form.int("from\(raw)")
            if let from, !scale.contains(from) {
                throw WebError.badRequest("レベル\(from)は段階にありません。", "Level \(from) is not on the scale.")
            }
            let rule = SkillCheckRule(skillID: skill, signOffFromLevel: from, quizRequired: form["quiz\(raw)"] == "1", validityMonths: months)
            do throws(CheckError) {
                _ = try rule.validated()
            } catch {
                throw WebError(.badRequest, ja: error.japanese, en: error.english)
            }
            if rule != (current[skill] ?? SkillCheckRule(skillID: skill)) { changed.append(rule) }
        }
        do {
            for rule in changed { try await env.store.setCheckRule(rule, company: company.id, by: identity.account.login) }
        } catch StoreError.invalid(let message) {
            throw WebError(.badRequest, storeMessage: message)
        } catch StoreError.notFound {
            throw WebError.notFound
        }
        return .redirect(to: "/checks/rules?saved=1", type: .normal)
    }
}
