import DenshoDomain
import Foundation
import GRDB

/// Decoding of notifications, choices, settings and deliveries, by column name.
extension AppNotification {
    static let columns = "id, account_id, kind, params, link, created_at, read_at"

    /// Nil for a kind this version does not know (a newer Densho wrote it): the list skips it.
    init?(row: Row) {
        guard let kind = NotificationKind(rawValue: row["kind"]) else { return nil }
        let params = (try? JSONDecoder().decode([String: String].self, from: Data((row["params"] as String).utf8))) ?? [:]
        self.init(id: ID(row["id"]), accountID: Account.ID(row["account_id"]), kind: kind, params: params, link: row["link"],
                  createdAt: row["created_at"], readAt: row["read_at"])
    }
}

extension NotificationPreference {
    init(row: Row) {
        func kinds(_ column: String) -> Set<NotificationKind> {
            Set(SQLiteStore.decodeStrings(row[column]).compactMap(NotificationKind.init(rawValue:)))
        }
        self.init(email: row["email"], emailKinds: kinds("email_kinds"), webhookKinds: kinds("webhook_kinds"), digest: row["digest"])
    }

    /// A set of kinds as stored: a JSON list of raw values, sorted so equal sets read the same.
    static func storedKinds(_ kinds: Set<NotificationKind>) -> String {
        Audit.json(kinds.map(\.rawValue).sorted()) ?? "[]"
    }
}

extension NotificationSettings {
    init(row: Row) {
        self.init(smtpHost: row["smtp_host"], smtpPort: row["smtp_port"], smtpSender: row["smtp_sender"], smtpTLS: row["smtp_tls"],
                  webhookURL: row["webhook_url"])
    }
}

extension Delivery {
    static let columns = """
        id, company_id, notification_id, channel, recipient, subject, body, state, attempts, max_attempts, next_attempt_at, \
        last_error, created_at, sent_at
        """

    init(row: Row) {
        self.init(
            id: ID(row["id"]), companyID: Company.ID(row["company_id"]),
            notificationID: (row["notification_id"] as Int64?).map(AppNotification.ID.init),
            channel: DeliveryChannel(rawValue: row["channel"]) ?? .email, recipient: row["recipient"], subject: row["subject"],
            body: row["body"], state: State(rawValue: row["state"]) ?? .failed, attempts: row["attempts"],
            maxAttempts: row["max_attempts"], nextAttemptAt: row["next_attempt_at"], lastError: row["last_error"],
            createdAt: row["created_at"], sentAt: row["sent_at"])
    }
}
