import DenshoDomain
import Foundation

/// The files of the clip library inside a data directory: originals stored once under their
/// SHA-256 and never modified, renditions per clip. Every path is derived from a hash or an id.
public struct MediaLibrary: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// An original as stored.
    public struct StoredOriginal: Sendable {
        public var hash: String
        public var fileExtension: String
        public var size: Int64
        /// True when these bytes were already in the library.
        public var existed: Bool
    }

    public func absolute(_ relative: String) -> String { root + "/" + relative }

    /// Copies `path` into `originals/ab/<sha256>.<ext>` unless the same bytes are there already.
    /// The copy is written under a temporary name and renamed, so a half-copied original never exists.
    public func storeOriginal(from path: String, name: String? = nil) throws -> StoredOriginal {
        let (hash, size) = try SHA256.hex(ofFile: path)
        let ext = MediaPaths.safeExtension(of: name ?? path)
        let destination = absolute(MediaPaths.original(hash: hash, extension: ext))
        if FileManager.default.fileExists(atPath: destination) {
            return StoredOriginal(hash: hash, fileExtension: ext, size: size, existed: true)
        }
        let directory = (destination as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/.incoming-\(UUID().uuidString)"
        do {
            try FileManager.default.copyItem(atPath: path, toPath: temporary)
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: temporary)
            guard rename(temporary, destination) == 0 else { throw MediaError(.output, "cannot store the original") }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        return StoredOriginal(hash: hash, fileExtension: ext, size: size, existed: false)
    }

    /// Deletes a clip's renditions (the original stays).
    public func removeRenditions(of clip: Clip.ID) {
        try? FileManager.default.removeItem(atPath: absolute(MediaPaths.renditions(clip: clip)))
    }
}
