/// The words of one indexed document that are written in kanji, with the sound of their reading.
///
/// Kept beside each index entry so a hit found by reading (`せんばん`) can mark `旋盤` in its title and snippet
/// without running the analyser again for every hit.
public struct SearchGlossary: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        /// `SearchFold.literal` of the word as written.
        public var literal: String
        /// `SearchFold.sound` of its reading.
        public var sound: String
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The kanji words of `segments`, once each, at most `limit` of them.
    public init(segments: [ReadingSegment], limit: Int = 400) {
        var seen: Set<String> = []
        var entries: [Entry] = []
        for segment in segments where segment.isKanjiWord {
            let literal = SearchFold.literal(segment.surface)
            guard !literal.isEmpty, seen.insert(literal).inserted else { continue }
            entries.append(Entry(literal: literal, sound: SearchFold.sound(segment.reading)))
            if entries.count == limit { break }
        }
        self.entries = entries
    }

    /// One line per word, `literal` TAB `sound`: the stored form.
    public var encoded: String { entries.map { $0.literal + "\t" + $0.sound }.joined(separator: "\n") }

    public init(encoded: String) {
        entries = encoded.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            return fields.count == 2 ? Entry(literal: String(fields[0]), sound: String(fields[1])) : nil
        }
    }
}
