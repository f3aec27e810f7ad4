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

@Suite("Resumable uploads (tus 1.0)")
struct UploadTests {
    static func tus(_ browser: Browser, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = browser.headers(extra)
        headers[UploadController.tusResumable] = "1.0.0"
        return headers
    }

    static func metadata(_ pairs: [String: String]) -> String {
        pairs.map { "\($0.key) \(Data($0.value.utf8).base64EncodedString())" }.joined(separator: ",")
    }

    @Test func chunksBecomeAQueuedClipWithTheOriginalKeptByHash() async throws {
        let fixture = try await WebFixture()
        let browser = try await fixture.browser(.staff)
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try await fixture.application().test(.router) { client in
            let created = try await client.execute(
                uri: "/uploads", method: .post,
                headers: Self.tus(browser, [UploadController.uploadLength: String(bytes.count),
                                            UploadController.uploadMetadata: Self.metadata(["filename": "段取り.MOV", "title": "NC旋盤 段取り", "tags": "旋盤, 段取り"])]))
            #expect(created.status == .created)
            let location = try #require(created.headers[.location])
            #expect(location.hasPrefix("/uploads/"))

            var offset = 0
            for size in [100_000, 150_000, 50_000] {
                // A wrong offset is refused with the right one, and nothing is written.
                let wrong = try await client.execute(
                    uri: location, method: .patch,
                    headers: Self.tus(browser, [.contentType: "application/offset+octet-stream", UploadController.uploadOffset: String(offset + 1)]),
                    body: ByteBuffer(bytes: bytes[offset..<offset + size]))
                #expect(wrong.status == .conflict)
                #expect(wrong.headers[UploadController.uploadOffset] == String(offset))
                let response = try await client.execute(
                    uri: location, method: .patch,
                    headers: Self.tus(browser, [.contentType: "application/offset+octet-stream", UploadController.uploadOffset: String(offset)]),
                    body: ByteBuffer(bytes: bytes[offset..<offset + size]))
                #expect(response.status == .noContent)
                offset += size
                #expect(response.headers[UploadController.uploadOffset] == String(offset))
                let head = try await client.execute(uri: location, method: .head, headers: Self.tus(browser))
                #expect(head.headers[UploadController.uploadOffset] == String(offset))
                if offset == bytes.count {
                    let clipID = try #require(response.headers[UploadController.clipHeader].flatMap(Int64.init))
                    let hanawa = try await fixture.company("hanawa")
                    let clip = try #require(try await fixture.store.clip(.init(clipID), company: hanawa.id))
                    #expect(clip.title == "NC旋盤 段取り" && clip.tags == ["旋盤", "段取り"] && clip.status == .uploaded)
                    let owner = try await fixture.employee(of: "hanawa-staff")
                    #expect(clip.originalExtension == "mov" && clip.ownerID == owner.id)
                    let original = fixture.directory + "/" + clip.originalPath
                    #expect(try Data(contentsOf: URL(fileURLWithPath: original)) == bytes)
                    #expect(try await fixture.store.jobs(clip: clip.id).first?.state == .queued)
                }
            }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/uploads")
            #expect(leftovers.isEmpty, "part files left: \(leftovers)")
        }
    }

    @Test func tooLargeIsRefusedWith413AndLeavesNothing() async throws {
        let fixture = try await WebFixture()
        let browser = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/uploads", method: .post,
                headers: Self.tus(browser, [UploadController.uploadLength: String(fixture.configuration.maxUploadBytes + 1)]))
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("ファイルが大きすぎます"))
            // Sending more than announced is refused too, and only the announced bytes can ever land.
            let created = try await client.execute(
                uri: "/uploads", method: .post, headers: Self.tus(browser, [UploadController.uploadLength: "4"]))
            let location = try #require(created.headers[.location])
            let over = try await client.execute(
                uri: location, method: .patch,
                headers: Self.tus(browser, [.contentType: "application/offset+octet-stream", UploadController.uploadOffset: "0"]),
                body: ByteBuffer(string: "123456789"))
            #expect(over.status == .contentTooLarge)
            let deleted = try await client.execute(uri: location, method: .delete, headers: Self.tus(browser))
            #expect(deleted.status == .noContent)
        }
        let uploads = (try? FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/uploads")) ?? []
        #expect(uploads.isEmpty)
        let hanawa = try await fixture.company("hanawa")
        #expect(try await fixture.store.clips(company: hanawa.id, status: nil).count == 1)  // only the fixture's clip
    }

    @Test func aClipThatFailsShowsTheReasonAndKeepsTheOriginal() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.employee(of: "hanawa-staff")
        let clip = try await fixture.failedClip(company: hanawa, owner: staff.id, tag: "ui")
        let browser = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let page = try await client.execute(uri: "/clips/\(clip.id)", method: .get, headers: browser.headers())
            #expect(page.text.contains("動画として読み込めません"))
            #expect(page.text.contains("action=\"/clips/\(clip.id)/retry\""))
            let list = try await client.execute(uri: "/clips", method: .get, headers: browser.headers())
            #expect(list.text.contains("動画として読み込めません"))
        }
    }
}
