#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DenshoDomain
import DenshoMedia
import Foundation

/// Checks that what must not be lost is there and whole: the data folder (`verifyData`) or a
/// snapshot in a backup folder (`verifyBackup`). Files are hashed with 4 MiB reads on a thread of
/// their own.
public enum Verifier {
    /// `done` and `total` bytes to hash.
    public typealias Progress = @Sendable (_ done: Int64, _ total: Int64) -> Void

    /// The database (`integrity_check`, `foreign_key_check`), every referenced file present, the
    /// bytes of all of them (or of a random `sample` percent) against their recorded SHA-256, and
    /// the originals no record refers to.
    public static func verifyData(store: any DenshoRepository, library: MediaLibrary, sample: Double = 100, now: Date = Date(),
                                  progress: Progress? = nil) async throws -> VerifyReport {
        let started = ContinuousClock.now
        var report = VerifyReport(subject: "the data folder \(library.root)")
        report.samplePercent = min(max(sample, 0), 100)
        report.databaseProblems = try await store.databaseProblems()
        let files = try await store.referencedFiles()
        let checks = files.map { Check(path: $0.path, absolute: library.absolute($0.path), sha256: $0.sha256, size: nil, refs: $0.refs) }
        let percent = report.samplePercent
        let outcome = try await BlockingIO.run { Verifier.check(checks, sample: percent, progress: progress) }
        report.apply(outcome)
        report.unreferenced = unreferencedOriginals(library: library, referenced: Set(files.map(\.path)), now: now)
        report.seconds = Snapshotter.seconds(ContinuousClock.now - started)
        return report
    }

    /// The snapshot's database against the manifest's checksum, and every file of the manifest
    /// present as an object of the same size and (all, or a `sample` percent) the same hash.
    public static func verifyBackup(dir: String, snapshot: String? = nil, sample: Double = 100,
                                    progress: Progress? = nil) async throws -> VerifyReport {
        let started = ContinuousClock.now
        let layout = SnapshotLayout(root: dir)
        let stamp = try layout.resolve(snapshot)
        let manifest = try BackupManifest.read(layout.manifestPath(stamp))
        var report = VerifyReport(subject: "\(layout.root) (snapshot \(stamp))")
        report.samplePercent = min(max(sample, 0), 100)
        let database = Check(path: "snapshots/\(stamp)/\(SnapshotLayout.databaseName)", absolute: layout.databasePath(stamp),
                             sha256: manifest.database.sha256, size: manifest.database.size, refs: [])
        let checks = manifest.files.map {
            Check(path: $0.path, absolute: layout.absolute(SnapshotLayout.objectPath(for: $0)), sha256: $0.sha256, size: $0.size, refs: $0.refs)
        }
        let percent = report.samplePercent
        let outcome = try await BlockingIO.run { () throws -> Outcome in
            // The database always, whatever the sample: it is everything but the videos.
            let first = Verifier.check([database], sample: 100, progress: nil)
            var rest = Verifier.check(checks, sample: percent, progress: progress)
            rest.missing = first.missing.map { Missing(path: $0.path, refs: [], detail: "the snapshot's database is missing") } + rest.missing
            rest.corrupt = first.corrupt.map { Corrupt(path: $0.path, refs: [], detail: "the snapshot's database " + $0.detail) } + rest.corrupt
            rest.hashed += first.hashed
            rest.bytes += first.bytes
            return rest
        }
        report.apply(outcome)
        report.filesChecked = checks.count
        report.seconds = Snapshotter.seconds(ContinuousClock.now - started)
        return report
    }

    // MARK: - Checking files

    struct Check: Sendable {
        var path: String
        var absolute: String
        var sha256: String
        /// The size to expect, when known (a manifest's).
        var size: Int64?
        var refs: [String]
    }

    typealias Missing = VerifyReport.FileIssue
    typealias Corrupt = VerifyReport.FileIssue

    struct Outcome: Sendable {
        var checked = 0
        var hashed = 0
        var bytes: Int64 = 0
        var missing: [VerifyReport.FileIssue] = []
        var corrupt: [VerifyReport.FileIssue] = []
    }

    static func check(_ checks: [Check], sample: Double, progress: Progress?) -> Outcome {
        var outcome = Outcome()
        let chosen = VerifyReport.sample(count: checks.count, percent: sample)
        var sizes: [Int: Int64] = [:]
        var total: Int64 = 0
        for (index, item) in checks.enumerated() {
            outcome.checked += 1
            guard let size = Snapshotter.size(item.absolute) else {
                outcome.missing.append(.init(path: item.path, refs: item.refs, detail: "the file is missing"))
                continue
            }
            if let expected = item.size, expected != size {
                outcome.corrupt.append(.init(path: item.path, refs: item.refs, detail: "has \(size) bytes instead of \(expected)"))
                continue
            }
            if chosen.contains(index) {
                sizes[index] = size
                total += size
            }
        }
        let copier = FileCopier()
        let counter = ProgressCounter(total: total, report: progress)
        let advance = counter.advance
        for index in sizes.keys.sorted() {
            let item = checks[index]
            do {
                let (hash, size) = try copier.hash(item.absolute, progress: advance)
                outcome.hashed += 1
                outcome.bytes += size
                if hash != item.sha256 {
                    outcome.corrupt.append(.init(path: item.path, refs: item.refs,
                                                 detail: "is damaged: its bytes hash to \(hash.prefix(12))…, not \(item.sha256.prefix(12))…"))
                }
            } catch {
                if case .source(_, let code) = error, code == ENOENT {
                    outcome.missing.append(.init(path: item.path, refs: item.refs, detail: "the file is missing"))
                } else if case .source(_, let code) = error {
                    outcome.corrupt.append(.init(path: item.path, refs: item.refs, detail: "cannot be read (\(FileCopier.reason(code)))"))
                }
            }
        }
        progress?(total, total)
        return outcome
    }

    /// `originals/ab/<sha256>.<ext>` files no record names, older than the sweep's grace.
    static func unreferencedOriginals(library: MediaLibrary, referenced: Set<String>, now: Date) -> [String] {
        let manager = FileManager.default
        var found: [String] = []
        let originals = library.absolute("originals")
        for shard in ((try? manager.contentsOfDirectory(atPath: originals)) ?? []).sorted() where shard.count == 2 {
            for name in ((try? manager.contentsOfDirectory(atPath: originals + "/" + shard)) ?? []).sorted() {
                let relative = "originals/\(shard)/\(name)"
                guard !name.hasPrefix("."), !referenced.contains(relative) else { continue }
                let hash = String(name.split(separator: ".", maxSplits: 1).first ?? "")
                guard Snapshotter.isHash(hash) else { continue }
                let modified = (try? manager.attributesOfItem(atPath: library.absolute(relative)))?[.modificationDate] as? Date
                if let modified, now.timeIntervalSince(modified) < MediaLibrary.orphanGrace { continue }
                found.append(relative)
            }
        }
        return found
    }
}

extension VerifyReport {
    mutating func apply(_ outcome: Verifier.Outcome) {
        filesChecked = outcome.checked
        filesHashed = outcome.hashed
        bytesHashed = outcome.bytes
        missing = outcome.missing
        corrupt = outcome.corrupt
    }
}
