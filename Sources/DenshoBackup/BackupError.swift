import Foundation

/// Why a backup, verify or restore stopped, in words a person at the office PC can act on.
/// Whatever the failure, earlier snapshots and `LATEST` were not touched.
///
/// No message says "No space left on device": the CLI would read that as the data folder's disk
/// being full (`StoreError.classify`), which it is not.
public enum BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The backup disk filled up while writing; `previous` is the snapshot still intact.
    case targetFull(detail: String, previous: String?)
    /// The backup folder cannot be written or vanished (a USB disk pulled out, a NAS gone).
    case targetUnavailable(path: String, reason: String, previous: String?)
    /// DIR holds other files and no `densho-backup.json`: never written into.
    case notABackupFolder(String)
    /// Another backup into the same folder is running.
    case busy(String)
    /// No snapshot in the folder (or not the one asked for).
    case noSnapshot(String)
    /// The snapshot's database or manifest does not match its checksum.
    case damagedSnapshot(String)
    /// A restore only writes into an empty or new folder.
    case targetNotEmpty(String)
    /// A feature not available yet.
    case unsupported(String)

    public var description: String {
        switch self {
        case .targetFull(let detail, let previous):
            "the backup disk is full: \(detail); " + Self.intact(previous)
        case .targetUnavailable(let path, let reason, let previous):
            "the backup folder \(path) cannot be written (\(reason)): is the disk still connected and writable? "
                + Self.intact(previous)
        case .notABackupFolder(let path):
            "\(path) is not empty and is not a Densho backup folder (no densho-backup.json): choose an empty folder or an earlier backup folder"
        case .busy(let path): "another backup into \(path) is running; try again when it has finished"
        case .noSnapshot(let text): text
        case .damagedSnapshot(let text): "the snapshot is damaged: \(text)"
        case .targetNotEmpty(let path): "the target folder is not empty: \(path); restore into a new or empty folder"
        case .unsupported(let text): text
        }
    }

    static func intact(_ previous: String?) -> String {
        previous.map { "the previous snapshot \($0) is intact" } ?? "no earlier snapshot was touched"
    }
}
