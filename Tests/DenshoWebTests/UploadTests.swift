import DenshoDomain
import DenshoMedia
import DenshoStore
import DenshoTestSupport
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

    /// `count` bytes that announce an MP4 (an `ftyp` box), enough for the upload's check that a file
    /// is a video; what follows is no real video (the worker would fail it, keeping the original).
    static func mp4Bytes(_ count: Int, seed: Int = 31) -> Data {
        let box: [UInt8] = [0, 0, 0, 20] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isom".utf8)
        return Data(box + (box.count..<count).map { UInt8(truncatingIfNeeded: $0 &* seed) })
    }

    /// The application over the fixture's data with a changed configuration.
    static func application(_ fixture: WebFixture, _ change: (inout WebConfiguration) -> Void) async throws -> some ApplicationProtocol {
        var configuration = fixture.configuration
        change(&configuration)
        let router = try await WebServer.buildRouter(configuration: configuration, store: fixture.store)
        return Application(router: router, logger: WebFixture.quietLogger)
    }

    static func partFiles(_ fixture: WebFixture) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/uploads")) ?? []).filter { $0.hasSuffix(".part") }
    }

    static func originals(_ fixture: WebFixture) -> Set<String> {
        Set((try? FileManager.default.subpathsOfDirectory(atPath: fixture.directory + "/originals")) ?? [])
    }

    @Test func chunksBecomeAQueuedClipWithTheOriginalKeptByHash() async throws {
        let fixture = try await WebFixture()
        let browser = try await fixture.browser(.staff)
        let bytes = Self.mp4Bytes(300_000)
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

    /// The finding: 60 uploads of the largest size were all accepted, each leaving a part file.
    /// An account holds at most three unfinished uploads (the default quota), whatever their size.
    @Test func sixtyLargeUploadsStopAtTheAccountsQuota() async throws {
        let fixture = try await WebFixture()
        let browser = try await fixture.browser(.staff)
        let largest = String(fixture.configuration.maxUploadBytes)
        let statuses = try await fixture.application().test(.router) { client in
            var statuses: [Int] = []
            for _ in 0..<60 {
                let response = try await client.execute(
                    uri: "/uploads", method: .post, headers: Self.tus(browser, [UploadController.uploadLength: largest]))
                statuses.append(response.status.code)
                if response.status == .tooManyRequests {
                    #expect(response.text.contains("送信途中のアップロードが上限の3件に達しています"))
                    #expect(response.headers[.contentType] == "application/problem+json", "the uploader shows the message")
                }
            }
            return statuses
        }
        #expect(statuses.filter { $0 == 201 }.count == UploadQuota().uploadsPerAccount)
        #expect(statuses.dropFirst(UploadQuota().uploadsPerAccount).allSatisfy { $0 == 429 })
        #expect(Self.partFiles(fixture).count == UploadQuota().uploadsPerAccount)
    }

    @Test func theCompanysQuotaAndDeclaredBytesAreLimitsToo() async throws {
        let fixture = try await WebFixture()
        let staff = try await fixture.browser(.staff), supervisor = try await fixture.browser(.supervisor)
        let admin = try await fixture.browser(.admin), other = try await fixture.browser(.other)
        let app = try await Self.application(fixture) {
            $0.uploadQuota = UploadQuota(uploadsPerAccount: 2, bytesPerAccount: 1 << 20, uploadsPerCompany: 3, bytesPerCompany: 8 << 20)
        }
        try await app.test(.router) { client in
            func create(_ browser: Browser, _ length: Int) async throws -> TestResponse {
                try await client.execute(uri: "/uploads", method: .post, headers: Self.tus(browser, [UploadController.uploadLength: String(length)]))
            }
            #expect(try await create(staff, 600_000).status == .created)
            let bytes = try await create(staff, 600_000)  // 1.2 MB declared together: over the account's 1 MB
            #expect(bytes.status == .tooManyRequests && bytes.text.contains("合計が上限（1 MB）を超えます"))
            let kept = try await create(staff, 400_000)
            #expect(kept.status == .created)
            #expect(try await create(supervisor, 1000).status == .created)
            let company = try await create(admin, 1000)
            #expect(company.status == .tooManyRequests && company.text.contains("会社全体で送信途中のアップロードが上限の3件"))
            // Another company is counted on its own.
            #expect(try await create(other, 1000).status == .created)
            // Cancelling an upload frees its place.
            let location = try #require(kept.headers[.location])
            #expect(try await client.execute(uri: location, method: .delete, headers: Self.tus(staff)).status == .noContent)
            #expect(try await create(admin, 1000).status == .created)
        }
    }

    @Test func anUploadTheDiskCannotHoldIsRefusedWith507() async throws {
        let fixture = try await WebFixture()
        let browser = try await fixture.browser(.staff)
        let app = try await Self.application(fixture) { $0.minimumFreeBytes = Int64.max / 2 }
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/uploads", method: .post, headers: Self.tus(browser, [UploadController.uploadLength: "1000"]))
            #expect(response.status.code == 507)
            #expect(response.text.contains("サーバーの空き容量が足りない"))
        }
        #expect(Self.partFiles(fixture).isEmpty)
        // Nothing was recorded either: the quota still has all its places.
        try await fixture.application().test(.router) { client in
            for _ in 0..<UploadQuota().uploadsPerAccount {
                let response = try await client.execute(
                    uri: "/uploads", method: .post, headers: Self.tus(browser, [UploadController.uploadLength: "1000"]))
                #expect(response.status == .created)
            }
        }
    }

    /// The finding: a finished `evil.html` was kept as an original and queued as a clip.
    @Test func aFileThatIsNoVideoIsRefusedWith415AndNothingIsKept() async throws {
        let fixture = try await WebFixture()
        let browser = try await fixture.browser(.staff)
        let hanawa = try await fixture.company("hanawa")
        let clipsBefore = try await fixture.store.clips(company: hanawa.id, status: nil).count
        let originalsBefore = Self.originals(fixture)
        let page = Data("<!DOCTYPE html><html><body><script>fetch('/api/v1/me')</script></body></html>".utf8)
        let junk = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try await fixture.application().test(.router) { client in
            // A small page, sent whole.
            let created = try await client.execute(
                uri: "/uploads", method: .post,
                headers: Self.tus(browser, [UploadController.uploadLength: String(page.count),
                                            UploadController.uploadMetadata: Self.metadata(["filename": "evil.html"])]))
            let location = try #require(created.headers[.location])
            let refused = try await client.execute(
                uri: location, method: .patch,
                headers: Self.tus(browser, [.contentType: "application/offset+octet-stream", UploadController.uploadOffset: "0"]),
                body: ByteBuffer(bytes: page))
            #expect(refused.status == .unsupportedMediaType)
            #expect(refused.text.contains("動画ファイルではないため受け付けられません"))
            #expect(refused.headers[UploadController.clipHeader] == nil)
            #expect(try await client.execute(uri: location, method: .head, headers: Self.tus(browser)).status == .notFound)

            // A large file that is no video is refused at its first chunk, not after all of it.
            let large = try await client.execute(
                uri: "/uploads", method: .post, headers: Self.tus(browser, [UploadController.uploadLength: String(junk.count)]))
            let largeLocation = try #require(large.headers[.location])
            let first = try await client.execute(
                uri: largeLocation, method: .patch,
                headers: Self.tus(browser, [.contentType: "application/offset+octet-stream", UploadController.uploadOffset: "0"]),
                body: ByteBuffer(bytes: junk.prefix(100_000)))
            #expect(first.status == .unsupportedMediaType)
            #expect(try await client.execute(uri: largeLocation, method: .head, headers: Self.tus(browser)).status == .notFound)
        }
        #expect(Self.partFiles(fixture).isEmpty)
        #expect(Self.originals(fixture) == originalsBefore, "no original is kept of a file that is no video")
        #expect(try await fixture.store.clips(company: hanawa.id, status: nil).count == clipsBefore)
    }

    /// A real video under a name a browser would render is kept, with a video's extension.
    @Test func aVideoNamedLikeAPageIsKeptAsMP4() async throws {
        let fixture = try await WebFixture()
        let browser = try await fixture.browser(.staff)
        // A new file: the fixture's own clip holds the landscape video's bytes already.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try MediaFixtures.short()))
        try await fixture.application().test(.router) { client in
            let created = try await client.execute(
                uri: "/uploads", method: .post,
                headers: Self.tus(browser, [UploadController.uploadLength: String(bytes.count),
                                            UploadController.uploadMetadata: Self.metadata(["filename": "page.html"])]))
            let location = try #require(created.headers[.location])
            let done = try await client.execute(
                uri: location, method: .patch,
                headers: Self.tus(browser, [.contentType: "application/offset+octet-stream", UploadController.uploadOffset: "0"]),
                body: ByteBuffer(bytes: bytes))
            #expect(done.status == .noContent)
            let clipID = try #require(done.headers[UploadController.clipHeader].flatMap(Int64.init))
            let clip = try #require(try await fixture.store.clip(.init(clipID), company: try await fixture.company("hanawa").id))
            #expect(clip.originalExtension == "mp4" && clip.originalName == "page.html")
            #expect(FileManager.default.fileExists(atPath: fixture.directory + "/" + clip.originalPath))
        }
    }
}
