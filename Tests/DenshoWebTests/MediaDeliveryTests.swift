import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

/// Serialized: `FileRegionHandler.regionsSent` counts for the whole process, so the router case
/// (which must send no file region) may not run while the live case sends them.
@Suite("Video delivery: byte ranges, ETag, If-Range", .serialized)
struct MediaDeliveryTests {
    @Test(arguments: [
        ("bytes=0-99", 1000, ByteRange.partial(0...99)),
        ("bytes=990-", 1000, .partial(990...999)),
        ("bytes=-10", 1000, .partial(990...999)),
        ("bytes=-5000", 1000, .partial(0...999)),
        ("bytes=500-5000", 1000, .partial(500...999)),
        ("bytes=1000-", 1000, .unsatisfiable),
        ("bytes=0-1,5-6", 1000, .whole),
        ("bytes=9-3", 1000, .whole),
        ("items=0-1", 1000, .whole),
        ("bytes=0-0", 0, .unsatisfiable),
    ])
    func rangesResolveAgainstTheSize(header: String, size: Int, expected: ByteRange) {
        #expect(ByteRange(header: header, size: size) == expected)
    }

    @Test func lastModifiedIsAnIMFFixdate() {
        #expect(FileDelivery.httpDate(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(FileDelivery.httpDate(secondsSince1970: 1_798_761_599) == "Thu, 31 Dec 2026 23:59:59 GMT")
    }

    /// In the router (buffers filled with `pread`) and over a real socket from the server that
    /// `densho serve` runs (`sendfile` through `FileRegionHandler`), one connection for all requests.
    @Test(arguments: [false, true])
    func rangesAndValidatorsOnARealRendition(sendfile: Bool) async throws {
        let fixture = try await WebFixture()
        let clip = try await fixture.readyClip()
        let file = try Data(contentsOf: URL(fileURLWithPath: fixture.directory + "/" + clip.renditionDirectory + "/clip.mp4"))
        let browser = try await fixture.browser(.staff)
        let uri = "/clips/\(clip.id)/media/clip.mp4"
        let sentBefore = FileRegionHandler.regionsSent
        let app = try await fixture.application(server: sendfile ? .http1WithSendfile() : .http1())
        try await app.test(sendfile ? .live : .router) { client in
            let whole = try await client.execute(uri: uri, method: .get, headers: browser.headers())
            #expect(whole.status == .ok)
            #expect(Data(whole.body.readableBytesView) == file)
            #expect(whole.headers[.acceptRanges] == "bytes" && whole.headers[.contentType] == "video/mp4")
            let etag = try #require(whole.headers[.eTag])

            let part = try await client.execute(uri: uri, method: .get, headers: browser.headers([.range: "bytes=100-1123"]))
            #expect(part.status == .partialContent)
            #expect(part.headers[.contentRange] == "bytes 100-1123/\(file.count)")
            #expect(Data(part.body.readableBytesView) == file[100...1123])

            let tail = try await client.execute(uri: uri, method: .get, headers: browser.headers([.range: "bytes=-16"]))
            #expect(Data(tail.body.readableBytesView) == file.suffix(16))

            let stale = try await client.execute(uri: uri, method: .get, headers: browser.headers([.range: "bytes=0-9", .ifRange: "\"old\""]))
            #expect(stale.status == .ok && stale.body.readableBytes == file.count)
            let fresh = try await client.execute(uri: uri, method: .get, headers: browser.headers([.range: "bytes=0-9", .ifRange: etag]))
            #expect(fresh.status == .partialContent && fresh.body.readableBytes == 10)

            let cached = try await client.execute(uri: uri, method: .get, headers: browser.headers([.ifNoneMatch: etag]))
            #expect(cached.status == .notModified && cached.body.readableBytes == 0)

            let beyond = try await client.execute(uri: uri, method: .get, headers: browser.headers([.range: "bytes=\(file.count)-"]))
            #expect(beyond.status == .rangeNotSatisfiable && beyond.headers[.contentRange] == "bytes */\(file.count)")

            let head = try await client.execute(uri: uri, method: .head, headers: browser.headers())
            #expect(head.headers[.contentLength] == String(file.count) && head.body.readableBytes == 0)

            // Only names the manifest lists are served; nothing else in or near the folder.
            for name in ["manifest.json", "..%2Fmanifest.json", "..%2F..%2Fdensho.sqlite", "clip.mp4.partial"] {
                let response = try await client.execute(uri: "/clips/\(clip.id)/media/\(name)", method: .get, headers: browser.headers())
                #expect(response.status == .notFound, "\(name)")
            }
            let vtt = try await client.execute(uri: "/clips/\(clip.id)/media/storyboard.vtt", method: .get, headers: browser.headers())
            #expect(vtt.text.hasPrefix("WEBVTT") && vtt.headers[.contentType]?.hasPrefix("text/vtt") == true)

            // Back-to-back ranges on the same connection each get their own bytes, in order.
            for start in stride(from: 0, to: file.count, by: max(1, file.count / 7)) {
                let end = min(file.count - 1, start + 4095)
                let response = try await client.execute(uri: uri, method: .get, headers: browser.headers([.range: "bytes=\(start)-\(end)"]))
                #expect(Data(response.body.readableBytesView) == file[start...end], "bytes \(start)-\(end)")
            }
        }
        // The live server sent the whole file twice, three ranges and the seven or more ranges above with
        // sendfile; the router, none at all.
        let regions = FileRegionHandler.regionsSent - sentBefore
        if sendfile {
            #expect(regions >= 12, "only \(regions) responses went out as file regions")
        } else {
            #expect(regions == 0, "\(regions) file regions counted while only the router answered")
        }
    }
}
