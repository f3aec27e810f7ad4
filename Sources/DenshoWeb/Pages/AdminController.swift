import DenshoDomain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import NIOPosix

/// Accounts of the company (admins), and each user's own API tokens.
struct AdminController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/users", use: users)
        router.post("/admin/users", use: create)
        router.post("/admin/users/{id}/disable", use: disable)
        router.post("/admin/users/{id}/enable", use: enable)
        router.post("/admin/users/{id}/password", use: resetPassword)
        router.post("/admin/users/{id}/departments", use: setDepartments)
        router.get("/account/tokens", use: tokens)
        router.post("/account/tokens", use: createToken)
        router.post("/account/tokens/{id}/revoke", use: revokeToken)
    }

    struct DepartmentChoice { var id: String; var name: String; var checked: Bool }
    struct UserRow {
        var id: String
        var login: String
        var name: String
        var role: String
        var employee: String
        var isSelf: Bool
        var isSupervisor: Bool
        /// For supervisors: the departments they look after, to change with checkboxes.
        var departments: [DepartmentChoice]
    }
    struct RoleOption { var value: String; var label: String }
    struct EmployeeOption { var id: String; var name: String }

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await usersPage(context: context, message: nil, status: .ok)
    }

    func usersPage(context: AppRequestContext, message: String?, status: HTTPResponse.Status) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageAccounts }
        let employees = try await env.store.employees(company: company.id, filter: .init(activeOn: env.today))
        let names = Dictionary(uniqueKeysWithValues: employees.map { ($0.id, $0.name) })
        let departments = try await env.store.departments(company: company.id)
        var rows: [UserRow] = []
        for account in try await env.store.accounts(company: company.id) {
            var choices: [DepartmentChoice] = []
            if account.role == .supervisor {
                let scope = Set(try await env.store.supervisedDepartments(account.id))
                choices = departments.map { DepartmentChoice(id: $0.id.description, name: $0.name, checked: scope.contains($0.id)) }
            }
            rows.append(UserRow(
                id: account.id.description, login: account.login, name: account.displayName,
                role: Renderer.roleLabel(account.role, context.language), employee: account.employeeID.flatMap { names[$0] } ?? "",
                isSelf: account.id == identity.account.id, isSupervisor: account.role == .supervisor, departments: choices))
        }
        let roles = [Role.staff, .supervisor, .hr, .admin].map { RoleOption(value: $0.rawValue, label: Renderer.roleLabel($0, context.language)) }
        let view: [String: Any] = [
            "rows": rows, "roles": roles, "employees": employees.map { EmployeeOption(id: $0.id.description, name: $0.name) },
            "message": message as Any,
        ]
        return env.renderer.page("users", title: context.language.text("users"), context: context, data: view, status: status)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageAccounts }
        var request = request
        let form = try await request.form(context: context)
        let login = try form.required("login", ja: "ログインID", en: "Login")
        let name = try form.required("name", ja: "表示名", en: "Display name")
        let password = form["password"] ?? ""
        guard let role = form["role"].flatMap(Role.init(rawValue:)), role != .association else {
            throw WebError.badRequest("役割を選んでください。", "Choose a role.")
        }
        guard password.count >= 10 else {
            return try await usersPage(context: context, message: context.language == .ja ? "パスワードは10文字以上にしてください。" : "Use at least 10 characters.", status: .badRequest)
        }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 10) }
        _ = try await env.store.addAccount(
            NewAccount(login: login, displayName: name, role: role, passwordHash: hash), company: company.id,
            employee: form.int64("employee").map(Employee.ID.init), by: identity.account.login)
        return .redirect(to: "/admin/users", type: .normal)
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setDisabled(true, context: context)
    }

    @Sendable func enable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setDisabled(false, context: context)
    }

    func setDisabled(_ disabled: Bool, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageAccounts }
        let id = Account.ID(try context.parameters.id())
        guard id != identity.account.id else { throw WebError.badRequest("自分のアカウントは無効にできません。", "You cannot disable yourself.") }
        try await env.store.setDisabled(id, disabled, company: company.id, by: identity.account.login)
        env.identities.remove(account: id)
        return .redirect(to: "/admin/users", type: .normal)
    }

    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageAccounts }
        let id = Account.ID(try context.parameters.id())
        guard let account = try await env.store.account(id), account.companyID == company.id else { throw WebError.notFound }
        var request = request
        let password = try await request.form(context: context)["password"] ?? ""
        guard password.count >= 10 else { throw WebError.badRequest("パスワードは10文字以上にしてください。", "Use at least 10 characters.") }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 10) }
        try await env.store.setPassword(id, hash: hash, by: identity.account.login)
        try await env.store.deleteSessions(of: id, keeping: nil)
        env.identities.remove(account: id)
        return .redirect(to: "/admin/users", type: .normal)
    }

    /// Which departments a supervisor looks after (their scope for evaluations and approvals).
    @Sendable func setDepartments(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageAccounts }
        let id = Account.ID(try context.parameters.id())
        var request = request
        let chosen = try await request.form(context: context).all("department").compactMap { Int64($0).map(Department.ID.init) }
        try await env.store.setSupervisedDepartments(id, chosen, company: company.id, by: identity.account.login)
        env.identities.remove(account: id)
        return .redirect(to: "/admin/users", type: .normal)
    }

    struct TokenRow { var id: String; var name: String; var created: String; var lastUsed: String }

    @Sendable func tokens(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await tokensPage(context: context, newToken: nil)
    }

    func tokensPage(context: AppRequestContext, newToken: String?) async throws -> Response {
        let identity = try context.requireIdentity()
        let rows = try await env.store.apiTokens(account: identity.account.id).map {
            TokenRow(id: $0.id.description, name: $0.name, created: String($0.createdAt.prefix(16)), lastUsed: $0.lastUsedAt.map { String($0.prefix(16)) } ?? "—")
        }
        return env.renderer.page("tokens", title: context.language.text("apiTokens"), context: context,
                                 data: ["rows": rows, "newToken": newToken as Any] as [String: Any])
    }

    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var request = request
        let name = try await request.form(context: context).required("name", ja: "名前", en: "Name")
        let token = "dsh_" + Tokens.random()
        _ = try await env.store.addAPIToken(account: identity.account.id, name: name, tokenHash: Tokens.digest(token))
        return try await tokensPage(context: context, newToken: token)
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try await env.store.revokeAPIToken(.init(try context.parameters.id()), account: identity.account.id)
        env.identities.removeAll()  // the cache knows tokens only by digest
        return .redirect(to: "/account/tokens", type: .normal)
    }
}
