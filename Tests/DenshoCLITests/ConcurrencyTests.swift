import DenshoTestSupport
import Foundation
import Testing

@Suite("Several processes on one database")
struct ConcurrencyTests {
    /// Two shells each record evaluations through the CLI at the same time; every write lands.
    @Test func twoProcessesWriteConcurrently() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let before = try cli.ok("--company", "oyu", "eval", "list", "--format", "csv").lineCount
        let script = """
            for i in $(seq 1 25); do "$DENSHO" --company oyu eval add "$1" L01 2 --note "writer $1 #$i" >/dev/null || exit 1; done
            """
        let writers = try ["1001", "1002"].map { number -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", script, "writer", number]
            var env = cli.environment
            env["DENSHO"] = CLIRunner.binary.path
            p.environment = env
            try p.run()
            return p
        }
        // Meanwhile, a backup from a third process must be a consistent copy.
        let backup = cli.directory.appendingPathComponent("during.sqlite").path
        _ = try cli.ok("backup", backup)
        for writer in writers { writer.waitUntilExit() }
        #expect(writers.allSatisfy { $0.terminationStatus == 0 })
        let after = try cli.ok("--company", "oyu", "eval", "list", "--format", "csv").lineCount
        #expect(after == before + 50)
        var copy = cli.environment
        copy["DENSHO_DATA"] = cli.directory.appendingPathComponent("restored").path
        try FileManager.default.createDirectory(atPath: copy["DENSHO_DATA"]!, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: backup, toPath: copy["DENSHO_DATA"]! + "/densho.sqlite")
        cli.environment = copy
        let restored = try cli.ok("--company", "oyu", "eval", "list", "--format", "csv").lineCount
        #expect((before...(before + 50)).contains(restored))
    }
}
