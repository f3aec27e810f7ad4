import DenshoDomain
import Foundation
import Testing
@testable import DenshoStore

/// Manuals as controlled documents and the OJT loop around them, on a real database file.
@Suite struct TrainingStoreTests {
    /// A company with a processed 12-second clip and a manual of two steps on it, approved once.
    static func approvedManual(_ db: TestDatabase) async throws -> (Company, [Employee], Manual, Clip) {
        let (company, employees, _) = try await db.smallCompany()
        let clip = try await db.store.addClip(JobQueueTests.clip(company.id), by: "t").clip
        let job = try #require(try await db.store.claimJob(worker: "w", leaseSeconds: 60, now: 1))
        try await db.store.completeJob(job.id, worker: "w", probe: JobQueueTests.manifest.source, manifest: JobQueueTests.manifest)
        var manual = try await db.store.addManual(
            Manual(id: .init(0), companyID: company.id, clipID: clip.id, title: "段取り手順", documentNumber: "M-1", author: "t",
                   steps: [ManualStep(mainStep: "チャックを清掃する", keyPoint: "爪の奥まで", start: 0, end: 6),
                           ManualStep(mainStep: "材料を掴む", start: 6, end: 12)]), by: "t")
        manual = try await db.store.approveManual(manual.id, company: company.id, by: "acme-admin", approverName: "班長")
        return (company, employees, manual, clip)
    }

