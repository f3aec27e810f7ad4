import DenshoBackup
import DenshoDomain
import DenshoMedia
import Foundation
import Logging
import ServiceLifecycle

/// What the recorded runs say about backups: the last good one, the last attempt, the last verify.
public struct BackupStatus: Sendable {
    public var lastGood: BackupRun?
    public var lastBackup: BackupRun?
    public var lastVerify: BackupRun?

    /// Two days: one nightly backup may fail without an alarm, two may not.
    public static let maximumAge: Double = 2 * 86400

    public init(runs: [BackupRun]) {
        let sorted = runs.sorted { ($0.finishedAt ?? $0.startedAt) > ($1.finishedAt ?? $1.startedAt) }
        lastGood = sorted.first { $0.kind == .backup && $0.ok }
        lastBackup = sorted.first { $0.kind == .backup }
        lastVerify = sorted.first { $0.kind == .verify }
    }

    public static func read(_ store: any DenshoRepository) async throws -> BackupStatus {
        BackupStatus(runs: try await store.lastBackupRuns(limit: 50))
    }

    /// Seconds since the last good backup finished.
    public func age(now: Date = Date()) -> Double? {
        lastGood.map { now.timeIntervalSince1970 - ($0.finishedAt ?? $0.startedAt) }
    }

    /// The last verify found missing or damaged files, or a database problem.
    public var verifyFoundProblems: Bool { lastVerify.map { !$0.ok } ?? false }

