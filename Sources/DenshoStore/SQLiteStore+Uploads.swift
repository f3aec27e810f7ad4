import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: UploadRepository {
    static let uploadColumns = "id, company_id, account_id, length, offset, file_name, title, tags, created_at, clip_id"

    static func upload(row: Row) -> Upload {
        return Upload(
            id: row[0], companyID: .init(row[1]), accountID: .init(row[2]), length: row[3], offset: row[4], fileName: row[5],
            title: row[6], tags: decodeStrings(row[7]), createdAt: row[8], clipID: (row[9] as Int64?).map(Clip.ID.init))
    }

    public func createUpload(_ upload: Upload) async throws {
        try await pool.write { db in try Self.insertUpload(db, upload) }
    }

    public func createUpload(_ upload: Upload, within quota: UploadQuota) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT coalesce(sum(account_id = ?1), 0) AS account_count,
                      coalesce(sum(CASE WHEN account_id = ?1 THEN length ELSE 0 END), 0) AS account_bytes,
                      count(*) AS company_count, coalesce(sum(length), 0) AS company_bytes
                    FROM upload WHERE company_id = ?2 AND clip_id IS NULL
                    """,
                arguments: [upload.accountID.rawValue, upload.companyID.rawValue])
            else { throw StoreError.invalid("cannot count the open uploads") }  // an aggregate always answers one row
            let account = UploadUsage(count: row["account_count"], bytes: row["account_bytes"])
            let company = UploadUsage(count: row["company_count"], bytes: row["company_bytes"])
            if let limit = quota.exceeded(adding: upload.length, account: account, company: company) {
                throw UploadQuotaExceeded(limit: limit, quota: quota)
            }
            try Self.insertUpload(db, upload)
        }
    }

    static func insertUpload(_ db: Database, _ upload: Upload) throws {
        try db.execute(
            sql: """
                INSERT INTO upload (id, company_id, account_id, length, offset, file_name, title, tags, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [upload.id, upload.companyID.rawValue, upload.accountID.rawValue, upload.length, upload.offset,
                        upload.fileName, upload.title, Audit.json(upload.tags), upload.createdAt])
    }

    public func upload(_ id: String, company: Company.ID) async throws -> Upload? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.uploadColumns) FROM upload WHERE id = ? AND company_id = ?",
                arguments: [id, company.rawValue]
            ).map(Self.upload(row:))
        }
    }

    public func setUploadOffset(_ id: String, from expected: Int64, to offset: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE upload SET offset = ? WHERE id = ? AND offset = ? AND clip_id IS NULL", arguments: [offset, id, expected])
            return db.changesCount == 1
        }
    }

    public func finishUpload(_ id: String, clip: Clip.ID) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE upload SET clip_id = ? WHERE id = ?", arguments: [clip.rawValue, id])
            try Self.requireOneChange(db, entity: "upload", key: id)
        }
    }

    public func deleteUpload(_ id: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM upload WHERE id = ? AND clip_id IS NULL", arguments: [id]) }
    }

    public func staleUploads(before: Double) async throws -> [Upload] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.uploadColumns) FROM upload WHERE clip_id IS NULL AND created_at < ?", arguments: [before]
            ).map(Self.upload(row:))
        }
    }
}
