import Foundation

/// `densho-media`, the one executable that links FFmpeg's libraries. Everything that decodes or
/// encodes runs in it as a child process: a crashing or runaway decoder ends only that child, and
/// `densho` itself starts without loading libav and its 160 dependent libraries (a tenth of a
/// second for every command, measured in the backup bench).
public enum MediaTool {
    public static let executableName = "densho-media"

    /// Beside the running executable, where `swift build` and an install put both; the
    /// environment variable `DENSHO_MEDIA` names another.
    public static var path: String {
        if let custom = ProcessInfo.processInfo.environment["DENSHO_MEDIA"], !custom.isEmpty { return custom }
        #if os(Linux)
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        #else
        let running = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        #endif
        return running.deletingLastPathComponent().appendingPathComponent(executableName).path
    }

    /// A child that will run `densho-media` with `arguments`.
    public static func process(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        return process
    }

    /// Runs `densho-media` with `arguments` to its end and returns what it wrote on standard
    /// output; `progress` is told each `progress` line as it comes. A failure it reported comes
    /// back as that `MediaError`; a crash or a missing tool as `MediaError.internalError`.
    public static func run(_ arguments: [String], progress: (@Sendable (Double) -> Void)? = nil) async throws -> Data {
        let process = process(arguments)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw MediaError(.internalError, "cannot start \(path): \(error)")
        }
        let report = WorkerProtocol.Report()
        let data: Data = await withCheckedContinuation { continuation in
            // Read on a thread of its own: a child writing more than a pipe holds must not wait on us.
            Thread {
                var data = Data()
                while let chunk = try? output.fileHandleForReading.read(upToCount: 64 << 10), !chunk.isEmpty {
                    data.append(chunk)
                    report.consume(chunk)
                    progress?(report.current.progress)
                }
                process.waitUntilExit()
                continuation.resume(returning: data)
            }.start()
        }
        if process.terminationReason == .exit, process.terminationStatus == 0 { return data }
        if let failure = report.current.failure {
            throw MediaError(MediaError.Kind(rawValue: failure.kind) ?? .internalError, failure.message)
        }
        throw MediaError(.internalError, "\(executableName) \(arguments.first ?? "") ended with status \(process.terminationStatus)")
    }
}
