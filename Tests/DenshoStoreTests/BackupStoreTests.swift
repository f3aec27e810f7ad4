import DenshoDomain
import Foundation
import Testing
@testable import DenshoStore

@Suite("What backups read and record in the store")
struct BackupStoreTests {
    @Test func referencedFilesNameEveryClipAndProposalWithTheirHashes() async throws {
        let db = try TestDatabase()
        let (company, employees, _) = try await db.smallCompany()
        let clip = try await db.store.addClip(JobQueueTests.clip(company.id, hash: "a", title: "段取り"), by: "t").clip
        let (other, _, _) = try await db.smallCompany(code: "other")
        let shared = try await db.store.addClip(JobQueueTests.clip(other.id, hash: "a", title: "同じ動画"), by: "t").clip
        let photo = MediaPaths.original(hash: String(repeating: "d", count: 64), extension: "jpg")
        let proposal = try await db.store.addProposal(
            Proposal(id: .init(0), submittedBy: employees[0].id, title: "治具の改善", clipID: clip.id, photos: [photo],
                     submittedOn: .d("2026-04-01")),
            company: company.id, by: "t")

        let files = try await db.store.referencedFiles()
        #expect(files.map(\.path) == [clip.originalPath, photo].sorted())
        let video = try #require(files.first { $0.path == clip.originalPath })
        #expect(video.sha256 == String(repeating: "a", count: 64))
        #expect(video.refs == ["clip:\(clip.id.rawValue) 「段取り」", "clip:\(shared.id.rawValue) 「同じ動画」"])
        let picture = try #require(files.first { $0.path == photo })
        #expect(picture.sha256 == String(repeating: "d", count: 64))
        #expect(picture.refs == ["proposal:\(proposal.id.rawValue)"])
        #expect(try await db.store.databaseProblems().isEmpty)
    }

    @Test func requeueingPutsEveryClipBackInTheQueue() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let ready = try await db.store.addClip(JobQueueTests.clip(company.id, hash: "a"), by: "t").clip
        let failed = try await db.store.addClip(JobQueueTests.clip(company.id, hash: "b", title: "壊れた動画"), by: "t").clip
        let first = try #require(try await db.store.claimJob(worker: "w", leaseSeconds: 30, now: 100))
        try await db.store.completeJob(first.id, worker: "w", probe: JobQueueTests.manifest.source, manifest: JobQueueTests.manifest)
        let second = try #require(try await db.store.claimJob(worker: "w", leaseSeconds: 30, now: 100))
        try await db.store.failJob(second.id, worker: "w", reason: "壊れています", final: true, backoffBase: 1, now: 100)

        #expect(try await db.store.requeueRenditions() == 2)
        for id in [ready.id, failed.id] {
            let clip = try #require(try await db.store.clip(id, company: company.id))
            #expect(clip.status == .uploaded && clip.failureReason == nil)
            let jobs = try await db.store.jobs(clip: id)
            #expect(jobs.count == 1 && jobs[0].state == .queued && jobs[0].attempts == 0)
        }
        #expect(try await db.store.claimJob(worker: "w2", leaseSeconds: 30, now: 200) != nil, "a worker takes them again")
    }

    @Test func runsAreRecordedNewestFirst() async throws {
        let db = try TestDatabase()
        #expect(try await db.store.lastBackupRuns(limit: 5).isEmpty)
        try await db.store.recordBackupRun(BackupRun(kind: .backup, startedAt: 10, finishedAt: 20, ok: true, stamp: "a", files: 3,
                                                     bytesCopied: 300, problems: 0, message: ""))
        let verify = try await db.store.recordBackupRun(BackupRun(kind: .verify, startedAt: 30, finishedAt: 40, ok: false, stamp: nil,
                                                                  files: 3, bytesCopied: 0, problems: 2, message: "MISSING x"))
        let runs = try await db.store.lastBackupRuns(limit: 5)
        #expect(runs.map(\.kind) == [.verify, .backup])
        #expect(runs[0] == verify && runs[0].id > 0)
        #expect(runs[1].ok && runs[1].bytesCopied == 300 && runs[1].stamp == "a")
    }
}
