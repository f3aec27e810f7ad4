import Foundation

/// What a whole test run shares under the system's temporary directory (clips made once, the web
/// tests' template database): no test's scope outlives them, so they are removed when the test
/// process exits. Anything a single test makes is removed by that test (`defer`, or the `deinit`
/// of `CLIRunner`, `WebFixture`, `TestDatabase`).
public enum TemporaryFiles {
    /// Removes `path` (a file or a whole directory) when the process exits.
    public static func removeAtExit(_ path: String) {
        ExitCleanup.shared.register(path)
    }
}

/// Paths removed by one `atexit` handler, installed with the first path.
final class ExitCleanup: @unchecked Sendable {
    static let shared = ExitCleanup()
    private let lock = NSLock()
    private var paths: [String] = []  // guarded by `lock`
    private var installed = false  // guarded by `lock`

    func register(_ path: String) {
        lock.withLock {
            paths.append(path)
            guard !installed else { return }
            installed = true
            atexit { ExitCleanup.shared.removeAll() }
        }
    }

    func removeAll() {
        let paths = lock.withLock { self.paths }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}
