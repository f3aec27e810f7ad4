import DenshoDomain
import DenshoMedia
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

@Suite("Deleting a clip")
struct ClipDeletionTests {
    /// Makes a file look `seconds` old (originals younger than an hour are left to the sweep).
    static func age(_ path: String, by seconds: Double) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -seconds)], ofItemAtPath: path)
    }

    @Test func theUploaderDeletesAClipWithItsFilesAndTheAuditLogRecordsIt() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let clip = try await fixture.readyClip()
        let original = fixture.directory + "/" + clip.originalPath
        let renditions = fixture.directory + "/" + clip.renditionDirectory
        try Self.age(original, by: 7200)
        let draft = try await fixture.store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: clip.id, title: "下書きの手順", author: "test"), by: "test")
        let staff = try await fixture.browser(.staff), hr = try await fixture.browser(.hr)
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/clips/\(clip.id)", method: .get, headers: staff.headers())
            #expect(page.text.contains("action=\"/clips/\(clip.id)/delete\""), "the owner sees the delete button")
            let hrPage = try await client.execute(uri: "/clips/\(clip.id)", method: .get, headers: hr.headers())
            #expect(hrPage.status == .ok && !hrPage.text.contains("/delete\""), "HR may watch, not delete")
            // Without the form token: refused, nothing deleted.
            let forged = try await client.execute(
                uri: "/clips/\(clip.id)/delete", method: .post,
                headers: staff.headers([.contentType: "application/x-www-form-urlencoded"], csrf: false), body: ByteBuffer(string: ""))
            #expect(forged.status == .forbidden)
            #expect(try await fixture.store.clip(clip.id, company: hanawa.id) != nil)

            let deleted = try await PageTests.post(client, "/clips/\(clip.id)/delete", "", as: staff)
            #expect(deleted.status == .seeOther && deleted.headers[.location] == "/clips")
            #expect(try await client.execute(uri: "/clips/\(clip.id)", method: .get, headers: staff.headers()).status == .notFound)
        }
        #expect(try await fixture.store.clip(clip.id, company: hanawa.id) == nil)
        #expect(!FileManager.default.fileExists(atPath: renditions), "the renditions go")
        #expect(!FileManager.default.fileExists(atPath: original), "the original goes: no other clip uses it")
        #expect(try await fixture.store.manual(draft.id, company: hanawa.id)?.clipID == nil, "the draft manual stays, without its clip")
        let audit = try await fixture.store.auditLog(company: hanawa.id, limit: 10)
        #expect(audit.contains { $0.entity == "clip" && $0.entityID == clip.id.rawValue && $0.action == "remove" && $0.actor == "hanawa-staff" })
    }

    @Test func aClipAnApprovedManualShowsIsKeptWith409NamingTheManual() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let clip = try await fixture.readyClip()
        let manual = try await fixture.store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: clip.id, title: "旋盤段取り手順書", author: "test",
                   steps: [ManualStep(mainStep: "チャックを清掃する", start: 0)]), by: "test")
        _ = try await fixture.store.approveManual(manual.id, company: hanawa.id, by: "hanawa-sup", approverName: "班長")
        let supervisor = try await fixture.browser(.supervisor)
        try await fixture.application().test(.router) { client in
            let page = try await PageTests.post(client, "/clips/\(clip.id)/delete", "", as: supervisor)
            #expect(page.status == .conflict)
            #expect(page.text.contains("承認済みのマニュアル「旋盤段取り手順書」がこの動画を使っているため削除できません"))
            let api = try await client.execute(uri: "/api/v1/clips/\(clip.id)", method: .delete, headers: supervisor.headers())
            #expect(api.status == .conflict && api.headers[.contentType] == "application/problem+json")
            #expect(api.text.contains("旋盤段取り手順書"))
        }
        #expect(try await fixture.store.clip(clip.id, company: hanawa.id) != nil)
        #expect(FileManager.default.fileExists(atPath: fixture.directory + "/" + clip.renditionDirectory + "/clip.mp4"))
        #expect(FileManager.default.fileExists(atPath: fixture.directory + "/" + clip.originalPath))
    }

    /// Originals are stored once by content: another company's clip of the same bytes keeps it.
    @Test func anOriginalAnotherClipUsesStays() async throws {
        let fixture = try await WebFixture()
        let clip = try await fixture.readyClip()
        let osarizawa = try await fixture.company("osarizawa")
        _ = try await fixture.store.addClip(
            Clip(id: .init(0), companyID: osarizawa.id, ownerID: nil, title: "同じ動画", originalHash: clip.originalHash,
                 originalExtension: clip.originalExtension, originalName: "same.mp4", originalSize: clip.originalSize),
            by: "test")
        let original = fixture.directory + "/" + clip.originalPath
        try Self.age(original, by: 7200)
        let admin = try await fixture.browser(.admin)
        try await fixture.application().test(.router) { client in
            let deleted = try await client.execute(uri: "/api/v1/clips/\(clip.id)", method: .delete, headers: admin.headers())
            #expect(deleted.status == .noContent)
        }
        #expect(FileManager.default.fileExists(atPath: original))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory + "/" + clip.renditionDirectory))
    }
}
