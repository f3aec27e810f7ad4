import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Sends a rendition file with byte ranges, a strong ETag, If-None-Match and If-Range — what
/// video players need to seek. The caller has already checked who may see it and chosen the path
/// (never from user input).
struct FileDelivery: Sendable {
    func respond(path: String, contentType: String, request: Request, context: AppRequestContext) async throws -> Response {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw WebError.notFound }
        let size = Int(info.st_size)
        let modifiedMilliseconds = Int(info.st_mtim.tv_sec) * 1000 + Int(info.st_mtim.tv_nsec) / 1_000_000
        // Renditions are replaced by rename, never edited: inode, size and mtime identify the bytes.
        let etag = "\"\(String(UInt64(info.st_ino), radix: 16))-\(String(size, radix: 16))-\(String(modifiedMilliseconds, radix: 16))\""
        var headers: HTTPFields = [
            .contentType: contentType, .eTag: etag, .acceptRanges: "bytes", .cacheControl: "private, max-age=3600",
            .lastModified: Self.httpDate(secondsSince1970: Int(info.st_mtim.tv_sec)),
        ]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0 == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        var range = ByteRange(header: request.headers[.range], size: size)
        if let ifRange = request.headers[.ifRange], ifRange != etag { range = .whole }  // changed since: send it all
        switch range {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        case .whole:
            headers[.contentLength] = String(size)
            if request.method == .head { return Response(status: .ok, headers: headers) }
            return Response(status: .ok, headers: headers, body: Self.body(path: path, range: 0...max(0, size - 1), size: size, channel: context.channel))
        case .partial(let bytes):
            headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(size)"
            headers[.contentLength] = String(bytes.count)
            if request.method == .head { return Response(status: .partialContent, headers: headers) }
            return Response(status: .partialContent, headers: headers, body: Self.body(path: path, range: bytes, size: size, channel: context.channel))
        }
    }

    /// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), always in English and GMT.
    static func httpDate(secondsSince1970 seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Sends the range from the connection's event loop. Where the connection has a
    /// `FileRegionHandler` (plain HTTP/1.1 from `densho serve`), the kernel copies the file to the
    /// socket (`sendfile`); otherwise `pread` fills response buffers of up to 1 MiB: one system call
    /// and one copy per MiB, with no thread hand-off. (Reading 128 KiB chunks through a thread pool,
    /// as a general file server does, halved the throughput of 1 MiB video ranges.)
    static func body(path: String, range: ClosedRange<Int>, size: Int, channel: any Channel) -> ResponseBody {
        guard size > 0 else { return ResponseBody() }
        return ResponseBody(contentLength: range.count) { writer in
          try await withTaskExecutorPreference(EventLoopExecutor(channel.eventLoop)) {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw WebError.notFound }
            if channel.eventLoop.inEventLoop, let handler = try? channel.pipeline.syncOperations.handler(type: FileRegionHandler.self) {
                // NIO's FileRegion still takes a NIOFileHandle; the handler closes it once sent.
                let region = FileRegion(
                    fileHandle: NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: fd), readerIndex: range.lowerBound,
                    endIndex: range.upperBound + 1)
                let marker = handler.enqueue(region)
                do {
                    try await writer.write(marker)
                } catch {
                    // Still on the loop (the task prefers its executor); else the connection is going and
                    // the handler closes what it holds when it is removed.
                    if channel.eventLoop.inEventLoop { handler.withdraw(region) }
                    throw error
                }
                try await writer.finish(nil)
                return
            }
            defer { close(fd) }
            var offset = range.lowerBound
            while offset <= range.upperBound {
                let count = min(chunk, range.upperBound - offset + 1)
                var buffer = ByteBufferAllocator().buffer(capacity: count)
                let read = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
                    max(0, pread(fd, raw.baseAddress, count, off_t(offset)))
                }
                guard read > 0 else { throw WebError(.internalServerError, ja: "動画を読めません。", en: "Cannot read the file.") }
                offset += read
                try await writer.write(buffer)
            }
            try await writer.finish(nil)
          }
        }
    }

    static let chunk = 1 << 20
}
