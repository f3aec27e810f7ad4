import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: NotificationRepository {
    public func notifications(account: Account.ID, limit: Int) async throws -> [AppNotification] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(AppNotification.columns) FROM notification WHERE account_id = ? ORDER BY id DESC LIMIT ?",
                arguments: [account.rawValue, limit]
            ).compactMap(AppNotification.init(row:))
        }
    }

    public func notification(_ id: AppNotification.ID, account: Account.ID) async throws -> AppNotification? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(AppNotification.columns) FROM notification WHERE id = ? AND account_id = ?",
                             arguments: [id.rawValue, account.rawValue]).flatMap(AppNotification.init(row:))
        }
    }

    /// On the lookup connection: every page of a logged-in browser asks (see `lookup`), and the
    /// count reads the index `notification_account` only.
    public func unreadCount(account: Account.ID) async throws -> Int {
        try lookup { db in
            let statement = try db.cachedStatement(sql: "SELECT COUNT(*) FROM notification WHERE account_id = ? AND read_at IS NULL")
            return try Int.fetchOne(statement, arguments: [account.rawValue]) ?? 0
        }
    }

    public func markRead(account: Account.ID, ids: [AppNotification.ID]?) async throws -> Int {
        if let ids, ids.isEmpty { return 0 }
        return try await pool.write { db in
            var sql = "UPDATE notification SET read_at = \(Migrations.now) WHERE account_id = ? AND read_at IS NULL"
            if let ids { sql += " AND id IN (\(ids.map { String($0.rawValue) }.joined(separator: ",")))" }
            try db.execute(sql: sql, arguments: [account.rawValue])
            return db.changesCount
        }
    }

    public func preferences(account: Account.ID) async throws -> NotificationPreference {
        try await pool.read { db in try Self.preference(db, account: account.rawValue) }
    }

    static func preference(_ db: Database, account: Int64) throws -> NotificationPreference {
        try Row.fetchOne(
            db, sql: "SELECT email, email_kinds, webhook_kinds, digest FROM notification_preference WHERE account_id = ?",
            arguments: [account]
        ).map(NotificationPreference.init(row:)) ?? NotificationPreference()
    }

    public func setPreferences(_ preference: NotificationPreference, account: Account.ID, by actor: String) async throws {
        do throws(NotificationSetupError) { try preference.validate() } catch let problem { throw StoreError.invalid(problem.en) }
        try await pool.write { db in
            guard let owner = try Row.fetchOne(db, sql: "SELECT company_id FROM account WHERE id = ?", arguments: [account.rawValue]) else {
                throw StoreError.notFound(entity: "account", key: account.description)
            }
            let company: Int64? = owner["company_id"]
            let before = try Self.preference(db, account: account.rawValue)
            try db.execute(
                sql: """
                    INSERT INTO notification_preference (account_id, email, email_kinds, webhook_kinds, digest) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (account_id) DO UPDATE SET email = excluded.email, email_kinds = excluded.email_kinds,
                      webhook_kinds = excluded.webhook_kinds, digest = excluded.digest
                    """,
                arguments: [account.rawValue, preference.email, NotificationPreference.storedKinds(preference.emailKinds),
                            NotificationPreference.storedKinds(preference.webhookKinds), preference.digest])
            try Audit.record(db, company: company.map(Company.ID.init), actor: actor, entity: "notification_preference",
                             id: account.rawValue, action: "update", before: before, after: preference)
        }
    }

    public func notificationSettings(company: Company.ID) async throws -> NotificationSettings {
        try await pool.read { db in try Self.notificationSettings(db, company: company.rawValue) }
    }

    static func notificationSettings(_ db: Database, company: Int64) throws -> NotificationSettings {
        try Row.fetchOne(
            db, sql: "SELECT smtp_host, smtp_port, smtp_sender, smtp_tls, webhook_url FROM notification_settings WHERE company_id = ?",
            arguments: [company]
        ).map(NotificationSettings.init(row:)) ?? NotificationSettings()
    }

    public func setNotificationSettings(_ settings: NotificationSettings, company: Company.ID, by actor: String) async throws {
        do throws(NotificationSetupError) { try settings.validate() } catch let problem { throw StoreError.invalid(problem.en) }
        try await pool.write { db in
            let before = try Self.notificationSettings(db, company: company.rawValue)
            try db.execute(
                sql: """
                    INSERT INTO notification_settings (company_id, smtp_host, smtp_port, smtp_sender, smtp_tls, webhook_url)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (company_id) DO UPDATE SET smtp_host = excluded.smtp_host, smtp_port = excluded.smtp_port,
                      smtp_sender = excluded.smtp_sender, smtp_tls = excluded.smtp_tls, webhook_url = excluded.webhook_url
                    """,
                arguments: [company.rawValue, settings.smtpHost, settings.smtpPort, settings.smtpSender, settings.smtpTLS,
                            settings.webhookURL])
            try Audit.record(db, company: company, actor: actor, entity: "notification_settings", id: company.rawValue,
                             action: "update", before: before, after: settings)
        }
    }

    public func postNotification(
        company: Company.ID, accounts: [Account.ID], kind: NotificationKind, params: [String: String], link: String, dedupe: String?
    ) async throws -> [Delivery] {
        try await pool.write { db in
            let posted = try Notifier.post(db, company: company.rawValue, accounts: accounts.map(\.rawValue), kind: kind, params: params,
                                           link: link, dedupe: dedupe)
            return try Self.deliveries(db, ids: posted.deliveries)
        }
    }

    public func queueTestNotification(account: Account.ID, email: String?, webhook: Bool, company: Company.ID) async throws -> [Delivery] {
        if let email, !EmailAddress.isValid(email) { throw StoreError.invalid("'\(email)' is not an e-mail address") }
        return try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO notification (company_id, account_id, kind, params, link)
                    SELECT ?1, id, ?2, '{}', '/notifications' FROM account WHERE id = ?3 AND company_id = ?1 AND disabled = 0
                    """, arguments: [company.rawValue, NotificationKind.test.rawValue, account.rawValue])
            guard db.changesCount == 1 else { throw StoreError.notFound(entity: "account", key: account.description) }
            let notification = db.lastInsertedRowID
            let address = try email ?? Self.preference(db, account: account.rawValue).email
            let ids = try NotificationOutbox.queue(
                db, notification: notification, company: company.rawValue, account: account.rawValue, kind: .test, params: [:],
                link: "/notifications", email: address, webhook: webhook, hold: false)
            return try Self.deliveries(db, ids: ids)
        }
    }

    public func runDailyScan(today: LocalDate) async throws -> Int {
        try await pool.write { db in try DailyScan.run(db, today: today) }
    }
}
