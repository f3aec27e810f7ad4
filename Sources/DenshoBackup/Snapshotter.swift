#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DenshoDomain
import DenshoMedia
import DenshoStore
import Foundation

/// Writes a snapshot of a data folder into a backup folder (see `SnapshotLayout`): the database
/// by SQLite's online backup, every referenced original as a content-addressed object, and the
/// manifest. Objects already in the folder are neither copied again nor touched (that is what makes
/// the second backup fast, and what keeps a good copy when the original is later damaged); a new
/// object's bytes are hashed as they are copied and refused if they are not the recorded ones.
///
/// Safe while `densho serve` runs. A failure or a kill at any moment leaves earlier snapshots and
/// `LATEST` as they were; a failure also removes what this run had half-written.
public struct Snapshotter: Sendable {
    public let store: any DenshoRepository
    public let library: MediaLibrary

    public init(store: any DenshoRepository, library: MediaLibrary) {
        self.store = store
        self.library = library
    }

    /// A referenced file the backup could not include (or whose original is gone from the data
    /// folder while the backup keeps an earlier copy).
    public struct Problem: Sendable, Codable, Hashable {
        public var path: String
        public var refs: [String]
        public var detail: String
    }

    public struct Result: Sendable {
        public var stamp: String
        /// The snapshot's folder.
        public var directory: String
        /// Files in the manifest.
        public var files: Int
        /// Objects copied by this run (the others were already in the folder).
        public var filesCopied: Int
        public var bytesCopied: Int64
        /// Bytes of all files in the snapshot.
        public var bytesTotal: Int64
        public var databaseSize: Int64
        public var problems: [Problem]
        /// Older snapshots removed to keep the number asked for, and objects none of the kept ones names.
        public var removedSnapshots: [String]
        public var removedObjects: Int
        public var seconds: Double

        /// Everything referenced is in the snapshot and present in the data folder.
        public var isClean: Bool { problems.isEmpty }
    }

    /// `done` and `total` bytes.
    public typealias Progress = @Sendable (_ done: Int64, _ total: Int64) -> Void

