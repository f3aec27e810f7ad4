import Synchronization

/// Caps how many child processes (作業標準書 prints, each decoding video) run at once. Sixteen
/// parallel downloads would otherwise start sixteen decoders on a two-core office PC; past the
/// cap requests wait their turn, and past `maxWaiting` they are turned away (503) at once.
final class ChildLimit: Sendable {
    struct Busy: Error {}

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let maxRunning: Int
    let maxWaiting: Int
    private let state = Mutex(State())

    init(maxRunning: Int, maxWaiting: Int) {
        self.maxRunning = maxRunning
        self.maxWaiting = maxWaiting
    }

    /// Runs `body` once a place is free; throws `Busy` when too many are already waiting.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    /// How many run now (for tests and metrics).
    var running: Int { state.withLock { $0.running } }

    private func acquire() async throws {
        enum Decision { case go, wait, refuse }
        let decision: Decision = state.withLock { state in
            if state.running < maxRunning {
                state.running += 1
                return .go
            }
            return state.waiting.count < maxWaiting ? .wait : .refuse
        }
        switch decision {
        case .go: return
        case .refuse: throw Busy()
        case .wait:
            await withCheckedContinuation { continuation in
                let runNow: Bool = state.withLock { state in
                    // A place may have come free between the two locks.
                    if state.running < maxRunning {
                        state.running += 1
                        return true
                    }
                    state.waiting.append(continuation)
                    return false
                }
                if runNow { continuation.resume() }
            }
        }
    }

    private func release() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { state in
            // The place passes straight to the first waiter (running stays the same).
            if !state.waiting.isEmpty { return state.waiting.removeFirst() }
            state.running -= 1
            return nil
        }
        next?.resume()
    }
}
