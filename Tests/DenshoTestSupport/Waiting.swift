import Foundation

/// Waits for a condition instead of sleeping a fixed time: polls `condition` every `interval`
/// until it holds or `timeout` has passed. Returns whether it held, so the caller fails with its
/// own message (`#require(waitUntil(...), "…")`) rather than hanging or racing a guess.
public func waitUntil(
    timeout: Duration, interval: Duration = .milliseconds(50), _ condition: () throws -> Bool
) rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
        if try condition() { return true }
        guard clock.now < deadline else { return false }
        Thread.sleep(forTimeInterval: timeInterval(interval))
    }
}

/// `waitUntil` for async tests: the wait is a `Task.sleep`, which holds no thread and ends when the
/// test is cancelled (its time limit). A different name, so that an async test never picks the
/// blocking version for a condition that is not itself async.
public func pollUntil(
    timeout: Duration, interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool
) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
        if try await condition() { return true }
        guard clock.now < deadline else { return false }
        try await Task.sleep(for: interval)
    }
}

/// A duration in seconds, for APIs that take a `TimeInterval`.
func timeInterval(_ duration: Duration) -> TimeInterval {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
}
