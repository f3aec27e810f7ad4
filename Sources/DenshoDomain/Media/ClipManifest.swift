/// Everything one processing run produced for a clip; written as `manifest.json` beside the outputs.
public struct ClipManifest: Codable, Sendable, Equatable {
    /// Its file's name in the clip's rendition folder.
    public static let fileName = "manifest.json"

    public struct Storyboard: Codable, Sendable, Equatable {
        public var vtt: String
        public var sprites: [String]
        public var tileWidth: Int
        public var tileHeight: Int
        public var columns: Int
        public var tiles: Int
        /// Seconds between tiles.
        public var interval: Double

        public init(vtt: String, sprites: [String], tileWidth: Int, tileHeight: Int, columns: Int, tiles: Int, interval: Double) {
            self.vtt = vtt
            self.sprites = sprites
            self.tileWidth = tileWidth
            self.tileHeight = tileHeight
            self.columns = columns
            self.tiles = tiles
            self.interval = interval
        }
    }

    /// A hard cut found by scene detection.
    public struct SceneChange: Codable, Sendable, Equatable {
        public var time: Double
        public var score: Double

        public init(time: Double, score: Double) {
            self.time = time
            self.score = score
        }
    }

    public var version = 1
    public var source: MediaProbe
    /// The playable rendition (H.264 High + AAC-LC in MP4).
    public var video: String
    public var width: Int
    public var height: Int
    public var duration: Double
    public var hasAudio: Bool
    public var poster: String
    public var storyboard: Storyboard
    public var sceneChanges: [SceneChange]
    /// Chapter start times suggested from scene changes, at least the configured spacing apart.
    public var suggestedChapters: [Double]
    /// Things that went less than perfectly but did not stop processing (a truncated input …).
    public var warnings: [String]

    /// The files of the rendition folder that are sent to viewers; nothing else there is.
    public var servedFiles: [String] { [video, poster, storyboard.vtt] + storyboard.sprites }

    public init(
        source: MediaProbe, video: String, width: Int, height: Int, duration: Double, hasAudio: Bool, poster: String,
        storyboard: Storyboard, sceneChanges: [SceneChange], suggestedChapters: [Double], warnings: [String]
    ) {
        self.source = source
        self.video = video
        self.width = width
        self.height = height
        self.duration = duration
        self.hasAudio = hasAudio
        self.poster = poster
        self.storyboard = storyboard
        self.sceneChanges = sceneChanges
        self.suggestedChapters = suggestedChapters
        self.warnings = warnings
    }
}

/// Pure rules of the processing plan, kept apart from libav so they can be tested directly.
public enum RenditionPlan {
    /// Output size: `shortSide` on the short side, never upscaled, both sides even.
    public static func size(width: Int, height: Int, shortSide: Int = 720) -> (width: Int, height: Int) {
        let short = min(width, height)
        let target = min(short, shortSide)
        // Rounded down to even: rounding up could exceed the source by a pixel.
        func even(_ value: Double) -> Int { max(2, Int(value / 2) * 2) }
        if width <= height {
            return (even(Double(target)), even(Double(height) * Double(target) / Double(width)))
        }
        return (even(Double(width) * Double(target) / Double(height)), even(Double(target)))
    }

    /// Seconds between storyboard tiles so that a clip has at most about `maxTiles` tiles.
    public static func tileInterval(duration: Double, maxTiles: Int = 100) -> Double {
        max(1, (duration / Double(maxTiles)).rounded(.up))
    }

    /// Chapter starts from scene changes: the start, then cuts at least `spacing` seconds after the
    /// previous chapter and not within `spacing` of the end.
    public static func chapters(from cuts: [Double], duration: Double, spacing: Double) -> [Double] {
        var chapters: [Double] = [0]
        for cut in cuts.sorted() where cut - chapters.last! >= spacing && duration - cut >= min(spacing, duration / 4) {
            chapters.append(cut)
        }
        return chapters
    }

    /// A WebVTT track whose cues point at sprite tiles (`sprite.jpg#xywh=x,y,w,h`).
    public static func storyboardVTT(
        tileTimes: [Double], duration: Double, sprites: [String], columns: Int, rows: Int, tileWidth: Int, tileHeight: Int
    ) -> String {
        var text = "WEBVTT\n"
        let perSheet = columns * rows
        for (index, start) in tileTimes.enumerated() {
            let end = index + 1 < tileTimes.count ? tileTimes[index + 1] : max(duration, start + 0.001)
            let sheet = index / perSheet
            let position = index % perSheet
            text += "\n\(timestamp(start)) --> \(timestamp(end))\n"
            text += "\(sprites[sheet])#xywh=\(position % columns * tileWidth),\(position / columns * tileHeight),\(tileWidth),\(tileHeight)\n"
        }
        return text
    }

    /// `00:01:02.345`
    static func timestamp(_ seconds: Double) -> String {
        let millis = Int((max(0, seconds) * 1000).rounded())
        let h = millis / 3_600_000, m = millis / 60_000 % 60, s = millis / 1000 % 60, ms = millis % 1000
        func pad(_ v: Int, _ n: Int) -> String { String(repeating: "0", count: max(0, n - String(v).count)) + String(v) }
        return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(ms, 3))"
    }
}
