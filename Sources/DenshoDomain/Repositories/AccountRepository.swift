/// Logins, sessions, API tokens and the throttle on failed logins.
///
/// Tokens (session cookies, API tokens) are stored only as SHA-256 digests: a copy of the database
/// does not let anyone log in.
public protocol AccountRepository: Sendable {
    /// The account and its password hash, for checking a login. Disabled accounts are not returned.
    func credentials(login: String) async throws -> (account: Account, passwordHash: String)?
    func account(_ id: Account.ID) async throws -> Account?
    func addAccount(_ account: NewAccount, company: Company.ID?, employee: Employee.ID?, by: String) async throws -> Account
    func setPassword(_ account: Account.ID, hash: String, by: String) async throws
    func setDisabled(_ account: Account.ID, _ disabled: Bool, company: Company.ID, by: String) async throws
    /// Departments a supervisor looks after (their scope).
    func supervisedDepartments(_ account: Account.ID) async throws -> [Department.ID]
    func setSupervisedDepartments(_ account: Account.ID, _ departments: [Department.ID], company: Company.ID, by: String)
        async throws

    func createSession(_ session: SessionRecord) async throws
    /// The live session for a token digest, with its account. Sessions past their sliding expiry,
    /// or made more than `maxAge` seconds ago (the absolute lifetime), are not returned.
    func session(tokenHash: String, now: Double, maxAge: Double) async throws -> (SessionRecord, Account)?
    func touchSession(tokenHash: String, expiresAt: Double) async throws
    func deleteSession(tokenHash: String) async throws
    /// Ends every session of an account except `keeping` (after a password change).
    func deleteSessions(of account: Account.ID, keeping: String?) async throws
    func purgeExpiredSessions(now: Double) async throws

    /// Counts a login attempt under each of its throttle keys *before* the password is checked, in
    /// one transaction, so parallel guesses cannot overtake the count. Returns nil when the attempt
    /// may go ahead, or the seconds to wait (and counts nothing) when a key is held back. Counters
    /// untouched for `throttle.forgetAfter` are purged on the way.
    func beginLoginAttempt(keys: [(scope: LoginThrottle.Scope, key: String)], throttle: LoginThrottle, now: Double)
        async throws -> Double?
    /// A login that succeeded: its own pair and login counters are forgotten, the address counter
    /// loses this attempt; the login goes to the audit log.
    func loginSucceeded(keys: [(scope: LoginThrottle.Scope, key: String)], account: Account, address: String?) async throws
    /// The login of the account a known browser (a device cookie's digest) belongs to, if any.
    func deviceLogin(tokenHash: String) async throws -> String?
    /// Remembers a browser the account has just logged in with.
    func addDevice(tokenHash: String, account: Account.ID) async throws
    /// A failed login, for the audit log of the account's company (unknown logins have none).
    func loginFailed(login: String, account: Account?, address: String?) async throws

    func addAPIToken(account: Account.ID, name: String, tokenHash: String, by: String) async throws -> APIToken
    func apiTokens(account: Account.ID) async throws -> [APIToken]
    /// Every token of the company's accounts, for admins.
    func apiTokens(company: Company.ID) async throws -> [(account: Account.ID, token: APIToken)]
    func account(apiTokenHash: String) async throws -> Account?
    func revokeAPIToken(_ id: APIToken.ID, account: Account.ID, by: String) async throws
    /// Revokes every token of an account (a password change or reset); returns how many.
    @discardableResult
    func revokeAPITokens(of account: Account.ID, by: String) async throws -> Int
}

/// A logged-in browser. The cookie carries a random token; the store keeps its digest.
public struct SessionRecord: Hashable, Sendable {
    public var tokenHash: String
    public var accountID: Account.ID
    /// The form token (CSRF) bound to this session.
    public var csrfToken: String
    /// Unix seconds.
    public var expiresAt: Double

    public init(tokenHash: String, accountID: Account.ID, csrfToken: String, expiresAt: Double) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// A named token for scripts calling the JSON API (`Authorization: Bearer …`).
public struct APIToken: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<APIToken>
    public var id: ID
    public var name: String
    public var createdAt: String
    public var lastUsedAt: String?

    public init(id: ID, name: String, createdAt: String, lastUsedAt: String?) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}
