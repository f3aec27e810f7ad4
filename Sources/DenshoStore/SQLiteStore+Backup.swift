import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore {
    /// Copies the database with SQLite's online backup API into a temporary file beside `path`, then
    /// renames it into place, so a reader of `path` never sees a half-written backup. The copy is
    /// one consistent snapshot; writers in other processes go on (WAL readers do not block them).
    public func backup(to path: String) async throws {
        try backupNow(to: path)
    }

    func backupNow(to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.densho-backup-\(UUID().uuidString).sqlite"
        var destination: DatabaseQueue?
        do {
            // The copy is a new file nobody else opens until it is renamed: no journal and no
            // syncs while pages are copied (SQLite's would sync the journal and the file again and
            // again), one fsync of the finished file instead.
            var configuration = Configuration()
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF") }
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            destination = queue
            try pool.backup(to: queue)
            // A single file, as a restore wants it (the source's WAL mode is in the copied header).
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try queue.close()
            destination = nil
            let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary]) }
            let synced = fsync(descriptor) == 0 ? 0 : errno
            close(descriptor)
            if synced != 0 { throw POSIXError(POSIXErrorCode(rawValue: synced) ?? .EIO) }
            // rename(2) replaces an earlier backup in one step: there is never a moment without one.
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        } catch {
            // Closed first, then the copy and any journal SQLite made beside it (a full disk can
            // stop the copy in its journal as well as in the file).
            try? destination?.close()
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            throw StoreError.classify(error)
        }
    }
}

extension SQLiteStore {
    /// Moves forward whenever evaluations, people, skills, departments, targets or the level
    /// scale change, in any process using this database.
    public func dataRevision() async throws -> Int64 {
        try lookup { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM data_revision WHERE id = 1")) ?? 0 }
    }
}
