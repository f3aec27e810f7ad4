import DenshoDomain
import Foundation
import Hummingbird

/// Employee list (for supervisors, HR, admins: whom they may see) and profiles.
struct EmployeeController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/employees", use: list)
        router.get("/employees/{id}", use: show)
    }

    struct Row { var id: String; var number: String; var name: String; var kana: String; var department: String; var position: String; var years: Int }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let departments = Dictionary(uniqueKeysWithValues: try await env.store.departments(company: company.id).map { ($0.id, $0.name) })
        let rows = try await env.store.employees(company: company.id, filter: .init(activeOn: env.today))
            .filter(identity.policy.canViewEmployee)
            .map {
                Row(id: $0.id.description, number: $0.number, name: $0.name, kana: $0.kana,
                    department: $0.departmentID.flatMap { departments[$0] } ?? "", position: $0.position,
                    years: $0.serviceYears(on: env.today))
            }
        return env.renderer.page(.employees, title: context.language.text("employees"), context: context, data: ["rows": rows])
    }

    struct ClipLink { var id: String; var title: String; var status: String }
    struct ProfilePage {
        var profile: ProfileBuilder.Profile; var clips: [ClipLink]; var isSelf: Bool
        /// One's own pending and returned self-assessments (where the decision notification links).
        var mine: [DashboardController.MyAssessment] = []
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.requireMember()
        let employee = try await env.visibleEmployee(try context.parameters.id(), identity, company: company)
        let profile = try await ProfileBuilder(env: env).profile(employee, company: company)
        let clips = try await env.store.clips(company: company.id, status: nil).filter { $0.ownerID == employee.id }
            .map { ClipLink(id: $0.id.description, title: $0.title, status: context.language.text($0.status.stringKey)) }
        let isSelf = employee.id == identity.account.employeeID
        var mine: [DashboardController.MyAssessment] = []
        if isSelf { mine = try await DashboardController(env: env).myAssessments(employee, company: company) }
        return env.renderer.page(
            .employee, title: employee.name, context: context,
            data: ProfilePage(profile: profile, clips: clips, isSelf: isSelf, mine: mine),
            section: identity.account.role == .staff ? "dashboard" : "employees")
    }
}
