#if canImport(Glibc)
import Glibc
#endif
import DenshoTestSupport
import Foundation
import Testing

/// The backup disk fills up, or the backup is killed mid-copy: the previous snapshot stays whole,
/// `LATEST` still names it, and a restore from it works.
@Suite("A full backup disk or a killed backup leaves the previous snapshot intact", .serialized)
struct BackupFailureTests {
    static func size(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    static func leftovers(_ backup: String) -> [String] {
        BackupHelpers.files(backup).filter {
            $0.contains(".partial") || ($0 as NSString).lastPathComponent.hasPrefix(".tmp-")
        }
    }

    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root (CI runs as root)"))
    func aFullBackupDiskFailsClearlyAndThePreviousSnapshotRestores() throws {
        let cli = try CLIRunner()
        try BackupHelpers.dataWithClips(cli)
        let data = cli.environment["DENSHO_DATA"]!
        let needed = BackupHelpers.files(data + "/originals").reduce(Int64(0)) { $0 + Self.size(data + "/originals/" + $1) }
            + Self.size(data + "/densho.sqlite") + Self.size(data + "/densho.sqlite-wal")
        let disk: SmallDisk
        do {
            disk = try SmallDisk(megabytes: Int(needed >> 20) + 4)
        } catch {
            print("skipped: cannot mount a tmpfs here (\(error))")
            return
        }
        defer { disk.close() }
        let backup = disk.path + "/backup"
        let first = try cli.run("backup", backup)
        #expect(first.status == 0, "\(first.output)")
        let stamp = try BackupHelpers.latest(backup)
        let before = try BackupHelpers.exports(cli)

        try cli.ok("clip", "add", try MediaFixtures.long(), "--title", "長い動画")
        try disk.fill(leaving: 256 << 10)
        Thread.sleep(forTimeInterval: 1.1)
        let full = try cli.run("backup", backup)
        #expect(full.status != 0)
        #expect(full.stderr.contains("the backup disk is full"), "\(full.output)")
        #expect(full.stderr.contains("the previous snapshot \(stamp) is intact"), "\(full.output)")
        #expect(try BackupHelpers.latest(backup) == stamp)
        #expect(try FileManager.default.contentsOfDirectory(atPath: backup + "/snapshots") == [stamp])
        #expect(Self.leftovers(backup).isEmpty, "\(Self.leftovers(backup))")
        let verify = try cli.run("verify", backup)
        #expect(verify.status == 0, "\(verify.output)")

        let restored = cli.directory.appendingPathComponent("restored").path
        let restore = try cli.run("restore", backup, "--data-dir", restored)
        #expect(restore.status == 0, "\(restore.output)")
        cli.environment["DENSHO_DATA"] = restored
        #expect(try BackupHelpers.exports(cli) == before)
        #expect(try BackupHelpers.clips(cli).count == 2)
    }

    @Test func aBackupKilledMidCopyLeavesThePreviousSnapshotUsable() throws {
        let cli = try CLIRunner()
        try BackupHelpers.dataWithClips(cli)
        let backup = cli.directory.appendingPathComponent("backup").path
        try cli.ok("backup", backup)
        let stamp = try BackupHelpers.latest(backup)

        // A big original (not a video: stored all the same, its processing fails), slow enough to copy.
        var bytes = Data(count: 64 << 20)
        bytes.replaceSubrange(0..<36, with: Data(UUID().uuidString.utf8))
        let big = try cli.file("big.mov", bytes)
        try cli.ok("clip", "add", big, "--title", "大きい動画")
        Thread.sleep(forTimeInterval: 1.1)

        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["backup", backup]
        process.environment = cli.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var caught = false
        while process.isRunning, Date() < deadline {
            let objects = (try? FileManager.default.contentsOfDirectory(atPath: backup + "/objects")) ?? []
            if objects.contains(where: { $0.hasPrefix(".tmp-") }) {
                caught = true
                break
            }
            usleep(200)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(caught, "the backup was killed while it copied an original")
        if process.terminationReason == .uncaughtSignal {
            #expect(try BackupHelpers.latest(backup) == stamp)
        }
        // Whatever LATEST names is whole, and so is the snapshot before.
        #expect(try cli.run("verify", backup).status == 0)
        #expect(try cli.run("verify", backup, "--snapshot", stamp).status == 0)
        let restored = cli.directory.appendingPathComponent("restored").path
        let restore = try cli.run("restore", backup, "--data-dir", restored, "--snapshot", stamp)
        #expect(restore.status == 0, "\(restore.output)")

        // The next backup clears what the killed one left and completes.
        Thread.sleep(forTimeInterval: 1.1)
        let next = try cli.run("backup", backup)
        #expect(next.status == 0, "\(next.output)")
        #expect(Self.leftovers(backup).isEmpty, "\(Self.leftovers(backup))")
        #expect(try cli.run("verify", backup).status == 0)
    }
}