    @Test func theApprovedVersionStaysLiveWhileARevisionIsDraftedReviewedAndApproved() async throws {
        let db = try TestDatabase()
        let (company, _, manual, _) = try await Self.approvedManual(db)
        var steps = manual.steps
        steps[0].keyPoint = "爪の奥の切粉まで"
        let draft = try await db.store.updateManual(manual.id, title: manual.title, documentNumber: "M-1", steps: steps, reason: "",
                                                     majorChange: true, company: company.id, by: "staff")
        #expect(draft.hasPendingChanges && draft.review == .editing)
        // The live version is still 第1版 with the old key point.
        let live = try #require(try await db.store.revisions(of: manual.id, company: company.id).first)
        #expect(live.revision == 1 && live.steps[0].keyPoint == "爪の奥まで" && live.supersededAt == nil)
        // A revision without 改訂理由 cannot go to review.
        await #expect(throws: StoreError.self) { try await db.store.submitManual(manual.id, company: company.id, by: "staff") }
        _ = try await db.store.updateManual(manual.id, title: manual.title, documentNumber: "M-1", steps: steps, reason: "切粉の噛み込み不良",
                                            majorChange: true, company: company.id, by: "staff")
        #expect(try await db.store.submitManual(manual.id, company: company.id, by: "staff").review == .submitted)
        await #expect(throws: StoreError.self) { try await db.store.returnManual(manual.id, comment: " ", company: company.id, by: "sup") }
        #expect(try await db.store.returnManual(manual.id, comment: "写真を追加", company: company.id, by: "sup").review == .returned)
        let history = try await db.store.reviews(of: manual.id, company: company.id)
        #expect(history.first?.action == .return && history.first?.comment == "写真を追加" && history.first?.actor == "sup")
        _ = try await db.store.submitManual(manual.id, company: company.id, by: "staff")
        let approved = try await db.store.approveManual(manual.id, company: company.id, by: "sup", approverName: "職長")
        #expect(approved.revision == 2 && !approved.hasPendingChanges && approved.approver == "職長")
        let versions = try await db.store.revisions(of: manual.id, company: company.id)
        #expect(versions.map(\.revision) == [2, 1])
        #expect(versions[0].reason == "切粉の噛み込み不良" && versions[0].majorChange && versions[0].supersededAt == nil)
        #expect(versions[1].supersededAt == versions[0].approvedAt, "第1版 is marked 旧版 from the day 第2版 was approved")
        // Nothing left to approve.
        await #expect(throws: StoreError.self) {
            try await db.store.approveManual(manual.id, company: company.id, by: "sup", approverName: "職長")
        }
    }

    @Test func watchingEveryStepThenAcknowledgingCompletesAndAMajorRevisionReopens() async throws {
        let db = try TestDatabase()
        let (company, employees, manual, clip) = try await Self.approvedManual(db)
        let trainee = employees[1]
        let given = try await db.store.assign([.manual(manual.id)], course: nil, to: [trainee.id], due: LocalDate(parsing: "2026-12-15"),
                                              company: company.id, by: "sup")
        #expect(given.count == 1 && given[0].requiredRevision == 1 && given[0].state(on: LocalDate(parsing: "2026-12-01")!) == .notStarted)
        // Seeking straight to the end plays only the last seconds: not watched, no acknowledgement.
        _ = try await db.store.recordWatch(employee: trainee.id, clip: clip.id, manual: manual.id, session: "s1",
                                           ranges: [PlayedRange(start: 11, end: 12)], now: 100, plausibility: .init(), company: company.id)
        await #expect(throws: StoreError.self) {
            try await db.store.acknowledge(employee: trainee.id, item: .manual(manual.id), company: company.id, by: "staff")
        }
        // A forged beacon claiming the whole clip a second after the page opened is refused.
        await #expect(throws: StoreError.self) {
            try await db.store.recordWatch(employee: trainee.id, clip: clip.id, manual: manual.id, session: "forged",
                                           ranges: [PlayedRange(start: 0, end: 12)], now: 100, plausibility: .init(maxRate: 2, slack: 2),
                                           company: company.id)
        }
        // Real playback, reported out of order and overlapping across beacons.
        _ = try await db.store.recordWatch(employee: trainee.id, clip: clip.id, manual: manual.id, session: "s2",
                                           ranges: [PlayedRange(start: 5, end: 9)], now: 200, plausibility: .init(), company: company.id)
        let coverage = try await db.store.recordWatch(
            employee: trainee.id, clip: clip.id, manual: manual.id, session: "s2",
            ranges: [PlayedRange(start: 0, end: 5.5), PlayedRange(start: 8, end: 11.5)], now: 206, plausibility: .init(), company: company.id)
        #expect(coverage.ranges == [PlayedRange(start: 0, end: 12)])
        let progress = try #require(try await db.store.assignments(company: company.id, employee: trainee.id, item: nil).first)
        #expect(progress.watchedShare == 1 && progress.state(on: LocalDate(parsing: "2026-12-01")!) == .inProgress)
        _ = try await db.store.acknowledge(employee: trainee.id, item: .manual(manual.id), company: company.id, by: "staff")
        let done = try #require(try await db.store.assignments(company: company.id, employee: trainee.id, item: nil).first)
        #expect(done.completedAt != nil && done.state(on: LocalDate(parsing: "2026-12-31")!) == .completed)
        let report = try await db.store.trainingReport(company: company.id, department: nil, today: LocalDate(parsing: "2026-12-01")!)
        #expect(report.map(\.completed) == [1] && report.map(\.assigned) == [1])

        // A minor revision keeps it completed; a major one re-opens it and tells the trainee.
        _ = try await db.store.updateManual(manual.id, title: manual.title, documentNumber: "M-1", steps: manual.steps, reason: "誤字",
                                            majorChange: false, company: company.id, by: "sup")
        // (an unchanged text is still a new working copy the supervisor may approve)
        _ = try await db.store.approveManual(manual.id, company: company.id, by: "sup", approverName: "職長")
        #expect(try await db.store.assignments(company: company.id, employee: trainee.id, item: nil).first?.completedAt != nil)
        _ = try await db.store.updateManual(manual.id, title: manual.title, documentNumber: "M-1", steps: manual.steps, reason: "治具変更",
                                            majorChange: true, company: company.id, by: "sup")
        _ = try await db.store.approveManual(manual.id, company: company.id, by: "sup", approverName: "職長")
        let reopened = try #require(try await db.store.assignments(company: company.id, employee: trainee.id, item: nil).first)
        #expect(reopened.completedAt == nil && reopened.reopenedAt != nil && reopened.requiredRevision == 3 && reopened.watchedShare == 0)
        #expect(try await db.store.watchCoverage(employee: trainee.id, clip: clip.id, company: company.id).seconds == 0)
        await #expect(throws: StoreError.self) {
            try await db.store.acknowledge(employee: trainee.id, item: .manual(manual.id), company: company.id, by: "staff")
        }
    }

    @Test func severalPagesAtOnceClaimNoMorePlaybackThanOne() async throws {
        let db = try TestDatabase()
        let (company, employees, manual, clip) = try await Self.approvedManual(db)
        let rule = WatchPlausibility(maxRate: 2, slack: 5)
        // Each session alone stays within its allowance; together they would cover the clip in an instant.
        _ = try await db.store.recordWatch(employee: employees[1].id, clip: clip.id, manual: manual.id, session: "a",
                                           ranges: [PlayedRange(start: 0, end: 4.9)], now: 500, plausibility: rule, company: company.id)
        await #expect(throws: StoreError.self) {
            try await db.store.recordWatch(employee: employees[1].id, clip: clip.id, manual: manual.id, session: "b",
                                           ranges: [PlayedRange(start: 6, end: 10.9)], now: 500.5, plausibility: rule, company: company.id)
        }
        #expect(try await db.store.watchCoverage(employee: employees[1].id, clip: clip.id, company: company.id).seconds < 5)
        // A manual of another clip (or none) is refused, and does not spoil the beacons written with it.
        let results = try await db.store.recordWatches(
            [WatchBeacon(employee: employees[0].id, clip: clip.id, manual: .init(99_999), session: "x", ranges: [PlayedRange(start: 0, end: 1)], company: company.id),
             WatchBeacon(employee: employees[0].id, clip: clip.id, manual: manual.id, session: "y", ranges: [PlayedRange(start: 0, end: 1)], company: company.id)],
            now: 600, plausibility: rule)
        #expect(results.count == 2)
        let refused = try? results[0].get(), written = try? results[1].get()
        #expect(refused == nil && written?.seconds == 1)
    }

    @Test func assignmentsAreCheckedAgainstTheCompanyAndUpdateOnlyOpenRows() async throws {
        let db = try TestDatabase()
        let (company, employees, manual, _) = try await Self.approvedManual(db)
        let (other, otherPeople, _) = try await db.smallCompany(code: "other")
        await #expect(throws: StoreError.self) {
            try await db.store.assign([.manual(manual.id)], course: nil, to: [otherPeople[0].id], due: nil, company: company.id, by: "x")
        }
        await #expect(throws: StoreError.self) {
            try await db.store.assign([.manual(manual.id)], course: nil, to: [otherPeople[0].id], due: nil, company: other.id, by: "x")
        }
        let draft = try await db.store.addManual(Manual(id: .init(0), companyID: company.id, clipID: nil, title: "未承認", author: "t"), by: "t")
        await #expect(throws: StoreError.self) {
            try await db.store.assign([.manual(draft.id)], course: nil, to: [employees[0].id], due: nil, company: company.id, by: "x")
        }
        _ = try await db.store.assign([.manual(manual.id)], course: nil, to: [employees[0].id], due: LocalDate(parsing: "2026-12-01"),
                                      company: company.id, by: "x")
        let again = try await db.store.assign([.manual(manual.id)], course: nil, to: [employees[0].id], due: LocalDate(parsing: "2027-01-10"),
                                              company: company.id, by: "x")
        #expect(again.map(\.dueOn) == [LocalDate(parsing: "2027-01-10")], "one row per person and manual; the due date moves")
        #expect(try await db.store.assignments(company: company.id, employee: nil, item: nil).count == 1)
    }
}
