import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: BackupRepository {
    public func referencedFiles() async throws -> [ReferencedFile] {
        try await pool.read { db in
            var files: [String: ReferencedFile] = [:]
            func add(_ path: String, hash: String, ref: String) {
                if files[path] == nil { files[path] = ReferencedFile(path: path, sha256: hash, refs: []) }
                files[path]!.refs.append(ref)
            }
            var clipPaths: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, title, original_hash, original_extension FROM clip ORDER BY id") {
                let id: Int64 = row["id"], title: String = row["title"], hash: String = row["original_hash"]
                let path = MediaPaths.original(hash: hash, extension: row["original_extension"])
                clipPaths[id] = path
                add(path, hash: hash, ref: "clip:\(id) 「\(title)」")
            }
            // A 実技確認's evidence is a clip: its original is already listed, the sign-off is named beside it.
            for row in try Row.fetchAll(db, sql: "SELECT id, evidence_clip_id FROM sign_off WHERE evidence_clip_id IS NOT NULL ORDER BY id") {
                let clip: Int64 = row[1]
                if let path = clipPaths[clip] { add(path, hash: files[path]!.sha256, ref: "sign-off:\(row[0] as Int64)") }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, photos FROM proposal ORDER BY id") {
                let id: Int64 = row[0]
                for path in Self.decodeStrings(row[1]) {
                    // `originals/ab/<sha256>.<ext>`: the hash is the name.
                    let name = (path as NSString).lastPathComponent
                    let hash = String(name.split(separator: ".", maxSplits: 1).first ?? "").lowercased()
                    add(path, hash: hash, ref: "proposal:\(id)")
                }
            }
            return files.values.sorted { $0.path < $1.path }
        }
    }

    public func databaseProblems() async throws -> [String] {
        try await pool.read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0], rowid: Int64? = row[1], parent: String = row[2]
                problems.append("foreign key: \(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent)")
            }
            return problems
        }
    }

    @discardableResult
    public func requeueRenditions() async throws -> Int {
        try await pool.write { db in
            // As `retryClip` does, for every clip: the worker rebuilds renditions from the original.
            try db.execute(sql: """
                UPDATE job SET state = 'queued', attempts = 0, next_attempt_at = 0, worker = NULL, lease_until = NULL,
                  heartbeat_at = NULL, last_error = NULL, progress = 0
                """)
            try db.execute(sql: "INSERT INTO job (clip_id) SELECT id FROM clip WHERE id NOT IN (SELECT clip_id FROM job)")
            try db.execute(sql: "UPDATE clip SET status = 'uploaded', failure_reason = NULL")
            return db.changesCount
        }
    }

    @discardableResult
    public func recordBackupRun(_ run: BackupRun) async throws -> BackupRun {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO backup_run (kind, started_at, finished_at, ok, stamp, files, bytes_copied, problems, message)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [run.kind.rawValue, run.startedAt, run.finishedAt, run.ok, run.stamp, run.files, run.bytesCopied,
                            run.problems, run.message])
            var saved = run
            saved.id = db.lastInsertedRowID
            return saved
        }
    }

    public func lastBackupRuns(limit: Int) async throws -> [BackupRun] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, kind, started_at, finished_at, ok, stamp, files, bytes_copied, problems, message
                    FROM backup_run ORDER BY started_at DESC, id DESC LIMIT ?
                    """, arguments: [max(limit, 0)]
            ).map { row in
                BackupRun(id: row[0], kind: BackupRun.Kind(rawValue: row[1]) ?? .backup, startedAt: row[2], finishedAt: row[3],
                          ok: row[4], stamp: row[5], files: row[6], bytesCopied: row[7], problems: row[8], message: row[9])
            }
        }
    }

    @discardableResult
    public func postBackupAlert(params: [String: String], dedupe: String) async throws -> Int {
        try await pool.write { db in
            var posted = 0
            for company in try Int64.fetchAll(db, sql: "SELECT id FROM company ORDER BY id") {
                let admins = try Int64.fetchAll(
                    db, sql: "SELECT id FROM account WHERE company_id = ? AND role = 'admin' AND disabled = 0", arguments: [company])
                guard !admins.isEmpty else { continue }
                posted += try Notifier.post(db, company: company, accounts: admins, kind: .backupStale, params: params,
                                            link: "/admin/users", dedupe: dedupe).notifications.count
            }
            return posted
        }
    }
}
