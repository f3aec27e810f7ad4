#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// How `densho-media` (the executable that links FFmpeg) talks to the `densho` that started it:
/// lines on standard output.
///
///     progress 0.425
///     failed unreadable not a readable media file: Invalid data found when processing input
///     done
///
/// Anything else (a crash, a kill, a time-out) is read from the exit status.
public enum WorkerProtocol {
    /// Exit status of a child that failed with a `MediaError` it reported.
    public static let mediaErrorExit: Int32 = 3

    private static let lastReport = Mutex(ContinuousClock.now - .seconds(1))

    public static func reportProgress(_ fraction: Double) {
        let now = ContinuousClock.now
        let due = lastReport.withLock { last in
            guard now - last >= .milliseconds(250) else { return false }
            last = now
            return true
        }
        if due { emit(String(format: "progress %.3f", fraction)) }
    }

    public static func reportDone() { emit("done") }

    public static func reportFailure(_ error: MediaError) {
        emit("failed \(error.kind.rawValue) " + error.reason.replacingOccurrences(of: "\n", with: " "))
    }

    public static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Caps the child's address space, so a decoder gone wild is stopped by the kernel, not the machine.
    public static func limitMemory(megabytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(megabytes) << 20, rlim_max: rlim_t(megabytes) << 20)
        #if os(Linux)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        #else
        setrlimit(RLIMIT_AS, &limit)
        #endif
    }

    /// Kinds of failure that another attempt cannot fix: the input itself is bad.
    public static func isFinal(_ kind: String) -> Bool {
        [MediaError.Kind.unreadable, .noVideo, .unsupportedCodec, .corrupt].map(\.rawValue).contains(kind)
    }

    /// What a child said, read line by line as its output arrives.
    public final class Report: Sendable {
        public struct State: Sendable {
            public var progress = 0.0
            public var failure: (kind: String, message: String)?
            public var done = false
            var buffer = ""
        }

        private let state = Mutex(State())

        public init() {}

        public var current: State { state.withLock { $0 } }

        public func consume(_ data: Data) {
            state.withLock { state in
                state.buffer += String(decoding: data, as: UTF8.self)
                while let newline = state.buffer.firstIndex(of: "\n") {
                    let line = String(state.buffer[..<newline])
                    state.buffer = String(state.buffer[state.buffer.index(after: newline)...])
                    if line.hasPrefix("progress "), let value = Double(line.dropFirst(9)) { state.progress = value }
                    if line == "done" { state.done = true }
                    if line.hasPrefix("failed ") {
                        let rest = line.dropFirst(7)
                        let kind = rest.prefix { $0 != " " }
                        state.failure = (String(kind), String(rest.dropFirst(kind.count).drop { $0 == " " }))
                    }
                }
            }
        }
    }
}
