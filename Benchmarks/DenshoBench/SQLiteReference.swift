import Foundation

/// Runs SQL through the `sqlite3` command-line tool, the reference for query timings: rows go to
/// /dev/null and `.timer on` reports each statement's own run time, so process start-up is excluded.
enum SQLiteReference {
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") }

    /// Median run time of `sql` executed `runs` times (after one warm-up) on the database at `path`.
    static func median(path: String, sql: String, parameters: [String] = [], runs: Int) throws -> Double {
        var script = ".output /dev/null\n"
        for (index, value) in parameters.enumerated() { script += ".parameter set ?\(index + 1) \(value)\n" }
        script += sql + ";\n.timer on\n"
        script += String(repeating: sql + ";\n", count: runs)
        let times = try run(path: path, script: script)
        guard times.count == runs else { throw BenchError("sqlite3 reported \(times.count) timings for \(runs) runs") }
        return times.sorted()[times.count / 2]
    }

    /// Total wall time of a script (for imports, where the work is several statements).
    static func wallTime(path: String, script: String) throws -> Double {
        let start = ContinuousClock.now
        _ = try run(path: path, script: script)
        return (ContinuousClock.now - start).seconds
    }

    /// `3.40.1`: the SQLite library both sides use.
    static func version() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["--version"]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return "?" }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: " ").first.map(String.init) ?? "?"
    }

    static func run(path: String, script: String) throws -> [Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-bail", path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("sqlite3 failed: \(text)") }
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Run Time: real ") else { return nil }
            return Double(line.dropFirst("Run Time: real ".count).split(separator: " ")[0])
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
