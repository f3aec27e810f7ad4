#if canImport(Glibc)
import Glibc
#endif
import DenshoBackup
import DenshoMedia
import DenshoStore
import DenshoTestSupport
import Foundation
import Testing

struct BackupTestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Helpers shared by the backup tests: the built `densho` on a temporary data folder.
enum BackupHelpers {
    static func clips(_ cli: CLIRunner, data: String? = nil) throws -> [[String: Any]] {
        var arguments = ["clip", "list", "--format", "json"]
        if let data { arguments += ["--data-dir", data] }
        return try JSONSerialization.jsonObject(with: Data(cli.ok(arguments).utf8)) as! [[String: Any]]
    }

    static func sha256(_ path: String) throws -> String {
        String(try PDFInspector.output("/usr/bin/sha256sum", [path]).prefix(64))
    }

    /// Files under `directory` (relative paths), hidden ones included.
    static func files(_ directory: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    /// Object files of a backup folder.
    static func objects(_ backup: String) -> [String] {
        files(backup + "/objects").filter { !($0 as NSString).lastPathComponent.hasPrefix(".") }
    }

    static func latest(_ backup: String) throws -> String {
        try String(contentsOfFile: backup + "/LATEST", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The three CSV exports, which hold everything a 力量表 shows.
    static func exports(_ cli: CLIRunner) throws -> [String] {
        try ["employees", "skills", "evaluations"].map { try cli.ok("export", $0) }
    }

    /// A data folder with the oyu demo company and two small clips, processed.
    static func dataWithClips(_ cli: CLIRunner) throws {
        cli.environment["DENSHO_COMPANY"] = "oyu"
        try cli.ok("demo")
        try cli.ok("clip", "add", try MediaFixtures.landscape(), "--title", "段取り")
        try cli.ok("clip", "add", try MediaFixtures.hardCuts(), "--title", "急所")
        let worker = try cli.run("worker", "--until-empty", "--backoff", "0")
        guard worker.status == 0 else { throw BackupTestFailure(message: "worker: \(worker.output)") }
    }

    static func original(_ cli: CLIRunner, title: String) throws -> String {
        let data = cli.environment["DENSHO_DATA"]!
        guard let clip = try clips(cli).first(where: { $0["title"] as? String == title }), let id = clip["id"] as? Int else {
            throw BackupTestFailure(message: "no clip \(title)")
        }
        // The clip's original by its hash, read with the sqlite3 CLI (the store needs a company to read a clip).
        let row = try PDFInspector.output("/usr/bin/sqlite3", [data + "/densho.sqlite",
            "SELECT original_hash || '.' || original_extension FROM clip WHERE id = \(id);"]).trimmingCharacters(in: .whitespacesAndNewlines)
        return data + "/originals/\(row.prefix(2))/\(row)"
    }
}

@Suite("Backups keep the videos (built binary, real files and SQLite)", .serialized)
struct BackupDrillTests {
    /// The restore drill: demo with processed clips → backup → wipe → restore → the same exports,
    /// every clip queued and then made ready again, verify clean.
    @Test func backupWipeRestoreGivesTheSameDataAndClipsPlayAgain() throws {
        let cli = try CLIRunner()
        cli.environment["DENSHO_COMPANY"] = "oyu"
        try cli.ok("demo", "--clips")
        let worker = try cli.run("worker", "--until-empty", "--backoff", "0")
        #expect(worker.status == 0, "\(worker.output)")
        let data = cli.environment["DENSHO_DATA"]!
        let before = try BackupHelpers.exports(cli)
        let clipsBefore = try BackupHelpers.clips(cli)
        #expect(!clipsBefore.isEmpty && clipsBefore.allSatisfy { $0["status"] as? String == "視聴可" }, "\(clipsBefore)")
        let originalsBefore = BackupHelpers.files(data + "/originals")

        let backup = cli.directory.appendingPathComponent("backup").path
        let backedUp = try cli.run("backup", backup)
        #expect(backedUp.status == 0, "\(backedUp.output)")
        #expect(FileManager.default.fileExists(atPath: backup + "/densho-backup.json"))
        let stamp = try BackupHelpers.latest(backup)
        #expect(FileManager.default.fileExists(atPath: backup + "/snapshots/\(stamp)/manifest.json"))
        #expect(FileManager.default.fileExists(atPath: backup + "/snapshots/\(stamp)/densho.sqlite"))
        #expect(BackupHelpers.objects(backup).count == originalsBefore.count)
        #expect(try cli.run("verify", backup).status == 0)

        // The disk dies.
        try FileManager.default.removeItem(atPath: data)
        let restored = cli.directory.appendingPathComponent("restored").path
        let restore = try cli.run("restore", backup, "--data-dir", restored)
        #expect(restore.status == 0, "\(restore.output)")
        #expect(restore.stdout.contains("OK: no problem found"), "\(restore.output)")
        cli.environment["DENSHO_DATA"] = restored

        #expect(try BackupHelpers.exports(cli) == before)
        #expect(BackupHelpers.files(restored + "/originals") == originalsBefore)
        let queued = try BackupHelpers.clips(cli)
        #expect(queued.count == clipsBefore.count)
        #expect(queued.allSatisfy { $0["status"] as? String == "処理待ち" }, "every clip waits for its renditions: \(queued)")
        #expect(!FileManager.default.fileExists(atPath: restored + "/renditions"))

        // A refused second restore into the same, now full, folder.
        let again = try cli.run("restore", backup, "--data-dir", restored)
        #expect(again.status != 0)
        #expect(again.stderr.contains("the target folder is not empty"), "\(again.output)")

        let rebuild = try cli.run("worker", "--until-empty", "--backoff", "0")
        #expect(rebuild.status == 0, "\(rebuild.output)")
        let after = try BackupHelpers.clips(cli)
        #expect(after.allSatisfy { $0["status"] as? String == "視聴可" }, "\(after)")
        for clip in after {
            #expect(FileManager.default.fileExists(atPath: restored + "/renditions/\(clip["id"] as! Int)/clip.mp4"))
        }
        let verify = try cli.run("verify")
        #expect(verify.status == 0, "\(verify.output)")
    }

    /// Content addressing: the second backup copies only the original that is new.
    @Test func aSecondBackupCopiesOnlyNewOriginals() throws {
        let cli = try CLIRunner()
        try BackupHelpers.dataWithClips(cli)
        let backup = cli.directory.appendingPathComponent("backup").path
        let first = try cli.ok("backup", backup)
        #expect(first.contains("2 file(s), 2 new"), "\(first)")
        let objects = BackupHelpers.objects(backup)
        let modified = try objects.map { try FileManager.default.attributesOfItem(atPath: backup + "/objects/" + $0)[.modificationDate] as? Date }

        try cli.ok("clip", "add", try MediaFixtures.portrait(), "--title", "縦の動画")
        Thread.sleep(forTimeInterval: 1.1)  // a snapshot of its own second
        let second = try cli.ok("backup", backup)
        #expect(second.contains("3 file(s), 1 new"), "\(second)")
        let now = BackupHelpers.objects(backup)
        #expect(now.count == 3)
        #expect(Set(objects).isSubset(of: Set(now)))
        let modifiedAfter = try objects.map { try FileManager.default.attributesOfItem(atPath: backup + "/objects/" + $0)[.modificationDate] as? Date }
        #expect(modifiedAfter == modified, "objects already there are not written again")
        #expect(try FileManager.default.contentsOfDirectory(atPath: backup + "/snapshots").count == 2)

        // --keep 1: the older snapshot goes; every object is still named by the kept one.
        Thread.sleep(forTimeInterval: 1.1)
        let third = try cli.ok("backup", backup, "--keep", "1")
        #expect(third.contains("0 new"), "\(third)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: backup + "/snapshots").count == 1)
        #expect(BackupHelpers.objects(backup).count == 3)
        #expect(try cli.run("verify", backup).status == 0)
    }

    /// One original altered by a byte, another deleted: verify names both clips and fails; the
    /// next backup keeps the good copy of the altered one, byte for byte.
    @Test func damagedAndMissingOriginalsAreNamedAndTheGoodCopyIsKept() async throws {
        let cli = try CLIRunner()
        try BackupHelpers.dataWithClips(cli)
        let backup = cli.directory.appendingPathComponent("backup").path
        try cli.ok("backup", backup)
        #expect(try cli.run("verify").status == 0)
        let altered = try BackupHelpers.original(cli, title: "段取り")
        let deleted = try BackupHelpers.original(cli, title: "急所")
        let goodHash = try BackupHelpers.sha256(altered)
        let object = backup + "/objects/\(goodHash.prefix(2))/\(goodHash).mp4"
        #expect(FileManager.default.fileExists(atPath: object))

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: altered)
        let handle = try #require(FileHandle(forUpdatingAtPath: altered))
        try handle.seek(toOffset: 1000)
        let byte = try #require(try handle.read(upToCount: 1)).first!
        try handle.seek(toOffset: 1000)
        try handle.write(contentsOf: Data([byte ^ 0xFF]))
        try handle.close()
        try FileManager.default.removeItem(atPath: deleted)

        let verify = try cli.run("verify")
        #expect(verify.status == 1, "\(verify.output)")
        #expect(verify.stdout.contains("CORRUPT") && verify.stdout.contains("「段取り」"), "\(verify.stdout)")
        #expect(verify.stdout.contains("MISSING") && verify.stdout.contains("「急所」"), "\(verify.stdout)")

        // The same through the library: both clips named, not clean.
        let store = try SQLiteStore(dataDirectory: cli.environment["DENSHO_DATA"]!)
        let report = try await Verifier.verifyData(store: store, library: MediaLibrary(root: cli.environment["DENSHO_DATA"]!))
        #expect(!report.isClean)
        #expect(report.corrupt.flatMap(\.refs).contains { $0.contains("段取り") })
        #expect(report.missing.flatMap(\.refs).contains { $0.contains("急所") })

        try await Task.sleep(for: .milliseconds(1100))
        let next = try cli.run("backup", backup)
        #expect(next.status == 1, "a missing original is reported: \(next.output)")
        #expect(next.stderr.contains("急所"), "\(next.stderr)")
        #expect(try BackupHelpers.sha256(object) == goodHash, "the good copy was not replaced by the damaged original")
        #expect(try cli.run("verify", backup).status == 0, "the new snapshot is whole: it keeps both earlier copies")

        // Restoring the latest snapshot brings both originals back intact.
        let restored = cli.directory.appendingPathComponent("restored").path
        let restore = try cli.run("restore", backup, "--data-dir", restored)
        #expect(restore.status == 0, "\(restore.output)")
    }

    @Test func sampledVerifyAndUnsupportedOptionsSpeakClearly() throws {
        let cli = try CLIRunner()
        try BackupHelpers.dataWithClips(cli)
        #expect(try cli.run("verify", "--sample", "50%").status == 0)
        #expect(try cli.run("verify", "--sample", "150").status != 0)
        let renditions = try cli.run("backup", cli.directory.appendingPathComponent("b").path, "--with-renditions")
        #expect(renditions.status != 0)
        #expect(renditions.stderr.contains("--with-renditions is not available yet"), "\(renditions.output)")
        // A folder holding something else is never written into.
        let other = cli.directory.appendingPathComponent("other").path
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: other + "/notes.txt"))
        let refused = try cli.run("backup", other)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("is not a Densho backup folder"), "\(refused.output)")
        // A disk that is not there (its mount folder missing): no folder is made in its place.
        let gone = try cli.run("backup", "/nonexistent-usb-disk/densho")
        #expect(gone.status != 0)
        #expect(gone.stderr.contains("cannot be written"), "\(gone.output)")
        // The old form still copies the database only.
        let file = cli.directory.appendingPathComponent("only.sqlite").path
        #expect(try cli.ok("backup", file).contains("Backed up"))
        #expect(FileManager.default.fileExists(atPath: file))
    }
}
