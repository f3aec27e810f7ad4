#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A tmpfs of `megabytes` mounted on a new folder (root only: CI runs as root), to fill up in
/// tests of what a full disk does; unmounted by `close()`.
public final class SmallDisk: Sendable {
    public let path: String

    public init(megabytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("densho-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try MediaFixtures.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
    }

    public var free: Int64 {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return 0 }
        return Int64(stats.f_bavail) * Int64(stats.f_frsize)
    }

    /// Takes all but `leaving` bytes with a filler file.
    public func fill(leaving: Int64) throws {
        let size = free - leaving
        guard size > 0 else { return }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "/filler", isDirectory: false).creatingIfMissing())
        let chunk = Data(count: 1 << 20)
        var written: Int64 = 0
        while written < size {
            let part = min(Int64(chunk.count), size - written)
            try handle.write(contentsOf: chunk.prefix(Int(part)))
            written += part
        }
        try handle.close()
    }

    public func close() {
        _ = try? MediaFixtures.run("/bin/umount", ["-l", path])
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension URL {
    /// The URL, after creating an empty file there if there is none.
    func creatingIfMissing() -> URL {
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        return self
    }
}
