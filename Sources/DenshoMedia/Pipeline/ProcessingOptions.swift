/// Settings of a processing run. Defaults give a clip every PC and phone plays at a modest size.
public struct ProcessingOptions: Sendable {
    /// Pixels on the short side of the rendition (never upscaled).
    public var shortSide = 720
    /// x264 speed preset: `veryfast` keeps an office PC responsive; quality comes from `crf`.
    public var preset = "veryfast"
    public var crf = 23
    /// Peak video bit rate, so a phone on the shop Wi-Fi can stream it.
    public var maxBitRate = 3_000_000
    /// Seconds between keyframes. Two seconds (as streaming services use) lets the player jump to a
    /// manual step at once and lets a printed sheet take a still at any time without decoding far;
    /// x264's default (250 frames, over 8 s) made both slow.
    public var keyframeInterval = 2.0
    public var audioBitRate = 128_000
    public var tileWidth = 160
    public var tileColumns = 10
    public var maxTiles = 100
    /// `scdet` threshold (percent of change) for a hard cut.
    public var sceneThreshold = 10.0
    /// Minimum seconds between suggested chapters.
    public var chapterSpacing = 5.0
    /// Decoder threads (0 = automatic). Few threads keep 4K memory use bounded.
    public var decoderThreads = 2
    /// Decode with slice threads instead of frame threads: one picture in flight instead of one per
    /// thread, which is what bounds memory on 4K HEVC. Always on for pictures above `sliceThreadingAbove`
    /// pixels (measured on 30 s of 4K HEVC 10-bit: 411 MB instead of 446 MB, 48 s instead of 42 s).
    public var sliceThreading = false
    public var sliceThreadingAbove = 1920 * 1088
    /// Threads for slice-threaded filters (scaling).
    public var filterThreads = 2

    public init() {}
}
