#if canImport(Glibc)
import Glibc
#endif
import DenshoTestSupport
import Foundation
import Testing

/// The data folder on a small tmpfs (CI runs as root and mounts one), filled up: a transcode,
/// an import and a backup that run out of space each fail with a clear message, leave no
/// partial file visible, and the database stays whole with everything written before.
@Suite("A full disk loses nothing", .serialized, .enabled(if: getuid() == 0, "mounting a tmpfs needs root (CI runs as root)"))
struct DiskFullTests {
    static func integrity(_ database: String) throws -> String {
        try PDFInspector.output("/usr/bin/sqlite3", [database, "PRAGMA integrity_check;"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func count(_ database: String, _ table: String) throws -> Int {
        Int(try PDFInspector.output("/usr/bin/sqlite3", [database, "SELECT count(*) FROM \(table);"])
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func transcodeImportAndBackupFailCleanlyAndTheDatabaseStaysWhole() throws {
        let disk = try SmallDisk(megabytes: 48)
        defer { disk.close() }
        let cli = try CLIRunner()
        let data = disk.path + "/data"
        cli.environment["DENSHO_DATA"] = data
        cli.environment["DENSHO_COMPANY"] = "hanawa"
        try cli.ok("demo")
        try cli.ok("clip", "add", try MediaFixtures.landscape(), "--title", "満杯テスト")
        let database = data + "/densho.sqlite"
        let evaluationsBefore = try Self.count(database, "evaluation")
        // An export to edit (kept off the small disk), every empty note filled: thousands of new rows.
        let exported = cli.directory.appendingPathComponent("評価.csv").path
        try cli.ok("export", "evaluations", "-o", exported)
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        let note = String(repeating: "ディスク満杯の試験で書き足した長いメモ。", count: 4)
        let edited = text.split(separator: "\r\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset > 0 && $0.element.hasSuffix(",") ? $0.element + note : String($0.element) }.joined(separator: "\r\n")
        let editedPath = try cli.file("edited.csv", Data(edited.utf8))
        try cli.ok("eval", "add", "1005", "L01", "3", "--by", "1001")  // acknowledged before the disk fills
        let acknowledged = try Self.count(database, "evaluation")

        try disk.fill(leaving: 384 << 10)

        // Transcode: the rendition does not fit; the job says why, in Japanese, and leaves nothing half-written.
        let worker = try cli.run("worker", "--until-empty", "--backoff", "0")
        #expect(worker.status == 0, "\(worker.output)")
        let clips = try JSONSerialization.jsonObject(with: Data(cli.ok("clip", "list", "--format", "json").utf8)) as! [[String: Any]]
        let clip = try #require(clips.first { $0["title"] as? String == "満杯テスト" })
        #expect(clip["status"] as? String != "視聴可")
        #expect((clip["reason"] as? String)?.contains("ディスクの空き容量が足りません") == true, "\(clip)")
        let renditions = data + "/renditions/\(clip["id"] as! Int)"
        let left = (try? FileManager.default.contentsOfDirectory(atPath: renditions)) ?? []
        #expect(!left.contains { $0.hasSuffix(".mp4") || $0.hasSuffix(".partial") }, "\(left)")

        // Import: refused whole, with a message that says the disk is full and nothing was written.
        let imported = try cli.run("import", "evaluations", editedPath)
        #expect(imported.status != 0)
        #expect(imported.stderr.contains("disk holding the data folder is full: nothing was written"), "\(imported.output)")
        #expect(try Self.count(database, "evaluation") == acknowledged)

        // Backup onto the full disk: refused, no backup file and no temporary left.
        let backup = disk.path + "/backup.sqlite"
        let backedUp = try cli.run("backup", backup)
        #expect(backedUp.status != 0)
        #expect(backedUp.stderr.contains("is full: nothing was written; free some space"), "\(backedUp.output)")
        #expect(!FileManager.default.fileExists(atPath: backup))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0.hasPrefix(".densho-backup") }.isEmpty)

        // Everything acknowledged is there, and the file is whole.
        #expect(try Self.integrity(database) == "ok")
        #expect(try Self.count(database, "evaluation") == acknowledged)
        #expect(acknowledged == evaluationsBefore + 1)

        // Space freed: the same import goes through.
        try FileManager.default.removeItem(atPath: disk.path + "/filler")
        try cli.ok("import", "evaluations", editedPath)
        #expect(try Self.count(database, "evaluation") > acknowledged)
        #expect(try Self.integrity(database) == "ok")
    }
}
