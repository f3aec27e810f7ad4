#if canImport(Glibc)
import Glibc
#endif
import DenshoMedia
import Foundation

/// How a media child process talks to `densho worker`: lines on standard output.
///
///     progress 0.425
///     failed unreadable not a readable media file: Invalid data found when processing input
///     done
///
/// Anything else (a crash, a kill, a time-out) is read from the exit status.
enum WorkerProtocol {
    /// Exit status of a child that failed with a `MediaError` it reported.
    static let mediaErrorExit: Int32 = 3

    nonisolated(unsafe) static var lastReport = ContinuousClock.now - .seconds(1)

    static func reportProgress(_ fraction: Double) {
        let now = ContinuousClock.now
        guard now - lastReport >= .milliseconds(250) else { return }
        lastReport = now
        emit(String(format: "progress %.3f", fraction))
    }

    static func reportDone() { emit("done") }

    static func reportFailure(_ error: MediaError) {
        emit("failed \(error.kind.rawValue) " + error.reason.replacingOccurrences(of: "\n", with: " "))
    }

    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Caps the child's address space, so a decoder gone wild is stopped by the kernel, not the machine.
    static func limitMemory(megabytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(megabytes) << 20, rlim_max: rlim_t(megabytes) << 20)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }

    /// Kinds of failure that another attempt cannot fix: the input itself is bad.
    static func isFinal(_ kind: String) -> Bool {
        [MediaError.Kind.unreadable, .noVideo, .unsupportedCodec, .corrupt].map(\.rawValue).contains(kind)
    }
}
