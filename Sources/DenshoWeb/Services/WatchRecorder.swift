import DenshoDomain
import Foundation

/// Gathers the watch beacons that arrive while a write is under way and records them together in
/// the next transaction (group commit). Every player sends one every few seconds, so with many
/// people watching, one transaction per beacon would queue them behind SQLite's single writer;
/// gathered, a burst costs one commit. A lone beacon is written at once: nothing waits on a timer.
actor WatchRecorder {
    let store: any DenshoRepository
    let plausibility: WatchPlausibility
    private var pending: [(WatchBeacon, CheckedContinuation<WatchCoverage, any Error>)] = []
    private var writing = false

    init(store: any DenshoRepository, plausibility: WatchPlausibility = WatchPlausibility()) {
        self.store = store
        self.plausibility = plausibility
    }

    func record(_ beacon: WatchBeacon) async throws -> WatchCoverage {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((beacon, continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    /// Writes batches until none is waiting; each beacon's caller gets its own result.
    private func drain() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                let results = try await store.recordWatches(batch.map(\.0), now: Date().timeIntervalSince1970, plausibility: plausibility)
                for ((_, continuation), result) in zip(batch, results) { continuation.resume(with: result) }
            } catch {
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
        writing = false
    }
}
