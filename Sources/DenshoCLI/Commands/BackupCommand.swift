import ArgumentParser
import DenshoBackup
import DenshoDomain
import DenshoMedia
import Foundation

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Snapshot the database and every original video into a backup folder (safe while Densho is running).",
        discussion: """
            DIR should be on another disk than the data folder (a second disk, a USB disk or a NAS mount).
            Each run adds a snapshot (DIR/snapshots/<yyyyMMdd-HHmmss>) and copies only the originals not
            yet in DIR; the newest --keep snapshots are kept. A run that fails or is stopped leaves the
            earlier snapshots as they were. Exits 1 when an original is missing or damaged (the snapshot
            is still written, without it). With a FILE ending in .sqlite or .db, only the database is
            copied, as before. Restore with `densho restore DIR --data-dir NEW`; check with `densho verify DIR`.
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp("Backup folder (or a .sqlite file: the database only).", valueName: "dir"), completion: .directory)
    var target: String
    @Option(help: "Snapshots to keep; older ones and the originals only they held are removed.") var keep: Int = 7
    @Flag(name: .customLong("with-renditions"), help: "Also copy renditions (not available yet: they are rebuilt from originals).")
    var withRenditions = false

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be at least 1") }
    }

    func run() async throws {
        let context = try CLIContext(options)
        if target.hasSuffix(".sqlite") || target.hasSuffix(".db") {
            try await context.store.backup(to: target)
            let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
            print("Backed up \(context.databasePath) to \(target) (\(size / 1024) KiB).")
            return
        }
        let started = Date()
        let bar = ByteProgress("backup (MiB)")
        let snapshotter = Snapshotter(store: context.store, library: MediaLibrary(root: options.resolvedDataDirectory))
        let result: Snapshotter.Result
        do {
            result = try await snapshotter.backup(to: target, keep: keep, withRenditions: withRenditions) { done, total in
                bar.update(done: done, total: total)
            }
        } catch {
            bar.abandon()
            _ = try? await context.store.recordBackupRun(BackupRun(
                kind: .backup, startedAt: started.timeIntervalSince1970, finishedAt: Date().timeIntervalSince1970, ok: false,
                stamp: nil, files: 0, bytesCopied: 0, problems: 0, message: "\(error)"))
            throw error
        }
        bar.finish()
        _ = try? await context.store.recordBackupRun(BackupRun(
            kind: .backup, startedAt: started.timeIntervalSince1970, finishedAt: Date().timeIntervalSince1970, ok: result.isClean,
            stamp: result.stamp, files: result.files, bytesCopied: result.bytesCopied, problems: result.problems.count,
            message: result.problems.map { "\($0.path): \($0.detail)" }.joined(separator: "\n")))
        print("Snapshot \(result.stamp) in \(target): \(result.files) file(s), \(result.filesCopied) new "
            + String(format: "(%.1f MB copied of %.1f MB), database %d KiB, %.1f s.",
                     Double(result.bytesCopied) / 1_000_000, Double(result.bytesTotal) / 1_000_000, Int(result.databaseSize / 1024),
                     result.seconds))
        if !result.removedSnapshots.isEmpty || result.removedObjects > 0 {
            print("Removed \(result.removedSnapshots.count) older snapshot(s) (\(result.removedSnapshots.joined(separator: ", "))) "
                + "and \(result.removedObjects) file(s) no kept snapshot uses.")
        }
        guard result.isClean else {
            for problem in result.problems {
                Terminal.note("PROBLEM \(problem.path) — \(problem.detail) — used by \(problem.refs.joined(separator: ", "))")
            }
            Terminal.note("\(result.problems.count) file(s) need attention: run `densho verify` and restore them from a backup.")
            throw ExitCode(1)
        }
    }
}

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the database and re-hash the original videos, or (with DIR) a backup's snapshot; exits 1 on any problem.",
        discussion: """
            Without DIR: PRAGMA integrity_check and foreign_key_check, every clip's original and proposal photo present,
            their bytes against their SHA-256, and originals no record uses. With DIR: the snapshot's database against
            its checksum and every file of its manifest. --sample 5 (or 5%) re-hashes a random 5 % of the files per run.
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp("A backup folder to check instead of the data folder.", valueName: "dir"), completion: .directory)
    var directory: String?
    @Option(help: ArgumentHelp("Percent of the files to re-hash, chosen at random (default: all).", valueName: "percent"))
    var sample: String = "100"
    @Option(help: "Snapshot to check in DIR (default: the latest).") var snapshot: String?

    var samplePercent: Double? {
        let text = sample.trimmingCharacters(in: .whitespaces)
        guard let value = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(value) else { return nil }
        return value
    }

    func validate() throws {
        guard samplePercent != nil else { throw ValidationError("--sample takes a percent from 0 to 100 (5 or 5%)") }
        if snapshot != nil && directory == nil { throw ValidationError("--snapshot needs the backup folder DIR") }
    }

    func run() async throws {
        let percent = samplePercent ?? 100
        let bar = ByteProgress("verify (MiB)")
        let report: VerifyReport
        do {
            if let directory {
                report = try await Verifier.verifyBackup(dir: directory, snapshot: snapshot, sample: percent) { done, total in
                    bar.update(done: done, total: total)
                }
            } else {
                let context = try CLIContext(options)
                let started = Date()
                report = try await Verifier.verifyData(
                    store: context.store, library: MediaLibrary(root: options.resolvedDataDirectory), sample: percent
                ) { done, total in bar.update(done: done, total: total) }
                _ = try? await context.store.recordBackupRun(BackupRun(
                    kind: .verify, startedAt: started.timeIntervalSince1970, finishedAt: Date().timeIntervalSince1970, ok: report.isClean,
                    stamp: nil, files: report.filesChecked, bytesCopied: 0, problems: report.problemCount,
                    message: String(report.text.prefix(4000))))
            }
        } catch {
            bar.abandon()
            throw error
        }
        bar.finish()
        if options.format == .json {
            Output(format: .json).printJSON(report)
        } else {
            print(report.text)
        }
        guard report.isClean else { throw ExitCode(1) }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Rebuild a data folder from a backup snapshot, queue the renditions to be remade, and verify it.",
        discussion: """
            The target folder must be new or empty. Afterwards run `densho worker --until-empty` (or start
            `densho serve --data-dir NEW`) so every clip's renditions are made again from its original.
            """)

    @Argument(help: ArgumentHelp("Backup folder.", valueName: "dir"), completion: .directory) var directory: String
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("The new data folder (new or empty).", valueName: "dir"))
    var dataDirectory: String
    @Option(help: "Snapshot to restore (default: the latest).") var snapshot: String?

    func run() async throws {
        let bar = ByteProgress("restore (MiB)")
        let result: Restorer.Result
        do {
            result = try await Restorer.restore(from: directory, snapshot: snapshot, to: dataDirectory) { done, total in
                bar.update(done: done, total: total)
            }
        } catch {
            bar.abandon()
            throw error
        }
        bar.finish()
        print("Restored snapshot \(result.stamp) into \(result.dataDirectory): \(result.files) file(s), "
            + String(format: "%.1f MB.", Double(result.bytes) / 1_000_000))
        print("\(result.requeued) clip(s) queued to have their renditions made again: run `densho worker --until-empty --data-dir \(result.dataDirectory)` or start `densho serve`.")
        print(result.report.text)
        guard result.report.isClean else { throw ExitCode(1) }
    }
}
