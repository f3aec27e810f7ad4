import DenshoDomain
import Foundation
import GRDB

/// The delivery queue: leased like media jobs (a sender that dies lets its message go when the
/// lease runs out), retried with backoff, and e-mails held for a digest merged once a day.
/// Delivery is at least once: a sender that dies after the server took a message but before
/// recording it sends it again.
extension SQLiteStore {
    public func claimDelivery(worker: String, leaseSeconds: Double, now: Double) async throws -> Delivery? {
        try await pool.write { db in
            // A sender that stopped on the last attempt leaves a message that can only fail.
            try db.execute(
                sql: """
                    UPDATE notification_delivery SET state = 'failed', lease_until = NULL,
                      last_error = '送信中に応答がなくなりました (the sender stopped on the last attempt)'
                    WHERE state = 'sending' AND lease_until < ? AND attempts >= max_attempts
                    """, arguments: [now])
            return try Row.fetchOne(
                db,
                sql: """
                    UPDATE notification_delivery SET state = 'sending', worker = ?1, attempts = attempts + 1, lease_until = ?2 + ?3
                    WHERE id = (SELECT id FROM notification_delivery
                                WHERE (state = 'queued' AND next_attempt_at <= ?2) OR (state = 'sending' AND lease_until < ?2)
                                ORDER BY next_attempt_at, id LIMIT 1)
                    RETURNING \(Delivery.columns)
                    """, arguments: [worker, now, leaseSeconds]
            ).map(Delivery.init(row:))
        }
    }

    public func completeDelivery(_ id: Delivery.ID, worker: String) async throws {
        try await pool.write { db in
            // The last error stays: it tells why earlier attempts failed.
            try db.execute(
                sql: """
                    UPDATE notification_delivery SET state = 'sent', sent_at = \(Migrations.now), lease_until = NULL
                    WHERE id = ? AND worker = ? AND state = 'sending'
                    """, arguments: [id.rawValue, worker])
        }
    }

    public func failDelivery(_ id: Delivery.ID, worker: String, reason: String, final: Bool, backoffBase: Double, now: Double) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT attempts, max_attempts FROM notification_delivery WHERE id = ? AND worker = ? AND state = 'sending'",
                arguments: [id.rawValue, worker])
            else { return }
            let attempts: Int = row["attempts"], maxAttempts: Int = row["max_attempts"]
            if final || attempts >= maxAttempts {
                try db.execute(sql: "UPDATE notification_delivery SET state = 'failed', lease_until = NULL, last_error = ? WHERE id = ?",
                               arguments: [reason, id.rawValue])
            } else {
                try db.execute(
                    sql: """
                        UPDATE notification_delivery SET state = 'queued', worker = NULL, lease_until = NULL, last_error = ?,
                          next_attempt_at = ? WHERE id = ?
                        """, arguments: [reason, now + Job.backoff(afterAttempts: attempts, base: backoffBase), id.rawValue])
            }
        }
    }

    public func deliveries(company: Company.ID, limit: Int) async throws -> [Delivery] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Delivery.columns) FROM notification_delivery WHERE company_id = ? ORDER BY id DESC LIMIT ?",
                arguments: [company.rawValue, limit]
            ).map(Delivery.init(row:))
        }
    }

    static func deliveries(_ db: Database, ids: [Int64]) throws -> [Delivery] {
        guard !ids.isEmpty else { return [] }
        return try Row.fetchAll(
            db, sql: "SELECT \(Delivery.columns) FROM notification_delivery WHERE id IN (\(ids.map(String.init).joined(separator: ","))) ORDER BY id"
        ).map(Delivery.init(row:))
    }

    public func releaseDigests(day: LocalDate?) async throws -> Int {
        try await pool.write { db in
            if let day {
                let last = try String.fetchOne(db, sql: "SELECT day FROM notification_run WHERE task = 'digest'")
                if let last, last >= day.description { return 0 }
                try db.execute(
                    sql: "INSERT INTO notification_run (task, day) VALUES ('digest', ?) ON CONFLICT (task) DO UPDATE SET day = excluded.day",
                    arguments: [day.description])
            }
            let held = try Row.fetchAll(
                db, sql: """
                    SELECT id, company_id, recipient, body FROM notification_delivery WHERE state = 'held' AND channel = 'email'
                    ORDER BY company_id, recipient, id
                    """)
            let groups = Dictionary(grouping: held) { row in "\(row["company_id"] as Int64) \(row["recipient"] as String)" }
            for key in groups.keys.sorted() {
                let rows = groups[key]!
                let digest = NotificationText.digest(rows.map { $0["body"] as String })
                let id = try NotificationOutbox.insert(
                    db, company: rows[0]["company_id"], notification: nil, channel: .email, recipient: rows[0]["recipient"],
                    subject: digest.subject, body: digest.body, state: .queued)
                let merged = rows.map { String($0["id"] as Int64) }.joined(separator: ",")
                try db.execute(sql: "UPDATE notification_delivery SET state = 'merged', merged_into = ? WHERE id IN (\(merged))",
                               arguments: [id])
            }
            return groups.count
        }
    }
}
