import DenshoDomain
import Foundation
import Testing
@testable import DenshoStore

@Suite("Clips and the durable job queue")
struct JobQueueTests {
    static func clip(_ company: Company.ID, hash: Character = "a", title: String = "旋盤 段取り") -> Clip {
        Clip(id: .init(0), companyID: company, ownerID: nil, title: title, tags: ["旋盤", "段取り"],
             originalHash: String(repeating: hash, count: 64), originalExtension: "mp4", originalName: "IMG_0001.MOV",
             originalSize: 1_000)
    }

    static let manifest = ClipManifest(
        source: MediaProbe(container: "mp4", duration: 12, video: nil, audio: nil, creationTime: nil), video: "clip.mp4",
        width: 1280, height: 720, duration: 12, hasAudio: true, poster: "poster.jpg",
        storyboard: .init(vtt: "storyboard.vtt", sprites: ["storyboard-1.jpg"], tileWidth: 160, tileHeight: 90, columns: 10,
                          tiles: 12, interval: 1),
        sceneChanges: [.init(time: 4, score: 30)], suggestedChapters: [0, 4], warnings: [])

    @Test func addingQueuesOnceAndDeduplicatesByContent() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let (first, isNew) = try await db.store.addClip(Self.clip(company.id), by: "t")
        #expect(isNew && first.status == .uploaded)
        let (again, againNew) = try await db.store.addClip(Self.clip(company.id, title: "別名"), by: "t")
        #expect(!againNew && again.id == first.id)
        #expect(try await db.store.jobs(clip: first.id).count == 1)
        // Another company may hold the same bytes as its own clip.
        let (other, _, _) = try await db.smallCompany(code: "other")
        #expect(try await db.store.addClip(Self.clip(other.id), by: "t").isNew)
        #expect(try await db.store.clip(first.id, company: other.id) == nil)
    }

    @Test func claimHeartbeatComplete() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let clip = try await db.store.addClip(Self.clip(company.id), by: "t").clip
        let job = try #require(try await db.store.claimJob(worker: "w1", leaseSeconds: 30, now: 1_000))
        #expect(job.attempts == 1 && job.state == .running)
        #expect(try await db.store.clipServes(clip.id, company: company.id, file: "clip.mp4") == false)  // not ready yet
        #expect(try await db.store.claimJob(worker: "w2", leaseSeconds: 30, now: 1_001) == nil)  // leased
        #expect(try await db.store.clip(clip.id, company: company.id)?.status == .processing)
        #expect(try await db.store.heartbeat(job.id, worker: "w1", progress: 0.5, leaseSeconds: 30, now: 1_020))
        #expect(try await db.store.heartbeat(job.id, worker: "w2", progress: 0.5, leaseSeconds: 30, now: 1_020) == false)
        #expect(try await db.store.claimJob(worker: "w2", leaseSeconds: 30, now: 1_040) == nil)  // heartbeat extended it
        try await db.store.completeJob(job.id, worker: "w1", probe: Self.manifest.source, manifest: Self.manifest)
        let ready = try #require(try await db.store.clip(clip.id, company: company.id))
        #expect(ready.status == .ready && ready.manifest == Self.manifest)
        // The media route's check answers from SQL exactly the manifest's servedFiles.
        for file in Self.manifest.servedFiles {
            #expect(try await db.store.clipServes(clip.id, company: company.id, file: file), "\(file)")
        }
        let (other, _, _) = try await db.smallCompany(code: "other")
        for (file, company) in [("manifest.json", company.id), ("storyboard-2.jpg", company.id), ("", company.id),
                                ("clip.mp4", other.id)] {
            #expect(try await db.store.clipServes(clip.id, company: company, file: file) == false, "\(file)")
        }
        #expect(try await db.store.chapters(of: clip.id, company: company.id).map(\.time) == [0, 4])
        #expect(try await db.store.search("段取り", company: company.id, limit: 10).contains { $0.kind == .clip })
        #expect(try await db.store.search("場面", company: company.id, limit: 10).contains { $0.kind == .chapter })
    }

    @Test func abandonedLeasesAreRetriedThenFail() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let clip = try await db.store.addClip(Self.clip(company.id), by: "t").clip
        var now = 1_000.0
        for attempt in 1...3 {
            // The worker dies without a word: the lease runs out and another worker takes the job.
            let job = try #require(try await db.store.claimJob(worker: "w\(attempt)", leaseSeconds: 30, now: now))
            #expect(job.attempts == attempt)
            now += 31
        }
        #expect(try await db.store.claimJob(worker: "w4", leaseSeconds: 30, now: now) == nil)
        let failed = try #require(try await db.store.clip(clip.id, company: company.id))
        #expect(failed.status == .failed && failed.failureReason?.contains("応答しなくなりました") == true)
        try await db.store.retryClip(clip.id, company: company.id, by: "t")
        #expect(try await db.store.claimJob(worker: "w5", leaseSeconds: 30, now: now)?.attempts == 1)
    }

    @Test func failuresBackOffAndFinalOnesStop() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let clip = try await db.store.addClip(Self.clip(company.id), by: "t").clip
        let first = try #require(try await db.store.claimJob(worker: "w", leaseSeconds: 30, now: 100))
        try await db.store.failJob(first.id, worker: "w", reason: "crashed", final: false, backoffBase: 10, now: 100)
        #expect(try await db.store.claimJob(worker: "w", leaseSeconds: 30, now: 105) == nil)  // backing off 10 s
        let second = try #require(try await db.store.claimJob(worker: "w", leaseSeconds: 30, now: 111))
        try await db.store.failJob(second.id, worker: "w", reason: "crashed", final: false, backoffBase: 10, now: 111)
        #expect(try await db.store.claimJob(worker: "w", leaseSeconds: 30, now: 125) == nil)  // now 20 s
        let third = try #require(try await db.store.claimJob(worker: "w", leaseSeconds: 30, now: 132))
        try await db.store.failJob(third.id, worker: "w", reason: "動画ファイルとして読み込めません", final: true, backoffBase: 10, now: 132)
        let failed = try #require(try await db.store.clip(clip.id, company: company.id))
        #expect(failed.status == .failed && failed.failureReason == "動画ファイルとして読み込めません")
        #expect(Job.backoff(afterAttempts: 1, base: 10) == 10 && Job.backoff(afterAttempts: 3, base: 10) == 40)
        #expect(Job.backoff(afterAttempts: 30, base: 10) == 600)
    }

    /// Originals are stored once by content, so two companies may hold the same bytes. The second
    /// company's clip must be processed on its own: reusing the first one's renditions would make
    /// it ready at once and tell its uploader that another company has the same file. (Within one
    /// company a file is one clip, so there is nothing to reuse at all.)
    @Test func renditionsAreReusedOnlyWithinTheCompany() async throws {
        let db = try TestDatabase()
        let (first, _, _) = try await db.smallCompany()
        let (second, _, _) = try await db.smallCompany(code: "other")
        let ready = try await db.store.addClip(Self.clip(first.id), by: "t").clip
        let job = try #require(try await db.store.claimJob(worker: "w", leaseSeconds: 30, now: 100))
        try await db.store.completeJob(job.id, worker: "w", probe: Self.manifest.source, manifest: Self.manifest)
        #expect(try await db.store.clip(ready.id, company: first.id)?.status == .ready)

        let (copy, isNew) = try await db.store.addClip(Self.clip(second.id), by: "t")
        #expect(isNew && copy.originalHash == ready.originalHash)
        let own = try #require(try await db.store.claimJob(worker: "w", leaseSeconds: 30, now: 200))
        #expect(own.clipID == copy.id && own.state == .running)
        #expect(try await db.store.clip(copy.id, company: second.id)?.status == .processing)
    }
}
