#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DenshoDomain
import DenshoMedia
import DenshoStore
import Foundation

/// Rebuilds a data folder from a snapshot, on a new machine or after a disk failure: the database,
/// then every original at its place, each checked against its hash on the way. Renditions are not
/// in a backup: every clip is queued for the worker to make them again. Ends with a full verify.
public enum Restorer {
    public struct Result: Sendable {
        public var stamp: String
        public var dataDirectory: String
        public var files: Int
        public var bytes: Int64
        /// Clips queued for their renditions to be rebuilt.
        public var requeued: Int
        /// The restored folder, verified.
        public var report: VerifyReport
    }

    /// `done` and `total` bytes.
    public typealias Progress = @Sendable (_ done: Int64, _ total: Int64) -> Void

    /// - Throws: `BackupError.targetNotEmpty` for a folder with anything in it, `noSnapshot`,
    ///   `damagedSnapshot` when the database does not match its checksum.
    public static func restore(from dir: String, snapshot: String? = nil, to dataDirectory: String,
                               progress: Progress? = nil) async throws -> Result {
        let layout = SnapshotLayout(root: dir)
        let stamp = try layout.resolve(snapshot)
        let manifest = try BackupManifest.read(layout.manifestPath(stamp))
        let target = (dataDirectory as NSString).standardizingPath
        let manager = FileManager.default
        if manager.fileExists(atPath: target) {
            let contents = (try? manager.contentsOfDirectory(atPath: target)) ?? ["?"]
            guard contents.isEmpty else { throw BackupError.targetNotEmpty(target) }
        }
        try FileCopier.makeDirectory(target)
        let copied = try await BlockingIO.run { () throws -> (files: Int, bytes: Int64) in
            try copyAll(layout: layout, stamp: stamp, manifest: manifest, target: target, progress: progress)
        }
        let store = try SQLiteStore(path: target + "/" + SQLiteStore.fileName)
        let requeued = try await store.requeueRenditions()
        let report = try await Verifier.verifyData(store: store, library: MediaLibrary(root: target), sample: 100)
        return Result(stamp: stamp, dataDirectory: target, files: copied.files, bytes: copied.bytes, requeued: requeued, report: report)
    }

    static func copyAll(layout: SnapshotLayout, stamp: String, manifest: BackupManifest, target: String,
                        progress: Progress?) throws -> (files: Int, bytes: Int64) {
        let copier = FileCopier()
        let total = manifest.database.size + manifest.files.reduce(0) { $0 + $1.size }
        var done: Int64 = 0
        func advance(_ bytes: Int) {
            done += Int64(bytes)
            progress?(done, total)
        }
        // The database first, checked: without it nothing else means anything.
        let databaseTemporary = target + "/" + SnapshotLayout.temporaryPrefix + UUID().uuidString
        do {
            _ = try copier.copy(from: layout.databasePath(stamp), to: databaseTemporary, expected: manifest.database.sha256, progress: advance)
        } catch {
            _ = unlink(databaseTemporary)
            throw failure(error, what: "the database")
        }
        // SQLite writes to it: the copy is not to stay read-only like an original.
        _ = chmod(databaseTemporary, 0o644)
        guard rename(databaseTemporary, target + "/" + SQLiteStore.fileName) == 0 else {
            throw BackupError.targetUnavailable(path: target, reason: FileCopier.reason(errno), previous: nil)
        }
        var files = 0
        var bytes = manifest.database.size
        var damaged: [String] = []
        for file in manifest.files {
            let destination = target + "/" + file.path
            let directory = (destination as NSString).deletingLastPathComponent
            if FileManager.default.fileExists(atPath: destination) { continue }  // two records, one file
            let temporary = directory + "/" + SnapshotLayout.temporaryPrefix + UUID().uuidString
            do {
                try FileCopier.makeDirectory(directory)
                let (_, size) = try copier.copy(from: layout.absolute(SnapshotLayout.objectPath(for: file)), to: temporary,
                                                expected: file.sha256, progress: advance)
                guard rename(temporary, destination) == 0 else { throw CopyFailure.target(path: destination, code: errno) }
                files += 1
                bytes += size
            } catch CopyFailure.source, CopyFailure.mismatch {
                // Restored without it: the verify at the end names its clips.
                _ = unlink(temporary)
                damaged.append(file.path)
            } catch {
                _ = unlink(temporary)
                throw failure(error, what: file.path)
            }
        }
        FileCopier.syncDirectory(target)
        return (files, bytes)
    }

    static func failure(_ error: any Error, what: String) -> any Error {
        guard let failure = error as? CopyFailure else { return error }
        switch failure {
        case .source(let path, let code): return BackupError.damagedSnapshot("\(what) cannot be read from \(path) (\(FileCopier.reason(code)))")
        case .mismatch: return BackupError.damagedSnapshot("\(what) does not match its checksum in the manifest")
        case .target(let path, let code):
            if failure.isTargetFull { return BackupError.targetFull(detail: "the restore target filled up at \(path)", previous: nil) }
            return BackupError.targetUnavailable(path: path, reason: FileCopier.reason(code), previous: nil)
        }
    }
}
