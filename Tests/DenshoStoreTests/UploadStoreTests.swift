import DenshoDomain
import Foundation
import Testing
@testable import DenshoStore

@Suite("Uploads and clip removal in the store")
struct UploadStoreTests {
    static func upload(_ company: Company.ID, _ account: Account.ID, length: Int64, createdAt: Double = 1_000) -> Upload {
        Upload(id: UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(), companyID: company, accountID: account,
               length: length, fileName: "a.mp4", title: "a", tags: [], createdAt: createdAt)
    }

    @Test func quotasCountOnlyUnfinishedUploadsPerAccountAndCompany() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let admin = try #require(try await db.store.credentials(login: "acme-admin")).account
        let other = try await db.store.addAccount(
            NewAccount(login: "acme-staff", displayName: "スタッフ", role: .staff, passwordHash: "x"), company: company.id, employee: nil,
            by: "t")
        let quota = UploadQuota(uploadsPerAccount: 2, bytesPerAccount: 100, uploadsPerCompany: 3, bytesPerCompany: 150)

        let first = Self.upload(company.id, admin.id, length: 60)
        try await db.store.createUpload(first, within: quota)
        // 60 + 50 > 100 declared bytes for the account.
        await #expect(throws: UploadQuotaExceeded(limit: .accountBytes, quota: quota)) {
            try await db.store.createUpload(Self.upload(company.id, admin.id, length: 50), within: quota)
        }
        try await db.store.createUpload(Self.upload(company.id, admin.id, length: 40), within: quota)
        await #expect(throws: UploadQuotaExceeded(limit: .accountUploads, quota: quota)) {
            try await db.store.createUpload(Self.upload(company.id, admin.id, length: 1), within: quota)
        }
        // The company holds 100 of 150 bytes: another account's 60 would pass its own limit but not the company's.
        await #expect(throws: UploadQuotaExceeded(limit: .companyBytes, quota: quota)) {
            try await db.store.createUpload(Self.upload(company.id, other.id, length: 60), within: quota)
        }
        try await db.store.createUpload(Self.upload(company.id, other.id, length: 10), within: quota)
        await #expect(throws: UploadQuotaExceeded(limit: .companyUploads, quota: quota)) {
            try await db.store.createUpload(Self.upload(company.id, other.id, length: 10), within: quota)
        }
        // A finished upload no longer counts; another company is counted apart.
        #expect(try await db.store.setUploadOffset(first.id, from: 0, to: 60))
        let clip = try await db.store.addClip(JobQueueTests.clip(company.id), by: "t").clip
        try await db.store.finishUpload(first.id, clip: clip.id)
        try await db.store.createUpload(Self.upload(company.id, admin.id, length: 60), within: quota)
        let (elsewhere, _, _) = try await db.smallCompany(code: "other")
        let theirs = try #require(try await db.store.credentials(login: "other-admin")).account
        try await db.store.createUpload(Self.upload(elsewhere.id, theirs.id, length: 100), within: quota)
    }

    @Test func theOffsetMovesOnlyFromWhereTheWriterFoundIt() async throws {
        let db = try TestDatabase()
        let (company, _, _) = try await db.smallCompany()
        let admin = try #require(try await db.store.credentials(login: "acme-admin")).account
        let upload = Self.upload(company.id, admin.id, length: 10)
        try await db.store.createUpload(upload)
        #expect(try await db.store.setUploadOffset(upload.id, from: 0, to: 4))
        #expect(try await db.store.setUploadOffset(upload.id, from: 0, to: 6) == false, "a second writer from 0 loses")
        #expect(try await db.store.upload(upload.id, company: company.id)?.offset == 4)
        #expect(try await db.store.setUploadOffset("missing", from: 0, to: 1) == false)
    }

    @Test func aClipShownByAnApprovedManualStaysOthersGoWithTheirRecords() async throws {
        let db = try TestDatabase()
        let (company, employees, _) = try await db.smallCompany()
        let admin = try #require(try await db.store.credentials(login: "acme-admin")).account
        let kept = try await db.store.addClip(JobQueueTests.clip(company.id, hash: "b", title: "承認済みの動画"), by: "t").clip
        let approved = try await db.store.addManual(
            Manual(id: .init(0), companyID: company.id, clipID: kept.id, title: "段取り手順", author: "t",
                   steps: [ManualStep(mainStep: "チャックを清掃する", start: 0)]), by: "t")
        _ = try await db.store.approveManual(approved.id, company: company.id, by: "t", approverName: "t")
        // Edited after approval: a draft again, but its approved revision still shows the clip.
        _ = try await db.store.updateManual(approved.id, title: "段取り手順", documentNumber: "", steps: approved.steps, reason: "清掃手順の見直し", majorChange: false,
                                            company: company.id, by: "t")
        await #expect(throws: ClipInUse(clipID: kept.id, manuals: ["段取り手順"])) {
            try await db.store.removeClip(kept.id, company: company.id, by: "t")
        }
        #expect(try await db.store.clip(kept.id, company: company.id) != nil)

        let gone = try await db.store.addClip(JobQueueTests.clip(company.id, hash: "c", title: "消す動画"), by: "t").clip
        let draft = try await db.store.addManual(
            Manual(id: .init(0), companyID: company.id, clipID: gone.id, title: "下書き", author: "t"), by: "t")
        let upload = Self.upload(company.id, admin.id, length: 10)
        try await db.store.createUpload(upload)
        try await db.store.finishUpload(upload.id, clip: gone.id)
        // A proposal showing the clip, with a photo stored in the same library.
        let photo = MediaPaths.original(hash: String(repeating: "d", count: 64), extension: "jpg")
        let proposal = try await db.store.addProposal(
            Proposal(id: .init(0), submittedBy: employees[0].id, title: "治具の改善", clipID: gone.id, photos: [photo],
                     submittedOn: .d("2026-04-01")),
            company: company.id, by: "t")
        // Another company holds the same bytes: the original must stay for it.
        let (other, _, _) = try await db.smallCompany(code: "other")
        let shared = try await db.store.addClip(JobQueueTests.clip(other.id, hash: "c"), by: "t").clip
        await #expect(throws: StoreError.notFound(entity: "clip", key: gone.id.description)) {
            try await db.store.removeClip(gone.id, company: other.id, by: "t")
        }
        let removal = try await db.store.removeClip(gone.id, company: company.id, by: "acme-admin")
        #expect(removal.clip.id == gone.id && removal.originalInUse)
        #expect(try await db.store.clip(gone.id, company: company.id) == nil)
        #expect(try await db.store.manual(draft.id, company: company.id)?.clipID == nil, "the draft manual loses its clip")
        #expect(try await db.store.upload(upload.id, company: company.id) == nil, "the finished upload goes with its clip")
        let shown = try #require(try await db.store.proposal(proposal.id, company: company.id))
        #expect(shown.clipID == nil && shown.title == "治具の改善", "the proposal stays, without the clip")
        #expect(try await db.store.mediaReferences().originals.contains(photo), "a proposal's photo is never swept")
        let audit = try await db.store.auditLog(company: company.id, limit: 5)
        #expect(audit.contains { $0.entity == "clip" && $0.entityID == gone.id.rawValue && $0.action == "remove" && $0.actor == "acme-admin" })
        #expect(!(try await db.store.mediaReferences().clips.contains(gone.id)))
        #expect(try await db.store.mediaReferences().originals.contains(shared.originalPath))
        #expect(try await db.store.removeClip(shared.id, company: other.id, by: "t").originalInUse == false)
        #expect(!(try await db.store.mediaReferences().originals.contains(shared.originalPath)))
    }
}
