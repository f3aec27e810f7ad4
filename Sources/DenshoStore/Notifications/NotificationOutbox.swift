import DenshoDomain
import Foundation
import GRDB

/// Queues the e-mails and webhook posts of a notification, inside the transaction that records
/// it: the message is rendered now (Japanese, English below, the link made absolute with the
/// company's address), so a sender needs nothing but the row.
enum NotificationOutbox {
    /// Queues what the account chose for `kind`: an e-mail to their address (held for their
    /// digest if they chose one) and a post to the company's webhook. Returns the deliveries' ids.
    @discardableResult
    static func queue(
        _ db: Database, notification: Int64, company: Int64, account: Int64, kind: NotificationKind, params: [String: String],
        link: String
    ) throws -> [Int64] {
        let preference = try SQLiteStore.preference(db, account: account)
        return try queue(
            db, notification: notification, company: company, account: account, kind: kind, params: params, link: link,
            email: preference.wants(kind, by: .email) ? preference.email : nil, webhook: preference.wants(kind, by: .webhook),
            hold: preference.digest)
    }

    /// Queues one message by the channels given, whatever the person chose (`densho notify test`).
    /// A channel the company has not set up (no mail server, no webhook) is skipped.
    static func queue(
        _ db: Database, notification: Int64, company: Int64, account: Int64, kind: NotificationKind, params: [String: String],
        link: String, email: String?, webhook: Bool, hold: Bool
    ) throws -> [Int64] {
        let settings = try SQLiteStore.notificationSettings(db, company: company)
        let base = try SQLiteStore.settings(db, company: Company.ID(company)).publicBaseURL
        let message = NotificationText.message(kind, params: params, link: absolute(link, base: base))
        var ids: [Int64] = []
        if let email, !email.isEmpty, settings.sendsEmail {
            ids.append(try insert(db, company: company, notification: notification, channel: .email, recipient: email,
                                  subject: message.subject, body: message.body, state: hold ? .held : .queued))
        }
        if webhook, settings.postsWebhook {
            // One channel for the whole company: the post says whom it is for.
            let name = try String.fetchOne(db, sql: "SELECT display_name FROM account WHERE id = ?", arguments: [account]) ?? ""
            ids.append(try insert(db, company: company, notification: notification, channel: .webhook, recipient: settings.webhookURL,
                                  subject: "【伝承】\(name)さんへ / For \(name)", body: message.body, state: .queued))
        }
        return ids
    }

    static func insert(
        _ db: Database, company: Int64, notification: Int64?, channel: DeliveryChannel, recipient: String, subject: String, body: String,
        state: Delivery.State
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO notification_delivery (company_id, notification_id, channel, recipient, subject, body, state)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [company, notification, channel.rawValue, recipient, subject, body, state.rawValue])
        return db.lastInsertedRowID
    }

    /// `/training` as `https://densho.example.jp/training` when the company set the address staff
    /// open Densho at; as it is otherwise.
    static func absolute(_ link: String, base: String?) -> String {
        guard var base, !base.isEmpty, link.hasPrefix("/") else { return link }
        while base.hasSuffix("/") { base.removeLast() }
        return base + link
    }
}