    /// Writes a snapshot into `directory` (created if its parent exists) and keeps the newest `keep`.
    /// - Throws: `BackupError` (the backup disk full or gone, a folder that is not a backup folder,
    ///   another backup running); files of the data folder that are missing or damaged do not
    ///   stop the backup: they are in `Result.problems`.
    public func backup(to directory: String, keep: Int = 7, withRenditions: Bool = false, now: Date = Date(),
                       progress: Progress? = nil) async throws -> Result {
        if withRenditions {
            throw BackupError.unsupported(
                "--with-renditions is not available yet: renditions are rebuilt from the originals after a restore (`densho worker`)")
        }
        let started = ContinuousClock.now
        let layout = SnapshotLayout(root: directory)
        try Self.prepare(layout)
        let lock = try Self.lock(layout)
        defer { _ = close(lock) }
        let previous = layout.latest()
        Self.removeLeftovers(layout)
        let stamp = Self.uniqueStamp(layout, now: now)
        let partial = layout.partialDirectory(stamp)
        var result: Result
        do {
            try FileCopier.makeDirectory(partial)
            // Files referenced before and after the database copy: every record in the copy is in one of them.
            let before = try await store.referencedFiles()
            do {
                try await store.backup(to: partial + "/" + SnapshotLayout.databaseName)
            } catch {
                throw Self.databaseFailure(error, layout: layout, previous: previous)
            }
            let after = try await store.referencedFiles()
            let files = Self.union(before, after)
            let cancel = CancelFlag()
            let library = library
            result = try await withTaskCancellationHandler {
                try await BlockingIO.run {
                    try Self.write(files: files, library: library, layout: layout, stamp: stamp, now: now,
                                   cancel: cancel, progress: progress)
                }
            } onCancel: {
                cancel.set()
            }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw Self.mapped(error, layout: layout, previous: previous)
        }
        // Generations: a failure here leaves one snapshot too many, never one too few.
        let pruned = Self.prune(layout, keep: max(keep, 1))
        result.removedSnapshots = pruned.snapshots
        result.removedObjects = pruned.objects
        result.seconds = Self.seconds(ContinuousClock.now - started)
        return result
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    // MARK: - The folder

    /// Creates the backup folder (only if its parent exists: a USB disk that is not mounted must
    /// not turn into a folder on the PC's own disk), or checks that an existing one is empty or ours.
    static func prepare(_ layout: SnapshotLayout) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: layout.root, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw BackupError.targetUnavailable(path: layout.root, reason: "it is a file, not a folder", previous: nil)
            }
            if !layout.isBackupFolder {
                let contents = (try? manager.contentsOfDirectory(atPath: layout.root)) ?? []
                guard contents.allSatisfy({ $0.hasPrefix(".") || $0 == "lost+found" }) else {
                    throw BackupError.notABackupFolder(layout.root)
                }
            }
        } else {
            let parent = (layout.root as NSString).deletingLastPathComponent
            guard manager.fileExists(atPath: parent) else {
                throw BackupError.targetUnavailable(path: layout.root, reason: "its folder \(parent) does not exist", previous: nil)
            }
            do {
                try manager.createDirectory(atPath: layout.root, withIntermediateDirectories: false)
            } catch {
                throw BackupError.targetUnavailable(path: layout.root, reason: FileCopier.code(of: error).map(FileCopier.reason) ?? "\(error)",
                                                    previous: nil)
            }
        }
        do {
            try FileCopier.makeDirectory(layout.objectsDirectory)
            try FileCopier.makeDirectory(layout.snapshotsDirectory)
            if !layout.isBackupFolder {
                try FileCopier.writeAtomically(Data("{\"format\":\(SnapshotLayout.format)}\n".utf8), to: layout.markerPath)
            }
        } catch {
            throw mapped(error, layout: layout, previous: nil)
        }
    }

    /// An exclusive lock on `DIR/.lock`, released when the process ends however it ends.
    static func lock(_ layout: SnapshotLayout) throws -> Int32 {
        let descriptor = open(layout.lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw mapped(CopyFailure.target(path: layout.lockPath, code: errno), layout: layout, previous: layout.latest())
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            _ = close(descriptor)
            throw BackupError.busy(layout.root)
        }
        return descriptor
    }

    /// What a killed run left: `.partial` snapshots and temporary objects (never named by a manifest).
    static func removeLeftovers(_ layout: SnapshotLayout) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: layout.snapshotsDirectory)) ?? []
        where name.hasSuffix(SnapshotLayout.partialSuffix) || name.hasPrefix(SnapshotLayout.temporaryPrefix) {
            try? manager.removeItem(atPath: layout.snapshotsDirectory + "/" + name)
        }
        for directory in [layout.root, layout.objectsDirectory] {
            for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(SnapshotLayout.temporaryPrefix) {
                try? manager.removeItem(atPath: directory + "/" + name)
            }
        }
    }

    /// The stamp of `now`, made unique when a snapshot of the same second exists.
    static func uniqueStamp(_ layout: SnapshotLayout, now: Date) -> String {
        let base = SnapshotLayout.stamp(now)
        var stamp = base
        var counter = 2
        while FileManager.default.fileExists(atPath: layout.snapshotDirectory(stamp)) {
            stamp = "\(base)-\(counter)"
            counter += 1
        }
        return stamp
    }

    static func union(_ first: [ReferencedFile], _ second: [ReferencedFile]) -> [ReferencedFile] {
        var byPath: [String: ReferencedFile] = [:]
        for file in first + second {
            if var known = byPath[file.path] {
                for ref in file.refs where !known.refs.contains(ref) { known.refs.append(ref) }
                byPath[file.path] = known
            } else {
                byPath[file.path] = file
            }
        }
        return byPath.values.sorted { $0.path < $1.path }
    }

    static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    // MARK: - Writing

    /// Copies the new objects, then writes the manifest, names the snapshot and moves `LATEST`.
    static func write(files: [ReferencedFile], library: MediaLibrary, layout: SnapshotLayout, stamp: String, now: Date,
                      cancel: CancelFlag, progress: Progress?) throws -> Result {
        let manager = FileManager.default
        let copier = FileCopier()
        let partial = layout.partialDirectory(stamp)
        let databasePath = partial + "/" + SnapshotLayout.databaseName
        var sizes: [Int64] = []
        var total: Int64 = 0
        for file in files {
            let size = Self.size(library.absolute(file.path)) ?? 0
            sizes.append(size)
            total += size
        }
        let databaseSize = Self.size(databasePath) ?? 0
        total += databaseSize
        let counter = ProgressCounter(total: total, report: progress)
        let advance = counter.advance

        var entries: [BackupManifest.File] = []
        var problems: [Problem] = []
        var copied = 0
        var bytesCopied: Int64 = 0
        for (index, file) in files.enumerated() {
            if cancel.isSet { throw CancellationError() }
            guard isHash(file.sha256) else {
                problems.append(Problem(path: file.path, refs: file.refs, detail: "its name is not a SHA-256, so it cannot be checked: not backed up"))
                continue
            }
            let ext = (file.path as NSString).pathExtension
            let objectRelative = SnapshotLayout.objectPath(sha256: file.sha256, extension: ext)
            let object = layout.absolute(objectRelative)
            let source = library.absolute(file.path)
            if let size = Self.size(object) {
                // Already saved by an earlier backup: kept as it is, whatever the original has become.
                entries.append(BackupManifest.File(path: file.path, sha256: file.sha256, size: size, refs: file.refs))
                if !manager.fileExists(atPath: source) {
                    problems.append(Problem(path: file.path, refs: file.refs,
                                            detail: "missing from the data folder (the backup keeps its earlier copy; restore it from there)"))
                }
                advance(Int(sizes[index]))
                continue
            }
            let shard = (object as NSString).deletingLastPathComponent
            let temporary = layout.objectsDirectory + "/" + SnapshotLayout.temporaryPrefix + UUID().uuidString
            do {
                let (_, size) = try copier.copy(from: source, to: temporary, expected: file.sha256, progress: advance)
                try FileCopier.makeDirectory(shard)
                guard rename(temporary, object) == 0 else { throw CopyFailure.target(path: object, code: errno) }
                FileCopier.syncDirectory(shard)
                entries.append(BackupManifest.File(path: file.path, sha256: file.sha256, size: size, refs: file.refs))
                copied += 1
                bytesCopied += size
            } catch {
                _ = unlink(temporary)
                guard let failure = error as? CopyFailure else { throw error }
                switch failure {
                case .source(_, let code):
                    problems.append(Problem(path: file.path, refs: file.refs, detail: code == ENOENT
                        ? "missing from the data folder: not backed up"
                        : "cannot be read (\(FileCopier.reason(code))): not backed up"))
                case .mismatch(let actual, _):
                    problems.append(Problem(path: file.path, refs: file.refs,
                                            detail: "damaged: its bytes hash to \(actual.prefix(12))…, not to its name: not backed up"))
                case .target:
                    throw failure
                }
            }
        }
        if cancel.isSet { throw CancellationError() }

        let database: (sha256: String, size: Int64)
        do {
            database = try copier.hash(databasePath, progress: advance)
        } catch {
            switch error {
            case .source(let path, let code), .target(let path, let code):
                // The copy just written cannot be read back: the backup disk's fault.
                throw CopyFailure.target(path: path, code: code)
            case .mismatch:
                throw error
            }
        }
        let manifest = BackupManifest(
            createdAt: ISO8601DateFormatter().string(from: now),
            database: .init(sha256: database.sha256, size: database.size), files: entries, renditions: false)
        let encoded: Data
        do { encoded = try manifest.encoded() } catch { throw BackupError.damagedSnapshot("cannot encode the manifest: \(error)") }
        try FileCopier.writeAtomically(encoded, to: partial + "/" + SnapshotLayout.manifestName)
        FileCopier.syncDirectory(partial)
        guard rename(partial, layout.snapshotDirectory(stamp)) == 0 else {
            throw CopyFailure.target(path: layout.snapshotDirectory(stamp), code: errno)
        }
        FileCopier.syncDirectory(layout.snapshotsDirectory)
        do {
            try FileCopier.writeAtomically(Data((stamp + "\n").utf8), to: layout.latestPath)
        } catch {
            // The snapshot is complete but LATEST still names the previous one: take it back, so
            // the folder says exactly what it held before.
            try? manager.removeItem(atPath: layout.snapshotDirectory(stamp))
            throw error
        }
        progress?(total, total)
        return Result(
            stamp: stamp, directory: layout.snapshotDirectory(stamp), files: entries.count, filesCopied: copied,
            bytesCopied: bytesCopied, bytesTotal: total, databaseSize: database.size, problems: problems,
            removedSnapshots: [], removedObjects: 0, seconds: 0)
    }

    static func size(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & 0o170000) == 0o100000 else { return nil }
        return Int64(info.st_size)
    }

    // MARK: - Generations

    /// Removes all but the newest `keep` snapshots, then the objects none of the kept manifests
    /// names. If a kept manifest cannot be read, no object is removed.
    static func prune(_ layout: SnapshotLayout, keep: Int) -> (snapshots: [String], objects: Int) {
        let manager = FileManager.default
        let snapshots = layout.snapshots()
        let latest = layout.latest()
        let kept = Array(snapshots.suffix(keep))
        var removed: [String] = []
        for stamp in snapshots.dropLast(keep) where stamp != latest {
            if (try? manager.removeItem(atPath: layout.snapshotDirectory(stamp))) != nil { removed.append(stamp) }
        }
        var named = Set<String>()
        for stamp in kept + (latest.map { [$0] } ?? []) {
            guard let manifest = try? BackupManifest.read(layout.manifestPath(stamp)) else { return (removed, 0) }
            for file in manifest.files { named.insert(SnapshotLayout.objectPath(for: file)) }
        }
        var objects = 0
        for shard in (try? manager.contentsOfDirectory(atPath: layout.objectsDirectory)) ?? [] where shard.count == 2 {
            for name in (try? manager.contentsOfDirectory(atPath: layout.objectsDirectory + "/" + shard)) ?? [] {
                let relative = "objects/\(shard)/\(name)"
                guard !name.hasPrefix("."), !named.contains(relative) else { continue }
                if (try? manager.removeItem(atPath: layout.absolute(relative))) != nil { objects += 1 }
            }
        }
        return (removed, objects)
    }

    // MARK: - Errors

    /// The database copy failed: the backup disk is full, gone, or something else went wrong.
    static func databaseFailure(_ error: any Error, layout: SnapshotLayout, previous: String?) -> any Error {
        if let store = error as? StoreError, store == .diskFull {
            return BackupError.targetFull(detail: "the database copy did not fit", previous: previous)
        }
        if !FileManager.default.isWritableFile(atPath: layout.snapshotsDirectory) {
            return BackupError.targetUnavailable(path: layout.root, reason: "the database could not be copied: \(error)", previous: previous)
        }
        return error
    }

    /// Failures writing the backup folder as `BackupError`s that say whether the previous snapshot is intact.
    static func mapped(_ error: any Error, layout: SnapshotLayout, previous: String?) -> any Error {
        if let failure = error as? CopyFailure {
            switch failure {
            case .target(let path, let code):
                let relative = path.hasPrefix(layout.root + "/") ? String(path.dropFirst(layout.root.count + 1)) : path
                if failure.isTargetFull {
                    let what = relative.contains(SnapshotLayout.temporaryPrefix) ? "a new original did not fit" : "could not write \(relative)"
                    return BackupError.targetFull(detail: what, previous: previous)
                }
                return BackupError.targetUnavailable(path: layout.root, reason: "\(relative): \(FileCopier.reason(code))", previous: previous)
            case .source(let path, let code):
                return BackupError.targetUnavailable(path: layout.root, reason: "\(path): \(FileCopier.reason(code))", previous: previous)
            case .mismatch:
                return BackupError.damagedSnapshot("a file changed while it was copied")
            }
        }
        if let store = error as? StoreError, store == .diskFull {
            return BackupError.targetFull(detail: "the database copy did not fit", previous: previous)
        }
        return error
    }
}
