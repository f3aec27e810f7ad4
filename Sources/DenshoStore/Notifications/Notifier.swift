import DenshoDomain
import Foundation
import GRDB

/// Posts notifications inside the transaction of the change they tell about (an assignment, a
/// decision), so a notification is never lost or sent for a change that rolled back. Deliveries
/// by e-mail or webhook are queued in the same transaction and sent later by `densho serve`.
enum Notifier {
    /// Records one notification per account (skipping disabled accounts and, with `dedupe`, any
    /// account that already has that key) and queues its deliveries.
    static func post(
        _ db: Database, company: Int64, accounts: [Int64], kind: NotificationKind, params: [String: String], link: String,
        dedupe: String? = nil
    ) throws {
        let encoded = Audit.json(params) ?? "{}"
        for account in Set(accounts).sorted() {
            try db.execute(
                sql: """
                    INSERT INTO notification (company_id, account_id, kind, params, link, dedupe)
                    SELECT ?, id, ?, ?, ?, ? FROM account WHERE id = ? AND disabled = 0
                    ON CONFLICT DO NOTHING
                    """, arguments: [company, kind.rawValue, encoded, link, dedupe, account])
            guard db.changesCount == 1 else { continue }
            try NotificationOutbox.queue(db, notification: db.lastInsertedRowID, company: company, account: account, kind: kind,
                                         params: params, link: link)
        }
    }

    /// The accounts linked to these employees.
    static func accounts(_ db: Database, employees: [Int64]) throws -> [Int64] {
        guard !employees.isEmpty else { return [] }
        let list = Set(employees).map(String.init).joined(separator: ",")
        return try Int64.fetchAll(db, sql: "SELECT id FROM account WHERE employee_id IN (\(list)) AND disabled = 0")
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
