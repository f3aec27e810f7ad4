import Foundation

/// A file of the data directory that a record refers to: a clip's original (also the evidence of
/// a 実技確認) or a 改善提案's photo, with the SHA-256 its bytes must have.
public struct ReferencedFile: Hashable, Codable, Sendable {
    /// Relative to the data directory (`originals/ab/<sha256>.mp4`).
    public var path: String
    /// Lowercase hex; the original's name is its hash, so a photo's is read from its name.
    public var sha256: String
    /// Who refers to it, for reports: `clip:12 「段取り」`, `proposal:3`, `sign-off:5`.
    public var refs: [String]

    public init(path: String, sha256: String, refs: [String]) {
        self.path = path
        self.sha256 = sha256
        self.refs = refs
    }
}

/// One backup or verify run, as recorded for the admin page, `/metrics` and the stale-backup alert.
public struct BackupRun: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case backup, verify
    }

    public var id: Int64
    public var kind: Kind
    /// Seconds since 1970.
    public var startedAt: Double
    public var finishedAt: Double?
    public var ok: Bool
    /// The snapshot written (or verified), `yyyyMMdd-HHmmss`.
    public var stamp: String?
    /// Files in the snapshot (backup) or checked (verify).
    public var files: Int
    public var bytesCopied: Int64
    /// Missing, corrupt or otherwise bad files and database problems found.
    public var problems: Int
    public var message: String

    public init(id: Int64 = 0, kind: Kind, startedAt: Double, finishedAt: Double?, ok: Bool, stamp: String?, files: Int,
                bytesCopied: Int64, problems: Int, message: String) {
        self.id = id
        self.kind = kind
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.ok = ok
        self.stamp = stamp
        self.files = files
        self.bytesCopied = bytesCopied
        self.problems = problems
        self.message = message
    }
}

/// What backups, verification and restore need from persistence.
public protocol BackupRepository: Sendable {
    /// Every file a record refers to, once per path, with everything that refers to it.
    func referencedFiles() async throws -> [ReferencedFile]
    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` findings; empty when the database is sound.
    func databaseProblems() async throws -> [String]
    /// After a restore (renditions are not in a backup): every clip queued for processing again.
    /// - Returns: The number of clips queued.
    @discardableResult
    func requeueRenditions() async throws -> Int
    /// Records a finished run; `run.id` is ignored and the stored run returned.
    @discardableResult
    func recordBackupRun(_ run: BackupRun) async throws -> BackupRun
    /// The most recent runs of both kinds, newest first.
    func lastBackupRuns(limit: Int) async throws -> [BackupRun]
    /// Tells every company's admins that backups need attention (`backupStale`); with `dedupe`,
    /// an admin who already has that key is skipped. - Returns: notifications posted.
    @discardableResult
    func postBackupAlert(params: [String: String], dedupe: String) async throws -> Int
}
