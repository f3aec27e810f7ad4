#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A progress bar on standard error, drawn only when standard error is a terminal (scripts and
/// logs stay clean). Redraws at most ten times a second; safe to update from any thread.
final class ProgressBar: Sendable {
    private struct State {
        var done = 0
        var lastDraw = ContinuousClock.now - .seconds(1)
    }

    let label: String
    let total: Int
    let enabled = isatty(STDERR_FILENO) == 1
    private let state = Mutex(State())

    init(_ label: String, total: Int) {
        self.label = label
        self.total = max(total, 1)
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.done = done
            let now = ContinuousClock.now
            guard now - state.lastDraw >= .milliseconds(100) || done >= total else { return nil }
            state.lastDraw = now
            return render(done)
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Draws the full bar and ends its line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data((render(total) + "\n").utf8))
    }

    /// Erases a bar that will not finish (the work failed), so the error starts on a clean line.
    func abandon() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    func render(_ done: Int) -> String {
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        return "\r\(label) [" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            + "] " + String(format: "%3.0f%% %d/%d", fraction * 100, min(done, total), total) + "\u{1B}[K"
    }
}

/// A progress bar in MiB whose total is known only once the work has looked at its files: the
/// bar is made at the first report.
final class ByteProgress: Sendable {
    let label: String
    private let bar = Mutex<ProgressBar?>(nil)

    init(_ label: String) { self.label = label }

    func update(done: Int64, total: Int64) {
        let current = bar.withLock { bar -> ProgressBar in
            if let bar { return bar }
            let made = ProgressBar(label, total: Int(max(total >> 20, 1)))
            bar = made
            return made
        }
        current.update(Int(done >> 20))
    }

    func finish() { bar.withLock { $0 }?.finish() }

    func abandon() { bar.withLock { $0 }?.abandon() }
}
