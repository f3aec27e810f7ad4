/// What removing a clip's record left to do on disk.
public struct ClipRemoval: Sendable {
    /// The clip as it was.
    public var clip: Clip
    /// Whether another clip (of any company: originals are stored once by content) or a
    /// proposal's photo still refers to the original, which must then stay.
    public var originalInUse: Bool

    public init(clip: Clip, originalInUse: Bool) {
        self.clip = clip
        self.originalInUse = originalInUse
    }
}

/// A clip that cannot be removed: approved manuals show it, and an approved revision (版) is a
/// record that must keep its video.
public struct ClipInUse: Error, Hashable, Sendable, CustomStringConvertible {
    public var clipID: Clip.ID
    /// Titles of the manuals with approved revisions on the clip.
    public var manuals: [String]

    public init(clipID: Clip.ID, manuals: [String]) {
        self.clipID = clipID
        self.manuals = manuals
    }

    public var description: String {
        "clip #\(clipID) is shown by approved manual(s) \(manuals.joined(separator: ", ")); approved revisions keep their clip"
    }
}

/// The files of the data directory that clip records refer to, across every company: what the
/// sweeper must never remove.
public struct MediaReferences: Sendable {
    /// Originals as paths inside the data directory (`MediaPaths.original`): clips' and 改善提案 photos.
    public var originals: Set<String>
    /// Clips that exist (their renditions are `MediaPaths.renditions`).
    public var clips: Set<Clip.ID>

    public init(originals: Set<String>, clips: Set<Clip.ID>) {
        self.originals = originals
        self.clips = clips
    }
}