    /// `yyyy/MM/dd HH:mm` in Japan.
    public static func clock(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        formatter.dateFormat = "yyyy/MM/dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}

/// Nightly backups beside the web server (`densho serve --backup-dir`): a snapshot at the chosen
/// time, then a sampled verify of the data folder and of the snapshot, each recorded as a run.
/// Every hour it also looks whether the last good backup is older than two days or the last verify
/// found a problem, and then tells the admins (once a day).
public struct BackupService: Service {
    public struct Options: Sendable {
        public var directory: String
        public var keep: Int
        public var hour: Int
        public var minute: Int
        public var timeZone: TimeZone
        /// Percent of the originals re-hashed after each backup.
        public var verifySample: Double

        public init(directory: String, keep: Int = 7, hour: Int = 2, minute: Int = 30,
                    timeZone: TimeZone = TimeZone(identifier: "Asia/Tokyo")!, verifySample: Double = 5) {
            self.directory = directory
            self.keep = keep
            self.hour = hour
            self.minute = minute
            self.timeZone = timeZone
            self.verifySample = verifySample
        }

        /// `HH:MM` (00:00–23:59), or nil.
        public static func time(_ text: String) -> (hour: Int, minute: Int)? {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
            else { return nil }
            return (hour, minute)
        }
    }

    public let store: any DenshoRepository
    public let library: MediaLibrary
    public let options: Options
    public let logger: Logger

    public init(store: any DenshoRepository, library: MediaLibrary, options: Options, logger: Logger) {
        self.store = store
        self.library = library
        self.options = options
        self.logger = logger
    }

    public func run() async throws {
        let started = Date()
        var next = Self.nextRun(after: started, hour: options.hour, minute: options.minute, timeZone: options.timeZone)
        logger.info("nightly backups to \(options.directory), next at \(next)")
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if Date() >= next {
                // A shutdown stops the copy between two files; the half-made snapshot is removed.
                let service = self
                await cancelWhenGracefulShutdown { await service.runOnce() }
                next = Self.nextRun(after: Date(), hour: options.hour, minute: options.minute, timeZone: options.timeZone)
            }
            await alertIfNeeded(serviceStarted: started)
            let pause = max(1, min(next.timeIntervalSinceNow, 3600))
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(pause)) }
        }
    }

    /// One backup and the sampled verify after it, recorded. Failures are logged and recorded, never thrown.
    public func runOnce() async {
        let started = Date()
        var stamp: String?
        do {
            let result = try await Snapshotter(store: store, library: library).backup(to: options.directory, keep: options.keep)
            stamp = result.stamp
            try await store.recordBackupRun(BackupRun(
                kind: .backup, startedAt: started.timeIntervalSince1970, finishedAt: Date().timeIntervalSince1970, ok: result.isClean,
                stamp: result.stamp, files: result.files, bytesCopied: result.bytesCopied, problems: result.problems.count,
                message: result.problems.map { "\($0.path): \($0.detail) (\($0.refs.joined(separator: ", ")))" }.joined(separator: "\n")))
            logger.info("backup \(result.stamp): \(result.files) file(s), \(result.filesCopied) new, \(result.problems.count) problem(s)")
        } catch {
            logger.error("backup to \(options.directory) failed: \(error)")
            _ = try? await store.recordBackupRun(BackupRun(
                kind: .backup, startedAt: started.timeIntervalSince1970, finishedAt: Date().timeIntervalSince1970, ok: false,
                stamp: nil, files: 0, bytesCopied: 0, problems: 0, message: "\(error)"))
        }
        guard !Task.isCancelled else { return }  // shutting down: the verify waits for the next night
        let verifyStarted = Date()
        do {
            let data = try await Verifier.verifyData(store: store, library: library, sample: options.verifySample)
            var problems = data.problemCount
            var lines = data.isClean ? [] : [data.text]
            var files = data.filesChecked
            if let stamp {
                let snapshot = try await Verifier.verifyBackup(dir: options.directory, snapshot: stamp, sample: options.verifySample)
                problems += snapshot.problemCount
                files += snapshot.filesChecked
                if !snapshot.isClean { lines.append(snapshot.text) }
            }
            try await store.recordBackupRun(BackupRun(
                kind: .verify, startedAt: verifyStarted.timeIntervalSince1970, finishedAt: Date().timeIntervalSince1970, ok: problems == 0,
                stamp: stamp, files: files, bytesCopied: 0, problems: problems, message: String(lines.joined(separator: "\n").prefix(8000))))
            if problems > 0 { logger.error("verify found \(problems) problem(s)", metadata: ["report": "\(lines.joined(separator: "\n"))"]) }
        } catch {
            logger.error("verify failed: \(error)")
            _ = try? await store.recordBackupRun(BackupRun(
                kind: .verify, startedAt: verifyStarted.timeIntervalSince1970, finishedAt: Date().timeIntervalSince1970, ok: false,
                stamp: stamp, files: 0, bytesCopied: 0, problems: 1, message: "\(error)"))
        }
    }

    /// Tells the admins when the last good backup is too old (or there has been none for as long
    /// since the service started) or the last verify found a problem: once a day at most.
    public func alertIfNeeded(serviceStarted: Date, now: Date = Date()) async {
        do {
            let status = try await BackupStatus.read(store)
            let age = status.age(now: now) ?? now.timeIntervalSince(serviceStarted)
            let stale = age > BackupStatus.maximumAge
            guard stale || status.verifyFoundProblems else { return }
            var params = ["due": status.lastGood.map { BackupStatus.clock($0.finishedAt ?? $0.startedAt) } ?? "—"]
            if status.verifyFoundProblems, let verify = status.lastVerify {
                params["title"] = "検証で\(verify.problems)件の問題 / verify found \(verify.problems) problem(s)."
            }
            let day = LocalDate(now).description
            let posted = try await store.postBackupAlert(params: params, dedupe: "backup-stale:\(day)")
            if posted > 0 { logger.warning("backup alert sent to \(posted) admin(s)") }
        } catch {
            logger.error("backup alert check failed: \(error)")
        }
    }

    /// The next `hour:minute` in `timeZone` strictly after `date`.
    public static func nextRun(after date: Date, hour: Int, minute: Int, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var components = calendar.dateComponents([.year, .month, .day], from: date)
        components.hour = hour
        components.minute = minute
        components.second = 0
        guard var candidate = calendar.date(from: components) else { return date.addingTimeInterval(86400) }
        if candidate <= date { candidate = calendar.date(byAdding: .day, value: 1, to: candidate) ?? candidate.addingTimeInterval(86400) }
        return candidate
    }
}
