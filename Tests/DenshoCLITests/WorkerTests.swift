import DenshoTestSupport
import Foundation
import Testing

@Suite("Clip library and worker (built binary, real libav)", .serialized)
struct WorkerTests {
    static func clips(_ cli: CLIRunner) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(cli.ok("clip", "list", "--format", "json").utf8)) as! [[String: Any]]
    }

    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }

    /// Bytes written so far into the temporary (`.name.partial`) files of a rendition directory.
    static func partialBytes(in directory: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix(".") && $0.hasSuffix(".partial") }.reduce(0) { total, name in
            let size = try? URL(fileURLWithPath: directory + "/" + name).resourceValues(forKeys: [.fileSizeKey]).fileSize
            return total + (size ?? 0)
        }
    }

    @Test func goodAndBadClipsEachEndReadyOrFailedWithAReason() throws {
        let cli = try CLIRunner()
        cli.environment["DENSHO_COMPANY"] = "oyu"
        try cli.ok("demo")
        let inputs = [try MediaFixtures.landscape(), try MediaFixtures.randomBytes(), try MediaFixtures.audioOnly(),
                      try MediaFixtures.raw("empty.mov", Data()), try MediaFixtures.hardCuts()]
        let hashes = try inputs.map(Self.sha256)
        try cli.ok(["clip", "add"] + inputs + ["--tag", "研修", "--skill", "L01", "--by", "1001"])
        #expect(try cli.ok("clip", "add", inputs[0]).contains("already in the library"))
        let worker = try cli.run("worker", "--until-empty", "--backoff", "0")
        #expect(worker.status == 0, "\(worker.stderr)")
        let byTitle = Dictionary(uniqueKeysWithValues: try Self.clips(cli).map { ($0["title"] as! String, $0) })
        #expect(byTitle["landscape"]?["status"] as? String == "視聴可")
        #expect(byTitle["cuts"]?["status"] as? String == "視聴可")
        for bad in ["random", "audio", "empty"] {
            #expect(byTitle[bad]?["status"] as? String == "失敗")
            #expect((byTitle[bad]?["reason"] as? String)?.isEmpty == false)
        }
        #expect((byTitle["audio"]?["reason"] as? String)?.contains("映像が入っていません") == true)
        #expect(try inputs.map(Self.sha256) == hashes, "originals are never modified")
        let originals = try FileManager.default.subpathsOfDirectory(atPath: cli.environment["DENSHO_DATA"]! + "/originals")
            .filter { $0.hasSuffix(".mp4") || $0.hasSuffix(".m4a") || $0.hasSuffix(".mov") }
        #expect(originals.count == 5)
        let found = try cli.ok("search", "研修")
        #expect(found.contains("landscape"))
    }

    /// The original is stored once, but another company's renditions are never reused: a clip
    /// ready at once would tell its uploader that someone else holds the same file.
    @Test func theSameOriginalInAnotherCompanyIsProcessedAgain() throws {
        let cli = try CLIRunner()
        try cli.ok("demo")
        let clip = try MediaFixtures.landscape()
        try cli.ok("--company", "oyu", "clip", "add", clip, "--title", "研修A")
        try cli.ok("--company", "hanawa", "clip", "add", clip, "--title", "研修B")
        let worker = try cli.run("worker", "--until-empty")
        #expect(worker.status == 0, "\(worker.stderr)")
        let data = cli.environment["DENSHO_DATA"]!
        var inodes: [String] = []
        for id in [1, 2] {
            let files = try FileManager.default.contentsOfDirectory(atPath: "\(data)/renditions/\(id)")
            #expect(Set(files).isSuperset(of: ["clip.mp4", "manifest.json", "poster.jpg"]))
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(data)/renditions/\(id)/clip.mp4")
            inodes.append(attributes[.systemFileNumber].map { "\($0)" } ?? "")
        }
        #expect(!inodes[0].isEmpty && inodes[0] != inodes[1], "each company's clip has renditions of its own, not hard links to the other's")
        #expect(try cli.ok("--company", "hanawa", "clip", "list").contains("視聴可"))
        // Each company still sees only its own clip.
        #expect(try cli.run("--company", "hanawa", "clip", "show", "1").status != 0)
    }

    @Test func killedMidTranscodeIsRetriedAndNothingPartialIsVisible() throws {
        let cli = try CLIRunner()
        cli.environment["DENSHO_COMPANY"] = "oyu"
        try cli.ok("demo")
        try cli.ok("clip", "add", try MediaFixtures.long(), "--title", "長い動画")
        let worker = Process()
        worker.executableURL = CLIRunner.binary
        worker.arguments = ["worker", "--until-empty", "--backoff", "3"]
        worker.environment = cli.environment
        let log = Pipe()
        worker.standardError = log
        worker.standardOutput = FileHandle.nullDevice
        try worker.run()
        // Wait for the child to start, then let it work a little and kill it outright.
        var text = ""
        var childPID: Int32?
        while childPID == nil {
            let chunk = log.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: #"pid (\d+)"#, options: .regularExpression) {
                childPID = Int32(text[range].dropFirst(4))
            }
        }
        let pid = try #require(childPID, "worker log: \(text)")
        // Kill it mid-transcode: once it has written part of the MP4 under its temporary name.
        let renditions = cli.environment["DENSHO_DATA"]! + "/renditions/1"
        let transcoding = waitUntil(timeout: .seconds(60)) { Self.partialBytes(in: renditions) > 0 }
        try #require(transcoding, "the child never started writing into \(renditions)")
        #expect(kill(pid, SIGKILL) == 0, "the child was gone before it could be killed (the clip is too short to catch it working)")
        // The worker notices and puts the job back in the queue (the clip waits again) until the backoff has passed.
        let requeued = waitUntil(timeout: .seconds(30)) {
            (try? cli.ok("clip", "show", "1", "--format", "json"))?.contains("\"status\" : \"uploaded\"") == true
        }
        try #require(requeued, "the killed attempt was never put back in the queue")
        // Between attempts: the killed attempt left nothing a player could pick up.
        let visible = ((try? FileManager.default.contentsOfDirectory(atPath: renditions)) ?? []).filter { !$0.hasPrefix(".") }
        #expect(visible.isEmpty, "visible after the kill: \(visible)")
        worker.waitUntilExit()
        text += String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(worker.terminationStatus == 0, "the worker itself survives: \(text)")
        #expect(text.contains("will retry") && text.contains("signal 9"))
        let show = try cli.ok("clip", "show", "1", "--format", "json")
        #expect(show.contains("\"status\" : \"ready\""))
        let left = try FileManager.default.contentsOfDirectory(atPath: renditions)
        #expect(left.allSatisfy { !$0.hasSuffix(".partial") }, "\(left)")
        #expect(Set(left).isSuperset(of: ["clip.mp4", "manifest.json", "poster.jpg", "storyboard.vtt", "storyboard-1.jpg"]))
    }
}
