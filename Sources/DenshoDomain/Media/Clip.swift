/// Where a clip is in its life: stored, being processed, playable, or failed with a reason.
public enum ClipStatus: String, Codable, Sendable, CaseIterable {
    case uploaded, processing, ready, failed

    public var label: String {
        switch self {
        case .uploaded: "処理待ち"
        case .processing: "処理中"
        case .ready: "視聴可"
        case .failed: "失敗"
        }
    }
}

/// A training clip (教育動画): the original as uploaded, and what processing made of it.
public struct Clip: Identifiable, Equatable, Codable, Sendable {
    public typealias ID = EntityID<Clip>
    public var id: ID
    public var companyID: Company.ID
    /// Who shot or registered it.
    public var ownerID: Employee.ID?
    public var title: String
    public var description: String
    public var tags: [String]
    public var skillIDs: [Skill.ID]
    public var status: ClipStatus
    public var failureReason: String?
    /// SHA-256 of the original, which names its file: stored once, never modified.
    public var originalHash: String
    public var originalExtension: String
    /// The file name it was uploaded under (shown, never used as a path).
    public var originalName: String
    public var originalSize: Int64
    public var probe: MediaProbe?
    public var manifest: ClipManifest?
    public var createdAt: String

    public init(
        id: ID, companyID: Company.ID, ownerID: Employee.ID?, title: String, description: String = "", tags: [String] = [],
        skillIDs: [Skill.ID] = [], status: ClipStatus = .uploaded, failureReason: String? = nil, originalHash: String,
        originalExtension: String, originalName: String, originalSize: Int64, probe: MediaProbe? = nil,
        manifest: ClipManifest? = nil, createdAt: String = ""
    ) {
        self.id = id
        self.companyID = companyID
        self.ownerID = ownerID
        self.title = title
        self.description = description
        self.tags = tags
        self.skillIDs = skillIDs
        self.status = status
        self.failureReason = failureReason
        self.originalHash = originalHash
        self.originalExtension = originalExtension
        self.originalName = originalName
        self.originalSize = originalSize
        self.probe = probe
        self.manifest = manifest
        self.createdAt = createdAt
    }

    /// The original's path inside the data directory: `originals/ab/<sha256>.<ext>`.
    public var originalPath: String { MediaPaths.original(hash: originalHash, extension: originalExtension) }
    /// The renditions' folder inside the data directory.
    public var renditionDirectory: String { MediaPaths.renditions(clip: id) }
}

/// A chapter (章) of a clip: a point to jump to, suggested from a scene change or set by hand.
public struct Chapter: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Chapter>
    public var id: ID
    public var clipID: Clip.ID
    /// Seconds from the start.
    public var time: Double
    public var title: String
    public var suggested: Bool

    public init(id: ID, clipID: Clip.ID, time: Double, title: String, suggested: Bool) {
        self.id = id
        self.clipID = clipID
        self.time = time
        self.title = title
        self.suggested = suggested
    }
}

/// Paths inside the data directory, derived only from hashes and ids, never from user input.
public enum MediaPaths {
    public static func original(hash: String, extension ext: String) -> String {
        "originals/\(hash.prefix(2))/\(hash).\(ext)"
    }

    public static func renditions(clip: Clip.ID) -> String { "renditions/\(clip.rawValue)" }

    /// A safe extension from an uploaded file's name: lowercase letters and digits, at most 5, else `bin`.
    public static func safeExtension(of fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: ".") else { return "bin" }
        let ext = fileName[fileName.index(after: dot)...].lowercased()
        return !ext.isEmpty && ext.count <= 5 && ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? ext : "bin"
    }
}
