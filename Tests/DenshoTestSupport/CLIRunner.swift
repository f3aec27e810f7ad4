import Foundation

/// Runs the built `densho` binary on a temporary data directory, as a user would.
public final class CLIRunner {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var output: String { stdout + stderr }
    }

    public let directory: URL
    public var environment: [String: String]

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        environment = ProcessInfo.processInfo.environment
        environment["DENSHO_DATA"] = directory.appendingPathComponent("data").path
        environment["DENSHO_TODAY"] = "2026-11-25"
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "DENSHO_COMPANY")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The `densho` executable next to the test bundle (or `$DENSHO_BIN`).
    public static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["DENSHO_BIN"] { return URL(fileURLWithPath: path) }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = url.appendingPathComponent("densho")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/densho")
    }()

    @discardableResult
    public func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @discardableResult
    public func run(_ words: String...) throws -> Result { try run(words) }

    /// Runs and requires success, returning standard output.
    @discardableResult
    public func ok(_ words: String...) throws -> String { try ok(words) }

    /// Runs and requires success, returning standard output.
    @discardableResult
    public func ok(_ words: [String]) throws -> String {
        let result = try run(words)
        guard result.status == 0 else {
            throw CLIFailure(message: "densho \(words.joined(separator: " ")) exited \(result.status): \(result.output)")
        }
        return result.stdout
    }

    public func file(_ name: String, _ data: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// Adds a rule to this runner's database that the files' own checks cannot know: a trigger
    /// refusing evaluations `where` (SQL on `NEW`) holds, to test imports the database refuses midway.
    public func refuseEvaluations(where condition: String) throws {
        let database = directory.appendingPathComponent("data/densho.sqlite").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, "CREATE TRIGGER refuse_rows BEFORE INSERT ON evaluation WHEN \(condition) "
            + "BEGIN SELECT RAISE(ABORT, 'row refused by this database'); END;"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLIFailure(message: "could not add the trigger") }
    }
}

public struct CLIFailure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension String {
    /// Lines of CLI output; CSV output ends lines with CRLF, which Swift reads as one Character.
    public var lineCount: Int { split(whereSeparator: \.isNewline).count }

}
