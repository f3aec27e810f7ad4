/// A unit of background work in the durable queue (today: processing one clip).
public struct Job: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Job>

    public enum State: String, Codable, Sendable {
        case queued, running, done, failed
    }

    public var id: ID
    public var clipID: Clip.ID
    public var state: State
    public var attempts: Int
    public var maxAttempts: Int
    /// Who holds the lease while running (`worker-host-1234`).
    public var worker: String?
    public var progress: Double
    public var lastError: String?

    public init(id: ID, clipID: Clip.ID, state: State, attempts: Int, maxAttempts: Int, worker: String?, progress: Double,
                lastError: String?) {
        self.id = id
        self.clipID = clipID
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.worker = worker
        self.progress = progress
        self.lastError = lastError
    }

    /// Seconds to wait before attempt `attempts + 1`: doubling from `base`, at most ten minutes.
    public static func backoff(afterAttempts attempts: Int, base: Double) -> Double {
        min(600, base * Double(1 << min(max(attempts - 1, 0), 10)))
    }
}

/// What the clip library needs from persistence: clips, chapters and the job queue.
public protocol ClipRepository: Sendable {
    /// Adds a clip for an original already stored, and queues its processing, in one transaction.
    /// A clip with the same original in the same company is returned instead (`isNew` false).
    func addClip(_ clip: Clip, by: String) async throws -> (clip: Clip, isNew: Bool)
    func clips(company: Company.ID, status: ClipStatus?) async throws -> [Clip]
    func clip(_ id: Clip.ID, company: Company.ID) async throws -> Clip?
    /// Whether `file` is one the ready clip's manifest lists (`ClipManifest.servedFiles`): what the
    /// media route may send. Every video range asks, so it is answered without loading the clip.
    func clipServes(_ id: Clip.ID, company: Company.ID, file: String) async throws -> Bool
    func updateClip(_ clip: Clip, by: String) async throws
    /// Removes the clip's record with its chapters, jobs and finished-upload records; draft
    /// manuals and proposals that showed it lose their clip. Refused (`ClipInUse`) while a manual with an approved
    /// revision shows it. The files are the caller's: the answer says whether the original is
    /// still another clip's.
    @discardableResult
    func removeClip(_ id: Clip.ID, company: Company.ID, by: String) async throws -> ClipRemoval

    func chapters(of clip: Clip.ID, company: Company.ID) async throws -> [Chapter]
    /// The clip and time of a chapter (search hits link to it).
    func chapterLocation(_ chapter: Chapter.ID, company: Company.ID) async throws -> (clip: Clip.ID, time: Double)?
    /// Jobs by state (queued, running, done, failed …), for monitoring.
    func jobCounts() async throws -> [String: Int]
    func addChapter(_ chapter: Chapter, company: Company.ID, by: String) async throws -> Chapter

    /// Takes the oldest due job (or one whose worker stopped heartbeating) and leases it.
    func claimJob(worker: String, leaseSeconds: Double, now: Double) async throws -> Job?
    /// Extends the lease while the work goes on and records progress; false if the lease was lost.
    func heartbeat(_ job: Job.ID, worker: String, progress: Double, leaseSeconds: Double, now: Double) async throws -> Bool
    /// Records success: the clip is ready with its manifest, suggested chapters replace older ones.
    func completeJob(_ job: Job.ID, worker: String, probe: MediaProbe, manifest: ClipManifest) async throws
    /// Records a failed attempt: retried later (with backoff) unless `final` or out of attempts.
    func failJob(_ job: Job.ID, worker: String, reason: String, final: Bool, backoffBase: Double, now: Double) async throws
    /// Queues a failed or stuck clip again with fresh attempts.
    func retryClip(_ id: Clip.ID, company: Company.ID, by: String) async throws
    func jobs(clip: Clip.ID) async throws -> [Job]
    /// When the next queued job becomes due (or a running job's lease ends); nil when none is left.
    func nextJobTime() async throws -> Double?
    /// The clip a job processes, whatever its company: only the worker, which serves every
    /// company and shows nothing to users, may look clips up this way.
    func clipForJob(_ job: Job) async throws -> Clip?
    /// Every original and clip that records refer to, whatever the company: for `MediaSweep` only.
    func mediaReferences() async throws -> MediaReferences
}
