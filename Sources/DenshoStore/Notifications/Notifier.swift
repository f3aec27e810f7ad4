import DenshoDomain
import Foundation
import GRDB

/// Posts notifications inside the transaction of the change they tell about (an assignment, a
/// decision), so a notification is never lost or sent for a change that rolled back. Deliveries
/// by e-mail or webhook are queued in the same transaction and sent later by `densho serve`.
enum Notifier {
    /// What a post recorded: the notifications' ids and their deliveries' ids.
    struct Posted {
        var notifications: [Int64] = []
        var deliveries: [Int64] = []
    }

    /// Records one notification per account of `company` (skipping disabled accounts and, with
    /// `dedupe`, any account that already has that key) and queues its deliveries.
    @discardableResult
    static func post(
        _ db: Database, company: Int64, accounts: [Int64], kind: NotificationKind, params: [String: String], link: String,
        dedupe: String? = nil
    ) throws -> Posted {
        let encoded = Audit.json(params) ?? "{}"
        var posted = Posted()
        for account in Set(accounts).sorted() {
            try db.execute(
                sql: """
                    INSERT INTO notification (company_id, account_id, kind, params, link, dedupe)
                    SELECT ?, id, ?, ?, ?, ? FROM account WHERE id = ? AND company_id = ? AND disabled = 0
                    ON CONFLICT DO NOTHING
                    """, arguments: [company, kind.rawValue, encoded, link, dedupe, account, company])
            guard db.changesCount == 1 else { continue }
            let notification = db.lastInsertedRowID
            posted.notifications.append(notification)
            posted.deliveries += try NotificationOutbox.queue(
                db, notification: notification, company: company, account: account, kind: kind, params: params, link: link)
        }
        return posted
    }

    /// The accounts linked to these employees.
    static func accounts(_ db: Database, employees: [Int64]) throws -> [Int64] {
        guard !employees.isEmpty else { return [] }
        let list = Set(employees).map(String.init).joined(separator: ",")
        return try Int64.fetchAll(db, sql: "SELECT id FROM account WHERE employee_id IN (\(list)) AND disabled = 0")
    }

    /// The supervisors who look after `department` (their team's qualifications concern them).
    static func supervisors(_ db: Database, department: Int64) throws -> [Int64] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT account.id FROM account JOIN supervised_department ON supervised_department.account_id = account.id
                WHERE supervised_department.department_id = ? AND account.role = 'supervisor' AND account.disabled = 0
                """, arguments: [department])
    }

    /// Who decides for `department`: its supervisors and the company's admins.
    static func approvers(_ db: Database, department: Int64?, company: Int64) throws -> [Int64] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT id FROM account WHERE company_id = ?1 AND disabled = 0 AND (role = 'admin'
                  OR (role = 'supervisor' AND (?2 IS NULL OR id IN (SELECT account_id FROM supervised_department WHERE department_id = ?2))))
                """, arguments: [company, department])
    }
}
