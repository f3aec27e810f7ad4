import DenshoDomain
import Foundation
import Hummingbird

/// `/api/v1`: the same resources as the pages, as JSON, for scripts (API tokens) and for the
/// pages' own scripts (session cookie plus CSRF header). Errors are problem+json.
struct APIController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        for route in routes {
            router.on(RouterPath("/api/v1" + route.path), method: route.method) { request, context in
                try await route.handler(request, context)
            }
        }
        router.get("/api/v1/openapi.json") { _, _ in try OpenAPIDocument.response(for: routes) }
    }

    struct Me: Codable { var login: String; var name: String; var role: String; var company: String?; var employeeID: Int64? }
    struct DepartmentJSON: Codable { var id: Int64; var name: String }
    struct EmployeeJSON: Codable { var id: Int64; var number: String; var name: String; var kana: String; var departmentID: Int64?; var position: String; var hireDate: String }
    struct EmployeeDetail: Codable { var employee: EmployeeJSON; var levels: [String: Int] }
    struct SkillJSON: Codable { var id: Int64; var code: String; var name: String; var categoryID: Int64 }
    struct SkillMapJSON: Codable { var employees: [EmployeeJSON]; var skills: [SkillJSON]; var levels: [[Int]] }
    struct EvaluationJSON: Codable {
        var id: Int64; var employeeID: Int64; var skillID: Int64; var level: Int; var date: String; var kind: String; var state: String; var note: String
        var method: String; var evidence: String; var manualID: Int64?; var manualRevision: Int?; var decisionNote: String
    }
    struct NewEvaluation: Codable { var employeeID: Int64; var skillID: Int64; var level: Int; var date: String?; var note: String? }
    /// 差し戻し: the reason the person will read (required).
    struct EvaluationReturn: Codable { var reason: String? }
    struct ChapterJSON: Codable { var time: Double; var title: String; var suggested: Bool }
    struct ClipJSON: Codable { var id: Int64; var title: String; var tags: [String]; var status: String; var progress: Double?; var failure: String?; var duration: Double?; var video: String?; var poster: String?; var chapters: [ChapterJSON]? }
    struct StepJSON: Codable { var mainStep: String; var keyPoint: String; var reason: String; var start: Double; var end: Double? }
    struct ManualJSON: Codable { var id: Int64; var title: String; var documentNumber: String; var status: String; var revision: Int; var clipID: Int64?; var steps: [StepJSON] }
    struct HitPartJSON: Codable { var text: String; var match: Bool }
    /// A search hit; the parts mark what matched (`match`), `time` is where a chapter starts, in seconds.
    struct HitJSON: Codable {
        var kind: String; var title: String; var snippet: String; var href: String
        var titleParts: [HitPartJSON]; var snippetParts: [HitPartJSON]; var time: Double?
    }

    var routes: [APIRoute] { coreRoutes + trainingRoutes + checkRoutes + signOffRoutes }

    var coreRoutes: [APIRoute] {
        [
            APIRoute(method: .get, path: "/me", operationID: "getMe", summary: "The calling account", response: "Me") { _, context in
                let identity = try context.requireIdentity()
                let a = identity.account
                return try JSONResponse.make(Me(login: a.login, name: a.displayName, role: a.role.rawValue, company: identity.company?.code,
                                                employeeID: a.employeeID?.rawValue))
            },
            APIRoute(method: .get, path: "/departments", operationID: "listDepartments", summary: "Departments the caller may view",
                     response: "Department", list: true) { _, context in
                let (identity, company) = try context.requireMember()
                let departments = identity.policy.visibleDepartments(try await env.store.departments(company: company.id))
                return try JSONResponse.make(departments.map { DepartmentJSON(id: $0.id.rawValue, name: $0.name) })
            },
            APIRoute(method: .get, path: "/employees", operationID: "listEmployees", summary: "Active employees the caller may view",
                     response: "Employee", list: true) { _, context in
                let (identity, company) = try context.requireMember()
                let employees = try await env.store.employees(company: company.id, filter: .init(activeOn: env.today))
                return try JSONResponse.make(employees.filter(identity.policy.canViewEmployee).map(Self.json))
            },
            APIRoute(method: .get, path: "/employees/{id}", operationID: "getEmployee", summary: "An employee with current levels by skill code",
                     response: "EmployeeDetail") { _, context in
                let (identity, company) = try context.requireMember()
                let employee = try await env.visibleEmployee(try context.parameters.id(), identity, company: company)
                let skills = Dictionary(uniqueKeysWithValues: try await env.store.skills(company: company.id, includeRetired: true).map { ($0.id, $0.code) })
                let levels = try await env.store.levels(of: employee.id, company: company.id)
                return try JSONResponse.make(EmployeeDetail(
                    employee: Self.json(employee),
                    levels: Dictionary(uniqueKeysWithValues: levels.compactMap { id, level in skills[id].map { ($0, level) } })))
            },
            APIRoute(method: .get, path: "/skills", operationID: "listSkills", summary: "The skill catalogue", response: "Skill", list: true) { _, context in
                let (_, company) = try context.requireMember()
                // The catalogue changes rarely and scripts read it often: encoded once per data revision.
                let revision = try await env.store.dataRevision()
                let body = try await env.catalogCache.body(company: company.id, revision: revision) {
                    try JSONResponse.encoder.encode(try await env.store.skills(company: company.id, includeRetired: false).map(Self.json))
                }
                return JSONResponse.make(body: body)
            },
            APIRoute(method: .get, path: "/skillmap", operationID: "getSkillMap", summary: "Current levels of a department (力量表)",
                     response: "SkillMap", query: ["department"]) { request, context in
                let (identity, company) = try context.requireMember()
                guard let department = request.query("department").flatMap(Int64.init).map(Department.ID.init),
                    identity.policy.canViewDepartment(department),
                    try await env.store.departments(company: company.id).contains(where: { $0.id == department })
                else { throw WebError.notFound }
                let matrix = try await env.store.matrix(company: company.id, department: department, asOf: env.today)
                return try JSONResponse.make(SkillMapJSON(
                    employees: matrix.employees.map(Self.json), skills: matrix.skills.map(Self.json),
                    levels: matrix.employees.map { e in matrix.skills.map { matrix.level(e.id, $0.id) } }))
            },
            APIRoute(method: .get, path: "/evaluations", operationID: "listEvaluations", summary: "Evaluation history of an employee",
                     response: "Evaluation", list: true, query: ["employee", "skill"]) { request, context in
                let (identity, company) = try context.requireMember()
                let employee = try await env.visibleEmployee(request.query("employee").flatMap(Int64.init), identity, company: company)
                let skill = request.query("skill").flatMap(Int64.init).map(Skill.ID.init)
                let list = try await env.store.evaluations(company: company.id, employee: employee.id, skill: skill, state: nil)
                return try JSONResponse.make(list.map(Self.json))
            },
            APIRoute(method: .post, path: "/evaluations", operationID: "createEvaluation",
                     summary: "Record an evaluation (supervisors) or a self-assessment (one's own)", response: "Evaluation",
                     body: "NewEvaluation") { request, context in
                let (identity, company) = try context.requireMember()
                let input: NewEvaluation
                do { input = try await request.decode(as: NewEvaluation.self, context: context) } catch {
                    throw WebError.badRequest("JSONが正しくありません。", "The JSON body is not a NewEvaluation.")
                }
                if let note = input.note, ControlCharacters.forbidden(in: note) { throw ControlCharacters.error }
                let evaluation = try await env.recordEvaluation(
                    employee: input.employeeID, skill: input.skillID, level: input.level, date: input.date, note: input.note ?? "",
                    identity: identity, company: company)
                return try JSONResponse.make(Self.json(evaluation), status: .created)
            },
            APIRoute(method: .post, path: "/evaluations/{id}/approve", operationID: "approveEvaluation",
                     summary: "Approve a pending self-assessment", response: "Evaluation") { _, context in
                let (identity, company) = try context.requireMember()
                return try JSONResponse.make(Self.json(try await env.decideEvaluation(try context.parameters.id(), approve: true, identity: identity, company: company)))
            },
            APIRoute(method: .post, path: "/evaluations/{id}/reject", operationID: "rejectEvaluation",
                     summary: "Return a pending self-assessment (差し戻し) with the reason the person will read", response: "Evaluation",
                     body: "EvaluationReturn") { request, context in
                let (identity, company) = try context.requireMember()
                let input = try? await request.decode(as: EvaluationReturn.self, context: context)
                if let reason = input?.reason, ControlCharacters.forbidden(in: reason) { throw ControlCharacters.error }
                return try JSONResponse.make(Self.json(try await env.decideEvaluation(
                    try context.parameters.id(), approve: false, reason: input?.reason, identity: identity, company: company)))
            },
            APIRoute(method: .get, path: "/clips", operationID: "listClips", summary: "Clips of the company", response: "Clip", list: true) { _, context in
                let (_, company) = try context.require { $0.account.role != .association }
                return try JSONResponse.make(try await env.store.clips(company: company.id, status: nil).map { Self.json($0, chapters: nil, progress: nil) })
            },
            APIRoute(method: .get, path: "/clips/{id}", operationID: "getClip", summary: "A clip with status, progress and chapters",
                     response: "Clip") { _, context in
                let (_, company) = try context.require { $0.account.role != .association }
                guard let clip = try await env.store.clip(.init(try context.parameters.id()), company: company.id) else { throw WebError.notFound }
                let chapters = try await env.store.chapters(of: clip.id, company: company.id)
                let status = try await ClipController.status(of: clip, store: env.store)
                return try JSONResponse.make(Self.json(clip, chapters: chapters, progress: status.progress))
            },
            APIRoute(method: .delete, path: "/clips/{id}", operationID: "deleteClip",
                     summary: "Delete a clip (its uploader, supervisors, admins); 409 while an approved manual uses it",
                     response: "") { _, context in
                let (identity, company) = try context.requireMember()
                guard let clip = try await env.store.clip(.init(try context.parameters.id()), company: company.id) else { throw WebError.notFound }
                try await ClipController.delete(clip, identity: identity, env: env)
                return Response(status: .noContent)
            },
            APIRoute(method: .get, path: "/manuals", operationID: "listManuals", summary: "Video manuals", response: "Manual", list: true) { _, context in
                let (identity, company) = try context.require { $0.account.role != .association }
                var manuals: [ManualJSON] = []
                for manual in try await env.store.manuals(company: company.id, clip: nil) {
                    manuals.append(Self.json(try await ManualController.readable(manual, policy: identity.policy, store: env.store, company: company.id)))
                }
                return try JSONResponse.make(manuals)
            },
            APIRoute(method: .get, path: "/manuals/{id}", operationID: "getManual", summary: "A video manual with its steps", response: "Manual") { _, context in
                let (identity, company) = try context.require { $0.account.role != .association }
                guard let manual = try await env.store.manual(.init(try context.parameters.id()), company: company.id) else { throw WebError.notFound }
                return try JSONResponse.make(Self.json(try await ManualController.readable(manual, policy: identity.policy, store: env.store, company: company.id)))
            },
            APIRoute(method: .get, path: "/search", operationID: "search", summary: "Search people, skills, clips, chapters and manuals",
                     response: "Hit", list: true, query: ["q"]) { request, context in
                let (identity, company) = try context.require { $0.account.role != .association }
                let (_, hits) = try await SearchController.results(
                    request.query("q") ?? "", identity: identity, company: company, env: env, language: context.language, limit: 50,
                    snippets: true)
                let parts = { (text: MarkedText) in text.parts.map { HitPartJSON(text: $0.text, match: $0.match) } }
                return try JSONResponse.make(hits.map {
                    HitJSON(kind: $0.kind, title: $0.title.plain, snippet: $0.snippet.plain, href: $0.href, titleParts: parts($0.title),
                            snippetParts: parts($0.snippet), time: $0.seconds)
                })
            },
        ]
    }

    static func json(_ e: Employee) -> EmployeeJSON {
        EmployeeJSON(id: e.id.rawValue, number: e.number, name: e.name, kana: e.kana, departmentID: e.departmentID?.rawValue,
                     position: e.position, hireDate: e.hireDate.description)
    }
    static func json(_ s: Skill) -> SkillJSON { SkillJSON(id: s.id.rawValue, code: s.code, name: s.name, categoryID: s.categoryID.rawValue) }
    static func json(_ e: Evaluation) -> EvaluationJSON {
        EvaluationJSON(id: e.id.rawValue, employeeID: e.employeeID.rawValue, skillID: e.skillID.rawValue, level: e.level,
                       date: e.evaluatedOn.description, kind: e.kind.rawValue, state: e.state.rawValue, note: e.note,
                       method: e.method.rawValue, evidence: e.evidence, manualID: e.manualID?.rawValue, manualRevision: e.manualRevision,
                       decisionNote: e.decisionNote)
    }
    static func json(_ c: Clip, chapters: [Chapter]?, progress: Double?) -> ClipJSON {
        let ready = c.status == .ready
        return ClipJSON(
            id: c.id.rawValue, title: c.title, tags: c.tags, status: c.status.rawValue, progress: progress, failure: c.failureReason,
            duration: c.manifest?.duration, video: ready ? c.manifest.map { "/clips/\(c.id)/media/\($0.video)" } : nil,
            poster: ready ? c.manifest.map { "/clips/\(c.id)/media/\($0.poster)" } : nil,
            chapters: chapters?.map { ChapterJSON(time: $0.time, title: $0.title, suggested: $0.suggested) })
    }
    static func json(_ m: Manual) -> ManualJSON {
        ManualJSON(id: m.id.rawValue, title: m.title, documentNumber: m.documentNumber, status: m.status.rawValue, revision: m.revision,
                   clipID: m.clipID?.rawValue,
                   steps: m.steps.map { StepJSON(mainStep: $0.mainStep, keyPoint: $0.keyPoint, reason: $0.reason, start: $0.start, end: $0.end) })
    }
}
