import DenshoDomain
import Foundation
import Logging

/// Writes the players' watch beacons behind the requests that bring them.
///
/// Every player sends a beacon every few seconds, each carrying everything its page has played
/// so far. So a newer beacon of the same page contains the older one: beacons waiting to be
/// written are merged per page (person and watch session), and the writer records whatever is
/// waiting in one transaction, then the next batch. However many beacons arrive, the work is
/// bounded by the number of pages being watched, not by the request rate, and SQLite's single
/// writer is never queued behind thousands of tiny transactions. A beacon lost in a crash costs
/// nothing: the next one from the same page repeats it. The plausibility check (no more playback
/// than time has passed) runs at writing, with each page's time of arrival.
///
/// `flush()` waits until everything that arrived before it is written: 読了確認 calls it first.
actor WatchRecorder {
    struct Key: Hashable { var employee: Employee.ID; var session: String }

    let store: any DenshoRepository
    let plausibility: WatchPlausibility
    let logger: Logger
    /// Pages waiting to be written; beyond this many, new pages are turned away (503) until the writer catches up.
    let maxPending: Int
    /// How long beacons gather before a batch is written (unless someone waits in `flush`): each
    /// page's beacons within it merge into one row written, and the writer leaves the cores to
    /// the requests in between.
    let gathering: Duration
    private var pending: [Key: (beacon: WatchBeacon, at: Double)] = [:]
    private var writing = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// Clips known to belong to a company: a beacon is answered without a read, yet one naming
    /// another company's clip is refused before it is queued.
    private var knownClips: Set<[Int64]> = []

    init(store: any DenshoRepository, plausibility: WatchPlausibility = WatchPlausibility(), maxPending: Int = 20_000,
         gathering: Duration = .milliseconds(200), logger: Logger = Logger(label: "densho.watch")) {
        self.store = store
        self.gathering = gathering
        self.plausibility = plausibility
        self.maxPending = maxPending
        self.logger = logger
    }

    enum Refusal: Error { case busy }

    /// Whether `clip` is one of `company`'s (looked up once, then remembered).
    func isClip(_ clip: Clip.ID, of company: Company.ID) async throws -> Bool {
        let key = [company.rawValue, clip.rawValue]
        if knownClips.contains(key) { return true }
        guard try await store.clip(clip, company: company) != nil else { return false }
        if knownClips.count > 10_000 { knownClips.removeAll() }
        knownClips.insert(key)
        return true
    }

    /// Checks the clip is the company's, then queues the beacon; false for another company's clip.
    func accept(_ beacon: WatchBeacon) async throws -> Bool {
        guard try await isClip(beacon.clip, of: beacon.company) else { return false }
        try enqueue(beacon)
        return true
    }

    /// Queues a beacon (merged with one of the same page still waiting) and returns at once.
    func enqueue(_ beacon: WatchBeacon, at now: Double = Date().timeIntervalSince1970) throws(Refusal) {
        let key = Key(employee: beacon.employee, session: beacon.session)
        if var waiting = pending[key], waiting.beacon.clip == beacon.clip {
            waiting.beacon.ranges = WatchCoverage(waiting.beacon.ranges + beacon.ranges).ranges
            waiting.beacon.manual = beacon.manual ?? waiting.beacon.manual
            waiting.at = now
            pending[key] = waiting
        } else {
            guard pending.count < maxPending else { throw .busy }
            pending[key] = (beacon, now)
        }
        startWriting()
    }

    /// Records a beacon and waits for its result (the API answers with the person's coverage).
    func record(_ beacon: WatchBeacon) async throws -> WatchCoverage {
        await flush()
        return try await store.recordWatches([beacon], now: Date().timeIntervalSince1970, plausibility: plausibility)[0].get()
    }

    /// Returns when every beacon queued before the call is written.
    func flush() async {
        guard writing || !pending.isEmpty else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func startWriting() {
        guard !writing else { return }
        writing = true
        Task { await self.drain() }
    }

    private func drain() async {
        while !pending.isEmpty {
            // Gather, in short steps so that a flush (読了確認) does not wait the whole time.
            let until = ContinuousClock.now + gathering
            while waiters.isEmpty, ContinuousClock.now < until {
                try? await Task.sleep(for: .milliseconds(10))
            }
            let batch = pending.values.sorted { $0.at < $1.at }
            pending = [:]
            // One transaction per batch; the time of writing is the latest arrival in it, and
            // each page's ranges are checked against the time its session began.
            let now = batch.last?.at ?? Date().timeIntervalSince1970
            do {
                let results = try await store.recordWatches(batch.map(\.beacon), now: now, plausibility: plausibility)
                for (item, result) in zip(batch, results) {
                    if case .failure(let error) = result {
                        logger.debug("watch beacon refused", metadata: ["session": "\(item.beacon.session)", "reason": "\(error)"])
                    }
                }
            } catch {
                logger.error("watch beacons not written", metadata: ["count": "\(batch.count)", "error": "\(error)"])
            }
        }
        writing = false
        let done = waiters
        waiters = []
        for waiter in done { waiter.resume() }
    }
}
