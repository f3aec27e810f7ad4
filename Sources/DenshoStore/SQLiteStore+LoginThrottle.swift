import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore {
    public func beginLoginAttempt(keys: [(scope: LoginThrottle.Scope, key: String)], throttle: LoginThrottle, now: Double)
        async throws -> Double?
    {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM login_failure WHERE last_at < ?", arguments: [now - throttle.forgetAfter])
            var wait: Double?
            for (scope, key) in keys {
                guard let row = try Row.fetchOne(db, sql: "SELECT count, last_at FROM login_failure WHERE key = ?", arguments: [key])
                else { continue }
                if let remaining = throttle.wait(scope: scope, failures: row["count"], last: row["last_at"], now: now) {
                    wait = max(wait ?? 0, remaining)
                }
            }
            if wait != nil { return wait }
            for (_, key) in keys {
                try db.execute(
                    sql: """
                        INSERT INTO login_failure (key, count, last_at) VALUES (?, 1, ?)
                        ON CONFLICT (key) DO UPDATE SET count = count + 1, last_at = excluded.last_at
                        """, arguments: [key, now])
            }
            return nil
        }
    }

    public func loginSucceeded(keys: [(scope: LoginThrottle.Scope, key: String)], account: Account, address: String?) async throws {
        try await pool.write { db in
            for (scope, key) in keys {
                if scope == .address {
                    try db.execute(sql: "UPDATE login_failure SET count = max(count - 1, 0) WHERE key = ?", arguments: [key])
                } else {
                    try db.execute(sql: "DELETE FROM login_failure WHERE key = ?", arguments: [key])
                }
            }
            try Audit.record(
                db, company: account.companyID, actor: account.login, entity: "account", id: account.id.rawValue, action: "login",
                after: ["address": address ?? "local"])
        }
    }

    public func loginFailed(login: String, account: Account?, address: String?) async throws {
        try await pool.write { db in
            try Audit.record(
                db, company: account?.companyID, actor: String(login.prefix(LoginThrottle.maximumLoginLength)), entity: "account",
                id: account?.id.rawValue ?? 0, action: "login-failed", after: ["address": address ?? "local"])
        }
    }

    public func deviceLogin(tokenHash: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT account.login FROM login_device JOIN account ON account.id = login_device.account_id
                    WHERE login_device.token_hash = ? AND account.disabled = 0
                    """, arguments: [tokenHash])
        }
    }

    public func addDevice(tokenHash: String, account: Account.ID) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO login_device (token_hash, account_id) VALUES (?, ?)
                    ON CONFLICT (token_hash) DO UPDATE SET last_used_at = \(Migrations.now)
                    """, arguments: [tokenHash, account.rawValue])
            // Each login gives the browser a new token: keep the newest few per person.
            try db.execute(
                sql: """
                    DELETE FROM login_device WHERE account_id = ?1 AND token_hash NOT IN
                      (SELECT token_hash FROM login_device WHERE account_id = ?1 ORDER BY created_at DESC LIMIT 20)
                    """, arguments: [account.rawValue])
        }
    }

    // MARK: API tokens

    public func addAPIToken(account: Account.ID, name: String, tokenHash: String, by actor: String) async throws -> APIToken {
        try await pool.write { db in
            try Self.translate(entity: "api token", key: name) {
                try db.execute(
                    sql: "INSERT INTO api_token (account_id, name, token_hash) VALUES (?, ?, ?)",
                    arguments: [account.rawValue, name, tokenHash])
            }
            let id = db.lastInsertedRowID
            let row = try Row.fetchOne(db, sql: "SELECT created_at FROM api_token WHERE id = ?", arguments: [id])!
            try Audit.record(
                db, company: try Self.companyOf(db, account: account), actor: actor, entity: "api_token", id: id, action: "create",
                after: ["name": name, "account": String(account.rawValue)])
            return APIToken(id: .init(id), name: name, createdAt: row[0], lastUsedAt: nil)
        }
    }

    public func apiTokens(account: Account.ID) async throws -> [APIToken] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, name, created_at, last_used_at FROM api_token WHERE account_id = ? ORDER BY id",
                arguments: [account.rawValue]
            ).map(Self.apiToken)
        }
    }

    public func apiTokens(company: Company.ID) async throws -> [(account: Account.ID, token: APIToken)] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT api_token.id, api_token.name, api_token.created_at, api_token.last_used_at, api_token.account_id
                    FROM api_token JOIN account ON account.id = api_token.account_id
                    WHERE account.company_id = ? ORDER BY api_token.account_id, api_token.id
                    """, arguments: [company.rawValue]
            ).map { (Account.ID($0["account_id"]), Self.apiToken($0)) }
        }
    }

    static func apiToken(_ row: Row) -> APIToken {
        APIToken(id: .init(row["id"]), name: row["name"], createdAt: row["created_at"], lastUsedAt: row["last_used_at"])
    }

    public func account(apiTokenHash: String) async throws -> Account? {
        let found = try await pool.read { db -> (Int64, Account, Bool)? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT api_token.id, \(Account.qualifiedColumns),
                          api_token.last_used_at IS NULL OR api_token.last_used_at < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-60 seconds')
                        FROM api_token JOIN account ON account.id = api_token.account_id
                        WHERE api_token.token_hash = ? AND account.disabled = 0
                        """, arguments: [apiTokenHash])
            else { return nil }
            return (row[0], Account(row: row, offset: 1), row[7])
        }
        guard let (id, account, stale) = found else { return nil }
        // Scripts call often: note the use at most once a minute rather than writing on every call.
        if stale {
            try await pool.write { db in
                try db.execute(sql: "UPDATE api_token SET last_used_at = \(Migrations.now) WHERE id = ?", arguments: [id])
            }
        }
        return account
    }

    public func revokeAPIToken(_ id: APIToken.ID, account: Account.ID, by actor: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM api_token WHERE id = ? AND account_id = ?", arguments: [id.rawValue, account.rawValue])
            try Self.requireOneChange(db, entity: "api token", key: id)
            try Audit.record(
                db, company: try Self.companyOf(db, account: account), actor: actor, entity: "api_token", id: id.rawValue,
                action: "revoke", after: ["account": String(account.rawValue)])
        }
    }

    @discardableResult
    public func revokeAPITokens(of account: Account.ID, by actor: String) async throws -> Int {
        try await pool.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM api_token WHERE account_id = ?", arguments: [account.rawValue])
            try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [account.rawValue])
            let company = try Self.companyOf(db, account: account)
            for id in ids {
                try Audit.record(
                    db, company: company, actor: actor, entity: "api_token", id: id, action: "revoke",
                    after: ["account": String(account.rawValue)])
            }
            return ids.count
        }
    }

    static func companyOf(_ db: Database, account: Account.ID) throws -> Company.ID? {
        try Int64.fetchOne(db, sql: "SELECT company_id FROM account WHERE id = ?", arguments: [account.rawValue]).map(Company.ID.init)
    }
}
