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
    /// With `move`, the file is renamed into place instead of copied (a finished upload on the
    /// same file system) and removed if the library already has the same bytes.
    public func storeOriginal(from path: String, name: String? = nil, move: Bool = false) throws -> StoredOriginal {
        let (hash, size) = try SHA256.hex(ofFile: path)
        let ext = MediaPaths.safeExtension(of: name ?? path)
        let destination = absolute(MediaPaths.original(hash: hash, extension: ext))
        if FileManager.default.fileExists(atPath: destination) {
            if move { try? FileManager.default.removeItem(atPath: path) }
            return StoredOriginal(hash: hash, fileExtension: ext, size: size, existed: true)
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
        return StoredOriginal(hash: hash, fileExtension: ext, size: size, existed: false)
    }

    /// Gives `clip` the renditions of `source` (made from the same original) as hard links, placed
    /// with one rename so a half-copied set is never visible. Renditions are never modified in
    /// place (processing replaces files by rename), so sharing their inodes is safe.
    public func shareRenditions(from source: Clip.ID, to clip: Clip.ID) throws {
        let from = absolute(MediaPaths.renditions(clip: source))
        let to = absolute(MediaPaths.renditions(clip: clip))
        let parent = (to as NSString).deletingLastPathComponent
        let staging = parent + "/.\(clip.rawValue)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do {
            for name in try FileManager.default.contentsOfDirectory(atPath: from) where !name.hasPrefix(".") {
                try FileManager.default.linkItem(atPath: from + "/" + name, toPath: staging + "/" + name)
            }
            try? FileManager.default.removeItem(atPath: to)
            guard rename(staging, to) == 0 else { throw MediaError(.output, "cannot place the shared renditions") }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// Deletes a clip's renditions (the original stays).
    public func removeRenditions(of clip: Clip.ID) {
        try? FileManager.default.removeItem(atPath: absolute(MediaPaths.renditions(clip: clip)))
    }
}
