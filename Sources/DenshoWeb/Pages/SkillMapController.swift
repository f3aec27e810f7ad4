import DenshoDomain
import Foundation
import Hummingbird

/// 力量表: the department grid, a cell's history with the evaluation form, and approvals.
struct SkillMapController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/skillmap", use: grid)
        router.get("/skillmap/cell", use: cell)
        router.post("/evaluations", use: record)
        router.post("/evaluations/{id}/approve", use: approve)
        router.post("/evaluations/{id}/reject", use: reject)
    }

    struct Option { var id: String; var name: String; var selected: Bool }
    struct LegendItem { var symbol: String; var label: String; var level: Int }
    struct GridView {
        var deptID: String
        var departments: [Option]
        var categories: [Option]
        var grid: String
        var legend: [LegendItem]
        var employeeCount: Int
        var skillCount: Int
        var empty: Bool
        var canImport: Bool
        /// The wizard for the company's own Excel 力量表 (HR, admins).
        var canOnboard: Bool
        /// The department's ISO 9001 7.2 record (supervisors, HR, admins).
        var canISORecord: Bool
    }

    @Sendable func grid(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let store = env.store
        let departments = identity.policy.visibleDepartments(try await store.departments(company: company.id))
        let requested = request.query("dept").flatMap(Int64.init).map(Department.ID.init)
        let chosen = departments.first { $0.id == requested } ?? departments.first
        let categories = try await store.categories(company: company.id)
        let category = request.query("category").flatMap(Int64.init).map(SkillCategory.ID.init)
        let scale = try await store.levelScale(company: company.id)
        var grid = GridCache.Entry(revision: 0, html: ByteBuffer(), employees: 0, skills: 0, lastUse: 0)
        if let chosen {
            let policy = identity.policy
            let revision = try await store.dataRevision()
            let key = GridCache.Key(
                company: company.id, department: chosen.id, category: category, today: env.today,
                viewer: "\(policy.account.role)-\(policy.account.employeeID?.description ?? "")-\(policy.supervised.sorted())")
            if let cached = env.gridCache.get(key, revision: revision) {
                grid = cached
            } else {
                var matrix = try await store.matrix(company: company.id, department: chosen.id, asOf: env.today)
                if let category { matrix.skills = matrix.skills.filter { $0.categoryID == category } }
                var targets: [Employee.ID: [Skill.ID: Int]] = [:]
                for target in try await store.targets(company: company.id, employee: nil) {
                    targets[target.employeeID, default: [:]][target.skillID] = target.level
                }
                // Levels whose check ran out (再確認が必要) are struck through; the key holds today.
                var expired: [Employee.ID: Set<Skill.ID>] = [:]
                for check in try await store.checkedLevels(company: company.id, employee: nil)
                where check.level > 0 && check.isExpired(on: env.today) {
                    expired[check.employeeID, default: []].insert(check.skillID)
                }
                let html = SkillMapGrid(
                    matrix: matrix, scale: scale, targets: targets, expired: expired,
                    clickable: { policy.canEvaluate($0) || policy.canSelfAssess($0) || policy.canViewEmployee($0) }
                ).html()
                grid = GridCache.Entry(revision: revision, html: ByteBuffer(string: html), employees: matrix.employees.count, skills: matrix.skills.count, lastUse: 0)
                env.gridCache.put(key, grid)
            }
        }
        let view = GridView(
            deptID: chosen?.id.description ?? "",
            departments: departments.map { Option(id: $0.id.description, name: $0.name, selected: $0.id == chosen?.id) },
            categories: categories.map { Option(id: $0.id.description, name: $0.name, selected: $0.id == category) },
            grid: Renderer.spliceMarker,
            legend: scale.levels.map { LegendItem(symbol: $0.symbol, label: $0.label, level: $0.level) },
            employeeCount: grid.employees, skillCount: grid.skills, empty: grid.employees == 0,
            canImport: identity.policy.canImportSkillMaps, canOnboard: identity.policy.canOnboardWorkbooks,
            canISORecord: identity.policy.canSeeISORecords && chosen != nil)
        return env.renderer.page(.skillmap, title: context.language.text("skillmap") + " " + (chosen?.name ?? ""),
                                 context: context, data: view, splice: grid.html)
    }

    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.requireMember()
        var request = request
        let form = try await request.form(context: context)
        let evaluation = try await env.recordEvaluation(
            employee: form.int64("employee"), skill: form.int64("skill"), level: form.int("level"), date: form["date"],
            note: form["note"] ?? "", identity: identity, company: company)
        // "次の人": saved, then the same skill for the next person of the department.
        if form["then"] == "next", let employee = try await env.store.employee(evaluation.employeeID, company: company.id),
            let next = try await env.nextPerson(after: employee, identity: identity, company: company)
        {
            return .redirect(to: "/skillmap/cell?employee=\(next.id)&skill=\(evaluation.skillID)&saved=\(evaluation.employeeID)", type: .normal)
        }
        return .redirect(to: "/skillmap/cell?employee=\(evaluation.employeeID)&skill=\(evaluation.skillID)&saved=\(evaluation.employeeID)", type: .normal)
    }

    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decide(request, context: context, approve: true)
    }

    @Sendable func reject(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decide(request, context: context, approve: false)
    }

    func decide(_ request: Request, context: AppRequestContext, approve: Bool) async throws -> Response {
        let (identity, company) = try context.requireMember()
        var request = request
        var reason: String?
        if !approve { reason = try await request.form(context: context)["reason"] }
        let evaluation = try await env.decideEvaluation(
            try context.parameters.id(), approve: approve, reason: reason, identity: identity, company: company)
        // Back to where the decision was made (the dashboard passes ?next=/), else to the cell.
        let back = request.query("next").map { AuthController.safeNext($0) }
            ?? "/skillmap/cell?employee=\(evaluation.employeeID)&skill=\(evaluation.skillID)"
        return .redirect(to: back, type: .normal)
    }

    func employeeNames(_ company: Company) async throws -> [Employee.ID: String] {
        Dictionary(uniqueKeysWithValues: try await env.store.employees(company: company.id, filter: .init()).map { ($0.id, $0.name) })
    }
}
