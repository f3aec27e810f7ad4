import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: AccountRepository {
    public func credentials(login: String) async throws -> (account: Account, passwordHash: String)? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT \(Account.columns), password_hash FROM account WHERE login = ? AND disabled = 0",
                    arguments: [login])
            else { return nil }
            return (Account(row: row), row[6])
        }
    }

    public func account(_ id: Account.ID) async throws -> Account? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Account.columns) FROM account WHERE id = ?", arguments: [id.rawValue])
                .map { Account(row: $0) }
        }
    }

    public func addAccount(_ account: NewAccount, company: Company.ID?, employee: Employee.ID?, by actor: String) async throws
        -> Account
    {
        try await pool.write { db in
            if let employee, let company { try Self.requireEmployees(db, [employee], company: company) }
            let id = try Self.insertAccount(db, account, company: company, employee: employee)
            let saved = Account(
                id: id, companyID: company, login: account.login, displayName: account.displayName, role: account.role,
                employeeID: employee)
            try Audit.record(db, company: company, actor: actor, entity: "account", id: id.rawValue, action: "create", after: saved)
            return saved
        }
    }

    public func setPassword(_ account: Account.ID, hash: String, by actor: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [hash, account.rawValue])
            try Self.requireOneChange(db, entity: "account", key: account)
            let company = try Int64.fetchOne(db, sql: "SELECT company_id FROM account WHERE id = ?", arguments: [account.rawValue])
            try Audit.record(
                db, company: company.map(Company.ID.init), actor: actor, entity: "account", id: account.rawValue,
                action: "password")
        }
    }

    public func setDisabled(_ account: Account.ID, _ disabled: Bool, company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE account SET disabled = ? WHERE id = ? AND company_id = ?",
                arguments: [disabled, account.rawValue, company.rawValue])
            try Self.requireOneChange(db, entity: "account", key: account)
            if disabled {
                // Sessions and API tokens end with the account: enabling it again brings neither back.
                try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [account.rawValue])
                try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [account.rawValue])
            }
            try Audit.record(
                db, company: company, actor: actor, entity: "account", id: account.rawValue,
                action: disabled ? "disable" : "enable")
        }
    }

    public func supervisedDepartments(_ account: Account.ID) async throws -> [Department.ID] {
        try await pool.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT department_id FROM supervised_department WHERE account_id = ? ORDER BY department_id",
                arguments: [account.rawValue]
            ).map(Department.ID.init)
        }
    }

    public func setSupervisedDepartments(
        _ account: Account.ID, _ departments: [Department.ID], company: Company.ID, by actor: String
    ) async throws {
        try await pool.write { db in
            guard try Bool.fetchOne(
                db, sql: "SELECT 1 FROM account WHERE id = ? AND company_id = ?", arguments: [account.rawValue, company.rawValue])
                ?? false
            else { throw StoreError.notFound(entity: "account", key: account.description) }
            let before = try Int64.fetchAll(
                db, sql: "SELECT department_id FROM supervised_department WHERE account_id = ?", arguments: [account.rawValue])
            try db.execute(sql: "DELETE FROM supervised_department WHERE account_id = ?", arguments: [account.rawValue])
            for department in departments {
                try db.execute(
                    sql: """
                        INSERT INTO supervised_department (account_id, department_id)
                        SELECT ?, id FROM department WHERE id = ? AND company_id = ?
                        """, arguments: [account.rawValue, department.rawValue, company.rawValue])
                try Self.requireOneChange(db, entity: "department", key: department)
            }
            try Audit.record(
                db, company: company, actor: actor, entity: "account", id: account.rawValue, action: "scope",
                before: before, after: departments)
        }
    }

    // MARK: Sessions

    public func createSession(_ session: SessionRecord) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO session (token_hash, account_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [session.tokenHash, session.accountID.rawValue, session.csrfToken, session.expiresAt])
        }
    }

    public func session(tokenHash: String, now: Double, maxAge: Double) async throws -> (SessionRecord, Account)? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT session.csrf_token, session.expires_at, \(Account.qualifiedColumns) FROM session
                        JOIN account ON account.id = session.account_id
                        WHERE session.token_hash = ? AND session.expires_at > ? AND account.disabled = 0
                          AND (julianday(session.created_at) - 2440587.5) * 86400.0 > ?
                        """, arguments: [tokenHash, now, now - maxAge])
            else { return nil }
            let account = Account(row: row, offset: 2)
            return (SessionRecord(tokenHash: tokenHash, accountID: account.id, csrfToken: row[0], expiresAt: row[1]), account)
        }
    }

    public func touchSession(tokenHash: String, expiresAt: Double) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE session SET expires_at = ? WHERE token_hash = ?", arguments: [expiresAt, tokenHash])
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func deleteSessions(of account: Account.ID, keeping: String?) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM session WHERE account_id = ? AND token_hash IS NOT ?", arguments: [account.rawValue, keeping])
        }
    }

    public func purgeExpiredSessions(now: Double) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM session WHERE expires_at <= ?", arguments: [now]) }
    }
}
