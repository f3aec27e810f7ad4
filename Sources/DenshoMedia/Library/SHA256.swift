import DenshoDomain
import CFFmpeg
import Foundation

/// SHA-256 of a file with libavutil's implementation (already linked), read in 1 MiB chunks so a
/// 4K original never has to fit in memory.
public enum SHA256 {
    /// SHA-256 of a few bytes (tokens, ETags) as lowercase hex.
    public static func hex(of bytes: some Collection<UInt8>) -> String {
        guard let context = av_sha_alloc() else { fatalError("av_sha_alloc failed: out of memory") }
        defer { av_free(UnsafeMutableRawPointer(context)) }
        av_sha_init(context, 256)
        let array = Array(bytes)
        array.withUnsafeBufferPointer { av_sha_update(context, $0.baseAddress, array.count) }
        var digest = [UInt8](repeating: 0, count: 32)
        av_sha_final(context, &digest)
        return Hex.encode(digest)
    }

    static func hex(ofFile path: String) throws -> (hash: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw MediaError(.unreadable, "cannot read \(path)") }
        defer { try? handle.close() }
        guard let context = av_sha_alloc() else { throw MediaError(.internalError, "cannot allocate a hash") }
        defer { av_free(UnsafeMutableRawPointer(context)) }
        av_sha_init(context, 256)
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { av_sha_update(context, $0.bindMemory(to: UInt8.self).baseAddress, chunk.count) }
            size += Int64(chunk.count)
        }
        var digest = [UInt8](repeating: 0, count: 32)
        av_sha_final(context, &digest)
        return (Hex.encode(digest), size)
    }
}

extension SHA256 {
    /// An incremental SHA-256 (libavutil's), for hashing bytes while they are copied: a backup
    /// reads each original once, to write it and to check it.
    public final class Stream {
        private let context: OpaquePointer

        public init() {
            guard let context = av_sha_alloc() else { fatalError("av_sha_alloc failed: out of memory") }
            self.context = context
            av_sha_init(context, 256)
        }

        deinit { av_free(UnsafeMutableRawPointer(context)) }

        public func update(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            av_sha_update(context, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        }

        /// The digest as lowercase hex; the stream is then spent.
        public func finish() -> String {
            var digest = [UInt8](repeating: 0, count: 32)
            av_sha_final(context, &digest)
            return Hex.encode(digest)
        }
    }
}
