import CSHA256
import DenshoDomain
import Foundation

/// SHA-256 through `CSHA256`: the x86 SHA extensions where the processor has them, portable C
/// otherwise. Originals are named by their hash and hashed again by every backup and verify, so
/// the hash runs at about the speed the disk reads (libavutil's software hash, used before, ran
/// at a fifth of that and made a backup of new videos slower than copying them).
public enum SHA256 {
    /// SHA-256 of a few bytes (tokens, ETags) as lowercase hex.
    public static func hex(of bytes: some Collection<UInt8>) -> String {
        let stream = Stream()
        let array = Array(bytes)
        array.withUnsafeBytes { stream.update($0) }
        return stream.finish()
    }

    /// SHA-256 of a file, read in 4 MiB chunks so a 4K original never has to fit in memory.
    static func hex(ofFile path: String) throws -> (hash: String, size: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw MediaError(.unreadable, "cannot read \(path)") }
        defer { close(descriptor) }
        let stream = Stream()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var size: Int64 = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw MediaError(.unreadable, "cannot read \(path): \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            stream.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += Int64(count)
        }
        return (stream.finish(), size)
    }

    /// Whether the processor's SHA extensions are used (shown by `densho verify` and the bench).
    public static var accelerated: Bool { densho_sha256_accelerated() != 0 }
}

extension SHA256 {
    /// An incremental SHA-256, for hashing bytes while they are copied: a backup reads each
    /// original once, to write it and to check it.
    public final class Stream {
        private var context = densho_sha256()

        public init() { densho_sha256_init(&context) }

        public func update(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            densho_sha256_update(&context, base, bytes.count)
        }

        /// The digest as lowercase hex; the stream is then spent.
        public func finish() -> String {
            var digest = [UInt8](repeating: 0, count: 32)
            densho_sha256_final(&context, &digest)
            return Hex.encode(digest)
        }
    }
}
