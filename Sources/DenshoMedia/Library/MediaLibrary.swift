#if canImport(Glibc)
import Glibc
#endif
import DenshoDomain
import Foundation

/// The files of the clip library inside a data directory: originals stored once under their
/// SHA-256 and never modified, renditions per clip. Every path is derived from a hash or an id.
public struct MediaLibrary: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// A file that no record refers to (an original whose clips are gone, renditions of a removed
    /// clip) is removed only once it is this old (seconds): younger, it may be one being stored
    /// for a clip not yet registered. Storing the same bytes again makes an original young again.
    public static let orphanGrace: Double = 3600

    /// An original as stored.
    public struct StoredOriginal: Sendable {
        public var hash: String
        public var fileExtension: String
        public var size: Int64
        /// True when these bytes were already in the library.
        public var existed: Bool
    }

    public func absolute(_ relative: String) -> String { root + "/" + relative }

    /// Copies `path` into `originals/ab/<sha256>.<ext>` unless the same bytes are there already
    /// (they are then touched, young again for `orphanGrace`). The copy is written under a
    /// temporary name and renamed, so a half-copied original never exists. With `move`, the file
    /// is renamed into place instead of copied (a finished upload on the same file system), over
    /// the same bytes if the library has them: a sweep removing those at that moment cannot
    /// leave the clip about to be registered without its original.
    public func storeOriginal(from path: String, name: String? = nil, move: Bool = false) throws -> StoredOriginal {
        let (hash, size) = try SHA256.hex(ofFile: path)
        let ext = MediaPaths.safeExtension(of: name ?? path)
        let destination = absolute(MediaPaths.original(hash: hash, extension: ext))
        let existed = FileManager.default.fileExists(atPath: destination)
        if existed && !move {
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: destination)
            if FileManager.default.fileExists(atPath: destination) {
                return StoredOriginal(hash: hash, fileExtension: ext, size: size, existed: true)
            }
        }
        let directory = (destination as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/.incoming-\(UUID().uuidString)"
        do {
            if move {
                guard rename(path, temporary) == 0 else { throw MediaError(.output, "cannot move \(path) into the library") }
            } else {
                try FileManager.default.copyItem(atPath: path, toPath: temporary)
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: temporary)
            guard rename(temporary, destination) == 0 else { throw MediaError(.output, "cannot store the original") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        return StoredOriginal(hash: hash, fileExtension: ext, size: size, existed: existed)
    }

    /// Deletes a clip's renditions (the original stays).
    public func removeRenditions(of clip: Clip.ID) {
        try? FileManager.default.removeItem(atPath: absolute(MediaPaths.renditions(clip: clip)))
    }

    /// After a clip's record is removed: its renditions, and its original unless another clip
    /// refers to it or it is younger than `orphanGrace` (then `MediaSweep` removes it later).
    /// - Returns: Whether the original was removed.
    @discardableResult
    public func removeFiles(of removal: ClipRemoval, now: Date = Date()) -> Bool {
        removeRenditions(of: removal.clip.id)
        guard !removal.originalInUse else { return false }
        let original = absolute(removal.clip.originalPath)
        guard let modified = Self.modificationDate(original), now.timeIntervalSince(modified) >= Self.orphanGrace else { return false }
        return (try? FileManager.default.removeItem(atPath: original)) != nil
    }

    /// When a file or folder was last changed; nil if it does not exist.
    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Bytes this process may still write on the file system of the data directory (`statvfs`),
    /// or nil if the system does not say.
    public func freeBytes() -> Int64? {
        var info = statvfs()
        guard statvfs(root, &info) == 0 else { return nil }
        let (bytes, overflow) = UInt64(info.f_bavail).multipliedReportingOverflow(by: UInt64(info.f_frsize))
        return overflow ? .max : Int64(clamping: bytes)
    }
}
