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
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO upload (id, company_id, account_id, length, offset, file_name, title, tags, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [upload.id, upload.companyID.rawValue, upload.accountID.rawValue, upload.length, upload.offset,
                            upload.fileName, upload.title, Audit.json(upload.tags), upload.createdAt])
        }
    }

    public func upload(_ id: String, company: Company.ID) async throws -> Upload? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.uploadColumns) FROM upload WHERE id = ? AND company_id = ?",
                arguments: [id, company.rawValue]
            ).map(Self.upload(row:))
        }
    }

    public func setUploadOffset(_ id: String, offset: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE upload SET offset = ? WHERE id = ?", arguments: [offset, id])
            try Self.requireOneChange(db, entity: "upload", key: id)
        }
    }

    public func finishUpload(_ id: String, clip: Clip.ID) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE upload SET clip_id = ? WHERE id = ?", arguments: [clip.rawValue, id])
            try Self.requireOneChange(db, entity: "upload", key: id)
        }
    }

    public func deleteUpload(_ id: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM upload WHERE id = ?", arguments: [id]) }
    }

    public func staleUploads(before: Double) async throws -> [Upload] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.uploadColumns) FROM upload WHERE clip_id IS NULL AND created_at < ?", arguments: [before]
            ).map(Self.upload(row:))
        }
    }
}
