import DenshoDomain
import Foundation
import GRDB

/// Writes audit-log entries inside the transaction that makes the change, so the log and the data
/// can never disagree.
enum Audit {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: (any Encodable)?) -> String? {
        guard let value, let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func record(
        _ db: Database, company: Company.ID?, actor: String, entity: String, id: Int64, action: String,
        before: (any Encodable)? = nil, after: (any Encodable)? = nil
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO audit_log (company_id, actor, entity, entity_id, action, before, after)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [company?.rawValue, actor, entity, id, action, json(before), json(after)])
    }
}

extension SQLiteStore {
    public func auditLog(company: Company.ID, limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT at, actor, entity, entity_id, action, before, after FROM audit_log
                    WHERE company_id = ? ORDER BY id DESC LIMIT ?
                    """, arguments: [company.rawValue, limit]
            ).map {
                AuditEntry(at: $0[0], actor: $0[1], entity: $0[2], entityID: $0[3], action: $0[4], before: $0[5], after: $0[6])
            }
        }
    }
}
