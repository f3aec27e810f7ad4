/// A piece of text with its reading in katakana: `旋盤` → `センバン`, `を` → `ヲ`, `NC` → `NC`.
public struct ReadingSegment: Hashable, Sendable {
    public var surface: String
    public var reading: String

    public init(surface: String, reading: String) {
        self.surface = surface
        self.reading = reading
    }

    /// Whether the reading tells something the surface does not: a word written in kanji (or with kanji in it).
    /// Kana and Latin letters read as written, so search and furigana leave them alone.
    public var isKanjiWord: Bool {
        surface.unicodeScalars.contains { $0.properties.isIdeographic || $0 == "々" || $0 == "〆" || $0 == "ヶ" }
            && !reading.isEmpty && reading != surface
    }
}

/// Splits Japanese text into words with their readings, so that `せんばん` finds `旋盤` and furigana can be printed.
///
/// The product uses MeCab (`DenshoLanguage`); this protocol keeps the domain free of it, and `KanaReadings` is the
/// fallback where no dictionary is installed.
public protocol ReadingAnalyzer: Sendable {
    /// The segments of `text`, in order; their surfaces joined give `text` back exactly.
    func segments(of text: String) -> [ReadingSegment]
}

extension ReadingAnalyzer {
    /// The whole reading of `text` in katakana (kana and Latin letters as written).
    public func reading(of text: String) -> String {
        segments(of: text).map(\.reading).joined()
    }
}

/// Readings without a dictionary: every character reads as itself, so kana text still matches its reading and
/// kanji simply have none.
public struct KanaReadings: ReadingAnalyzer {
    public init() {}

    public func segments(of text: String) -> [ReadingSegment] {
        text.isEmpty ? [] : [ReadingSegment(surface: text, reading: text)]
    }
}
