import DenshoDomain
import Foundation
import HTTPTypes
import Hummingbird
import DenshoStore

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
        router.post("/admin/users/{id}/tokens/{token}/revoke", use: revokeUserToken)
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
        /// The account's API tokens, which the admin may revoke.
        var tokens: [UserToken]
        /// Stored, not computed: Mustache reads stored properties only.
        var hasTokens: Bool
    }
    struct UserToken { var accountID: String; var token: TokenRow }

    /// The last good backup, its age and what went wrong since, for the admin page.
    struct BackupCard {
        var hasGood: Bool
        var lastGood: String
        var age: String
        var stale: Bool
        var hasFailure: Bool
        var lastFailure: String
        var problems: Bool
        var problemText: String

        init(_ status: BackupStatus, english: Bool, now: Date = Date()) {
            hasGood = status.lastGood != nil
            lastGood = status.lastGood.map { BackupStatus.clock($0.finishedAt ?? $0.startedAt) } ?? ""
            let age = status.age(now: now) ?? 0
            let hours = Int(age / 3600)
            self.age = hours < 48
                ? (english ? "\(hours) hour(s) ago" : "\(hours)時間前")
                : (english ? "\(hours / 24) days ago" : "\(hours / 24)日前")
            stale = status.lastGood.map { _ in age > BackupStatus.maximumAge } ?? true
            let failed = status.lastBackup.flatMap { run in run.ok ? nil : run }
            hasFailure = failed != nil
            lastFailure = failed.map { BackupStatus.clock($0.startedAt) + " — " + String($0.message.prefix(500)) } ?? ""
            problems = status.verifyFoundProblems
            // Only the count: the report names files and clips of every company on the installation,
            // and this page is one company's. `densho verify` on the server gives the details.
            problemText = status.lastVerify.map {
                english ? "\($0.problems) file(s): run `densho verify` on the server for the details"
                    : "\($0.problems)件（詳しくはサーバーで densho verify を実行してください）"
            } ?? ""
        }
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
        let tokens = Dictionary(grouping: try await env.store.apiTokens(company: company.id), by: \.account)
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
                isSelf: account.id == identity.account.id, isSupervisor: account.role == .supervisor, departments: choices,
                tokens: (tokens[account.id] ?? []).map { UserToken(accountID: account.id.description, token: TokenRow($0.token)) },
                hasTokens: tokens[account.id]?.isEmpty == false))
        }
        let roles = [Role.staff, .supervisor, .hr, .admin].map { RoleOption(value: $0.rawValue, label: Renderer.roleLabel($0, context.language)) }
        var view: [String: Any] = [
            "rows": rows, "roles": roles, "employees": employees.map { EmployeeOption(id: $0.id.description, name: $0.name) },
        ]
        // Only when there is one: an Optional in `[String: Any]` renders as the text "nil".
        if let message { view["message"] = message }
        view["backup"] = BackupCard(try await BackupStatus.read(env.store), english: context.language != .ja)
        return env.renderer.page(.users, title: context.language.text("users"), context: context, data: view, status: status)
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
        guard login.count <= LoginThrottle.maximumLoginLength else {
            throw WebError.badRequest("ログインIDが長すぎます。", "The login is too long.")
        }
        if let problem = PasswordHashing.problem(password) {
            return try await usersPage(context: context, message: context.language == .ja ? problem.ja : problem.en, status: .badRequest)
        }
        let hash = try await PasswordHashing.hashOffLoop(password)
        do {
            _ = try await env.store.addAccount(
                NewAccount(login: login, displayName: name, role: role, passwordHash: hash), company: company.id,
                employee: form.int64("employee").map(Employee.ID.init), by: identity.account.login)
        } catch StoreError.duplicate {
            // Logins are unique across companies: say no more than that this one cannot be used.
            return try await usersPage(
                context: context,
                message: context.language == .ja ? "このログインIDは使えません。別のIDにしてください。" : "This login cannot be used; choose another.",
                status: .conflict)
        }
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
        if let problem = PasswordHashing.problem(password) { throw WebError.badRequest(problem.ja, problem.en) }
        let hash = try await PasswordHashing.hashOffLoop(password)
        try await env.store.setPassword(id, hash: hash, by: identity.account.login)
        // A reset means the account may be in the wrong hands: every session and API token goes.
        try await env.store.deleteSessions(of: id, keeping: nil)
        try await env.store.revokeAPITokens(of: id, by: identity.account.login)
        env.identities.removeAll()
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

    /// Revoking someone else's API token (admins of their company).
    @Sendable func revokeUserToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageAccounts }
        let id = Account.ID(try context.parameters.id())
        guard let account = try await env.store.account(id), account.companyID == company.id else { throw WebError.notFound }
        let token = APIToken.ID(try context.parameters.id("token"))
        try await env.store.revokeAPIToken(token, account: id, by: identity.account.login)
        env.identities.removeAll()  // the cache knows tokens only by digest
        return .redirect(to: "/admin/users", type: .normal)
    }

    struct TokenRow {
        var id: String
        var name: String
        var created: String
        var lastUsed: String

        init(_ token: APIToken) {
            id = token.id.description
            name = token.name
            created = String(token.createdAt.prefix(16))
            lastUsed = token.lastUsedAt.map { String($0.prefix(16)) } ?? "—"
        }
    }

    @Sendable func tokens(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await tokensPage(context: context, newToken: nil)
    }

    func tokensPage(context: AppRequestContext, newToken: String?) async throws -> Response {
        let identity = try context.requireIdentity()
        let rows = try await env.store.apiTokens(account: identity.account.id).map(TokenRow.init)
        return env.renderer.page(.tokens, title: context.language.text("apiTokens"), context: context,
                                 data: ["rows": rows, "newToken": newToken as Any] as [String: Any])
    }

    @Sendable func createToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var request = request
        let name = try await request.form(context: context).required("name", ja: "名前", en: "Name")
        let token = "dsh_" + Tokens.random()
        _ = try await env.store.addAPIToken(
            account: identity.account.id, name: name, tokenHash: Tokens.digest(token), by: identity.account.login)
        return try await tokensPage(context: context, newToken: token)
    }

    @Sendable func revokeToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        try await env.store.revokeAPIToken(.init(try context.parameters.id()), account: identity.account.id, by: identity.account.login)
        env.identities.removeAll()  // the cache knows tokens only by digest
        return .redirect(to: "/account/tokens", type: .normal)
    }
}
