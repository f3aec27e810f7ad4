import DenshoDomain
import DenshoStore
import Foundation
import Hummingbird

/// 教育・OJT: who must watch what by when, and whether they did. Staff see their own list (and
/// acknowledge what they watched); supervisors, HR and admins assign manuals, clips and courses
/// to people, a department or everyone short of a skill for their next grade, and follow the
/// progress per manual and per person.
struct TrainingController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/training", use: overview)
        router.post("/training/assign", use: assign)
        router.post("/training/courses", use: addCourse)
        router.post("/training/acknowledge", use: acknowledge)
        router.post("/training/assignments/{id}/delete", use: remove)
        router.get("/training/manuals/{id}", use: manualPeople)
        router.get("/training/people/{id}", use: person)
        router.post("/watch", use: watch)
    }

    struct MyItem { var title: String; var href: String; var kind: String; var due: String; var state: String; var stateKey: String; var percent: Int; var reopened: Bool; var course: String? }
    struct Option { var value: String; var label: String }
    struct ReportRow { var title: String; var href: String?; var kind: String; var assigned: Int; var notStarted: Int; var inProgress: Int; var completed: Int; var overdue: Int }
    struct PersonRow { var id: String; var name: String; var number: String; var assigned: Int; var completed: Int; var overdue: Int }

    /// Titles of every manual (live version's) and clip of the company, with links.
    func catalogue(_ company: Company) async throws -> (titles: [TrainingItem: String], manuals: [Manual], clips: [Clip]) {
        let manuals = try await env.store.manuals(company: company.id, clip: nil)
        let clips = try await env.store.clips(company: company.id, status: nil)
        var titles: [TrainingItem: String] = [:]
        // As approved: a draft's new title is not shown before it is.
        for (manual, title) in try await env.store.liveTitles(company: company.id) { titles[.manual(manual)] = title }
        for clip in clips { titles[.clip(clip.id)] = clip.title }
        return (titles, manuals, clips)
    }

    static func href(_ item: TrainingItem) -> String {
        switch item {
        case .manual(let id): "/manuals/\(id)"
        case .clip(let id): "/clips/\(id)"
        }
    }

    /// One person's assignments, ordered by due date, as the home page and the person page show them.
    func items(for employee: Employee.ID, company: Company, language: Language) async throws -> [MyItem] {
        try await items(try await env.store.assignments(company: company.id, employee: employee, item: nil), company: company, language: language)
    }

    func items(_ assignments: [Assignment], company: Company, language: Language) async throws -> [MyItem] {
        let (titles, _, _) = try await catalogue(company)
        let courses = Dictionary(uniqueKeysWithValues: try await env.store.courses(company: company.id).map { ($0.id, $0.title) })
        let today = env.today
        return assignments.map { a in
            let state = a.state(on: today)
            return MyItem(title: titles[a.item] ?? "", href: Self.href(a.item), kind: language.text("kind.\(a.item.kind)"),
                          due: a.dueOn?.slashed ?? language.text("noDue"), state: language.text(state.stringKey), stateKey: state.rawValue,
                          percent: Int((a.watchedShare * 100).rounded()), reopened: a.reopenedAt != nil && a.completedAt == nil,
                          course: a.courseID.flatMap { courses[$0] })
        }
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let language = context.language
        var view: [String: Any] = [:]
        if let me = identity.account.employeeID {
            view["mine"] = try await items(for: me, company: company, language: language)
            view["hasMine"] = true
        }
        if identity.policy.canAssignTraining {
            let (titles, manuals, clips) = try await catalogue(company)
            let chosen = try await env.trainingScope(
                request.query("department").flatMap(Int64.init).map(Department.ID.init), identity: identity, company: company)
            let (departments, scope, unscoped) = (chosen.departments, chosen.department, chosen.empty)
            let people = unscoped ? [] : try await env.store.employees(company: company.id, filter: .init(activeOn: env.today))
                .filter { identity.policy.canViewEmployee($0) && (scope == nil || $0.departmentID == scope) }
            let report = unscoped ? [] : try await env.store.trainingReport(company: company.id, department: scope, today: env.today)
            let assignments = try await env.store.assignments(company: company.id, employee: nil, item: nil)
            let byPerson = Dictionary(grouping: assignments, by: \.employeeID)
            let courses = try await env.store.courses(company: company.id)
            let approved = manuals.filter { $0.revision > 0 }
            view["canAssign"] = true
            view["itemOptions"] = approved.map { Option(value: "manual:\($0.id)", label: "\(language.text("kind.manual")): \($0.documentNumber.isEmpty ? "" : $0.documentNumber + " ")\($0.title)") }
                + clips.filter { $0.status == .ready }.map { Option(value: "clip:\($0.id)", label: "\(language.text("kind.clip")): \($0.title)") }
                + courses.map { Option(value: "course:\($0.id)", label: "\(language.text("course")): \($0.title) (\($0.items.count))") }
            view["courseItemOptions"] = approved.map { Option(value: "manual:\($0.id)", label: "\(language.text("kind.manual")): \(titles[.manual($0.id)] ?? $0.title)") }
                + clips.filter { $0.status == .ready }.map { Option(value: "clip:\($0.id)", label: "\(language.text("kind.clip")): \($0.title)") }
            view["people"] = people.map { Option(value: $0.id.description, label: "\($0.number) \($0.name)") }
            view["departments"] = departments.map { d in ["value": d.id.description, "label": d.name, "selected": d.id == scope] as [String: Any] }
            view["skills"] = try await env.store.skills(company: company.id, includeRetired: false).map { Option(value: $0.id.description, label: "\($0.code) \($0.name)") }
            view["report"] = report.map {
                ReportRow(title: $0.title.isEmpty ? (titles[$0.item] ?? "") : $0.title,
                          href: { if case .manual(let id) = $0.item { return "/training/manuals/\(id)\(scope.map { "?department=\($0)" } ?? "")" } else { return nil } }($0),
                          kind: language.text("kind.\($0.item.kind)"), assigned: $0.assigned, notStarted: $0.notStarted, inProgress: $0.inProgress,
                          completed: $0.completed, overdue: $0.overdue)
            }
            view["peopleRows"] = people.compactMap { person -> PersonRow? in
                let mine = byPerson[person.id] ?? []
                guard !mine.isEmpty else { return nil }
                return PersonRow(id: person.id.description, name: person.name, number: person.number, assigned: mine.count,
                                 completed: mine.filter { $0.completedAt != nil }.count,
                                 overdue: mine.filter { $0.state(on: env.today) == .overdue }.count)
            }
            view["courses"] = courses.map { course in
                ["title": course.title, "items": course.items.map { titles[$0] ?? "" }.joined(separator: " → ")]
            }
            view["today"] = env.today.description
            if let scope { view["scope"] = scope.description }
        }
        if let flash = request.query("assigned").flatMap(Int.init) {
            view["flash"] = language.text("assignedCount").replacingOccurrences(of: "{n}", with: String(flash))
        }
        return env.renderer.page(.training, title: language.text("training"), context: context, data: view)
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canAssignTraining }
        var request = request
        let form = try await request.form(context: context)
        let items = try await Self.items(form["item"] ?? "", company: company, store: env.store)
        let due: LocalDate?
        if let text = form["due"], !text.isEmpty {
            guard let parsed = LocalDate(parsing: text) else {
                throw WebError(.badRequest, ja: "期限の日付が正しくありません。", en: "The due date is not a valid date.")
            }
            guard parsed >= env.today else {
                throw WebError(.badRequest, ja: "期限は今日以降の日付にしてください。", en: "The due date must be today or later.")
            }
            due = parsed
        } else {
            due = nil
        }
        let audience: AssignmentAudience
        switch form["audience"] {
        case "department":
            guard let id = form.int64("department") else { throw WebError(.badRequest, ja: "部署を選んでください。", en: "Choose a department.") }
            audience = .department(.init(id))
        case "lacking":
            guard let id = form.int64("skill") else { throw WebError(.badRequest, ja: "スキルを選んでください。", en: "Choose a skill.") }
            audience = .lackingSkill(.init(id))
        default:
            audience = .employees(form.all("employee").compactMap { Int64($0) }.map(Employee.ID.init))
        }
        let people = try await TrainingAudience(store: env.store, company: company, asOf: env.today)
            .resolve(audience, visibleTo: identity.policy)
        guard !people.isEmpty else {
            throw WebError(.badRequest, ja: "割り当てる人がいません。", en: "Nobody to assign it to.")
        }
        do {
            _ = try await env.store.assign(items.items, course: items.course, to: people, due: due, company: company.id, by: identity.account.login)
        } catch StoreError.invalid(let message) {
            throw WebError(.badRequest, storeMessage: message)
        }
        return .redirect(to: "/training?assigned=\(people.count)", type: .normal)
    }

    /// `manual:3`, `clip:5` or `course:2` from the form, checked against the company.
    static func items(_ value: String, company: Company, store: any DenshoRepository) async throws -> (items: [TrainingItem], course: Course.ID?) {
        let parts = value.split(separator: ":")
        guard parts.count == 2, let id = Int64(parts[1]) else {
            throw WebError(.badRequest, ja: "割り当てるものを選んでください。", en: "Choose what to assign.")
        }
        switch parts[0] {
        case "manual": return ([.manual(.init(id))], nil)
        case "clip": return ([.clip(.init(id))], nil)
        case "course":
            guard let course = try await store.courses(company: company.id).first(where: { $0.id.rawValue == id }) else { throw WebError.notFound }
            return (course.items, course.id)
        default: throw WebError(.badRequest, ja: "割り当てるものを選んでください。", en: "Choose what to assign.")
        }
    }

    @Sendable func addCourse(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canAssignTraining }
        var request = request
        let form = try await request.form(context: context)
        let title = try form.required("title", ja: "コース名", en: "Course name")
        try ManualController.checkLength(title)
        var items: [TrainingItem] = []
        for value in form.all("item") where !value.isEmpty {
            items += try await Self.items(value, company: company, store: env.store).items
        }
        do {
            _ = try await env.store.addCourse(Course(id: .init(0), companyID: company.id, title: title, items: items), by: identity.account.login)
        } catch StoreError.invalid(let message) {
            throw WebError(.badRequest, ja: "コースにはマニュアルか動画を1つ以上入れてください。", en: message)
        } catch StoreError.duplicate {
            throw WebError(.conflict, ja: "同じ名前のコースがあります。", en: "A course with that name exists.")
        } catch StoreError.notFound {
            throw WebError.notFound
        }
        return .redirect(to: "/training", type: .normal)
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.employeeID != nil && $0.account.role != .association }
        var request = request
        let form = try await request.form(context: context)
        let item: TrainingItem
        if let manual = form.int64("manual") { item = .manual(.init(manual)) } else if let clip = form.int64("clip") { item = .clip(.init(clip)) } else {
            throw WebError(.badRequest, ja: "確認するマニュアルがありません。", en: "Nothing to acknowledge.")
        }
        // Beacons that arrived just before the click are written first.
        await env.watches.flush()
        do {
            _ = try await env.store.acknowledge(employee: identity.account.employeeID!, item: item, company: company.id, by: identity.account.login)
        } catch StoreError.notFound {
            throw WebError.notFound
        } catch StoreError.invalid(let message) {
            throw WebError(.conflict, storeMessage: message)
        }
        return .redirect(to: Self.href(item), type: .normal)
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canAssignTraining }
        let id = Assignment.ID(try context.parameters.id())
        guard let assignment = try await env.store.assignments(company: company.id, employee: nil, item: nil).first(where: { $0.id == id }),
              let employee = try await env.store.employee(assignment.employeeID, company: company.id),
              identity.policy.canViewEmployee(employee)
        else { throw WebError.notFound }
        try await env.store.removeAssignment(id, company: company.id, by: identity.account.login)
        return .redirect(to: "/training/people/\(employee.id)", type: .normal)
    }

    struct ManualPerson { var name: String; var href: String; var state: String; var stateKey: String; var percent: Int; var due: String; var acknowledged: String }

    /// Per manual: each assigned person, their state, how much they watched and which 版 they acknowledged when.
    @Sendable func manualPeople(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canAssignTraining }
        let language = context.language
        guard let manual = try await env.store.manual(.init(try context.parameters.id()), company: company.id) else { throw WebError.notFound }
        let people = Dictionary(uniqueKeysWithValues: try await env.store.employees(company: company.id, filter: .init()).map { ($0.id, $0) })
        let acks = Dictionary(grouping: try await env.store.acknowledgements(company: company.id, item: .manual(manual.id), employee: nil), by: \.employeeID)
        let rows: [ManualPerson] = try await env.store.assignments(company: company.id, employee: nil, item: .manual(manual.id)).compactMap { a in
            guard let person = people[a.employeeID], identity.policy.canViewEmployee(person) else { return nil }
            let state = a.state(on: env.today)
            let ack = acks[a.employeeID]?.max { $0.revision < $1.revision }
            return ManualPerson(name: person.name, href: "/training/people/\(person.id)", state: language.text(state.stringKey), stateKey: state.rawValue,
                                percent: Int((a.watchedShare * 100).rounded()), due: a.dueOn?.slashed ?? language.text("noDue"),
                                acknowledged: ack.map { language.text("approvedRevision").replacingOccurrences(of: "{n}", with: String($0.revision)) + " " + String($0.at.prefix(10)) } ?? "—")
        }
        let view: [String: Any] = [
            "heading": manual.title, "href": "/manuals/\(manual.id)", "manualRows": rows, "isManual": true,
            "live": language.text("approvedRevision").replacingOccurrences(of: "{n}", with: String(manual.revision)),
        ]
        return env.renderer.page(.trainingPerson, title: manual.title, context: context, data: view, section: "training")
    }

    /// Per person: their assignments and acknowledgements.
    @Sendable func person(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        guard let employee = try await env.store.employee(.init(try context.parameters.id()), company: company.id),
              identity.policy.canViewEmployee(employee), identity.policy.canAssignTraining || employee.id == identity.account.employeeID
        else { throw WebError.notFound }
        let assignments = try await env.store.assignments(company: company.id, employee: employee.id, item: nil)
        let items = try await items(assignments, company: company, language: context.language)
        let rows = zip(items, assignments.map(\.id.description)).map { item, id -> [String: Any] in
            var row: [String: Any] = ["title": item.title, "href": item.href, "kind": item.kind, "due": item.due, "state": item.state,
                                      "stateKey": item.stateKey, "percent": item.percent, "id": id]
            if let course = item.course { row["course"] = course }
            return row
        }
        let view: [String: Any] = ["heading": employee.name, "href": "/employees/\(employee.id)", "personRows": rows,
                                   "canRemove": identity.policy.canAssignTraining]
        return env.renderer.page(.trainingPerson, title: employee.name, context: context, data: view, section: "training")
    }

    /// The player's beacon: `clip`, optional `manual`, `session` (random per page) and `ranges`
    /// (`0-4.5,10-12`, everything this page played so far). Checked for form here, then written
    /// behind the answer (`WatchRecorder`): 202 Accepted at once.
    @Sendable func watch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.employeeID != nil && $0.account.role != .association }
        var request = request
        let form = try await request.form(context: context)
        guard let clip = form.int64("clip").map(Clip.ID.init), let session = form["session"], WatchBeacon.isSessionID(session),
              let ranges = PlayedRange.parseList(form["ranges"] ?? "")
        else { throw WebError(.badRequest, ja: "再生記録の形式が正しくありません。", en: "Malformed watch record.") }
        do {
            guard try await env.watches.accept(WatchBeacon(
                employee: identity.account.employeeID!, clip: clip, manual: form.int64("manual").map(Manual.ID.init), session: session,
                ranges: ranges, company: company.id))
            else { throw WebError.notFound }
        } catch is WatchRecorder.Refusal {
            throw WebError(.serviceUnavailable, ja: "混み合っています。", en: "Busy: the beacon will be repeated.", headers: [.retryAfter: "5"])
        }
        return Response(status: .accepted)
    }
}
