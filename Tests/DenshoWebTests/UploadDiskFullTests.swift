#if canImport(Glibc)
import Glibc
#endif
import DenshoDomain
import DenshoStore
import DenshoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

/// An upload whose disk fills up part-way: a clear Japanese 507, the bytes that did arrive kept for
/// resuming, no clip made of a partial file, the database whole; with space again it finishes.
@Suite("Uploads on a full disk", .enabled(if: getuid() == 0, "mounting a tmpfs needs root (CI runs as root)"))
struct UploadDiskFullTests {
    @Test func anUploadThatRunsOutOfSpaceAnswers507AndResumesLater() async throws {
        let disk = try SmallDisk(megabytes: 64)
        defer { disk.close() }
        let data = disk.path + "/data"
        try FileManager.default.copyItem(atPath: try await TemplateData.shared.path(), toPath: data)
        let store = try SQLiteStore(dataDirectory: data)
        var configuration = WebFixture.configuration(dataRoot: data)
        configuration.minimumFreeBytes = 0
        let account = try await store.credentials(login: "hanawa-staff")!.account
        let token = Tokens.random(), csrf = Tokens.random()
        try await store.createSession(SessionRecord(
            tokenHash: Tokens.digest(token), accountID: account.id, csrfToken: csrf, expiresAt: Date().timeIntervalSince1970 + 3600))
        let browser = Browser(cookie: token, csrf: csrf)
        let clipsBefore = try await store.clips(company: account.companyID!, status: nil).count
        let bytes = UploadTests.mp4Bytes(2_000_000)
        let router = try await WebServer.buildRouter(configuration: configuration, store: store)
        try await Application(router: router, logger: WebFixture.quietLogger).test(.router) { client in
            let created = try await client.execute(
                uri: "/uploads", method: .post,
                headers: UploadTests.tus(browser, [UploadController.uploadLength: String(bytes.count),
                                                   UploadController.uploadMetadata: UploadTests.metadata(["filename": "満杯.mp4"])]))
            #expect(created.status == .created)
            let location = try #require(created.headers[.location])
            try disk.fill(leaving: 256 << 10)
            let patch: HTTPFields = [.contentType: "application/offset+octet-stream", UploadController.uploadOffset: "0"]
            let full = try await client.execute(uri: location, method: .patch, headers: UploadTests.tus(browser, patch), body: ByteBuffer(bytes: bytes))
            #expect(full.status.code == 507)
            #expect(full.text.contains("ディスクの空き容量が足りない"), "\(full.text)")
            let head = try await client.execute(uri: location, method: .head, headers: UploadTests.tus(browser))
            let offset = try #require(head.headers[UploadController.uploadOffset].flatMap(Int.init))
            #expect(offset < bytes.count)
            #expect(try await store.clips(company: account.companyID!, status: nil).count == clipsBefore, "no clip of a partial file")
            #expect(try store.integrityCheck() == "ok")

            // Space again: the upload resumes where it stood and becomes a clip.
            try FileManager.default.removeItem(atPath: disk.path + "/filler")
            let rest: HTTPFields = [.contentType: "application/offset+octet-stream", UploadController.uploadOffset: String(offset)]
            let done = try await client.execute(
                uri: location, method: .patch, headers: UploadTests.tus(browser, rest), body: ByteBuffer(bytes: bytes[offset...]))
            #expect(done.status == .noContent)
            #expect(done.headers[UploadController.clipHeader] != nil)
        }
        #expect(try await store.clips(company: account.companyID!, status: nil).count == clipsBefore + 1)
    }
}
