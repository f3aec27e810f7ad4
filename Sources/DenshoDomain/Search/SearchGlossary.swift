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

    /// Reads `encoded` byte by byte: every search reads the glossaries of its hits, and `split` on `String` costs
    /// more than the marking it serves.
    public init(encoded: String) {
        var entries: [Entry] = []
        Self.scan(encoded) { literal, sound in
            entries.append(Entry(literal: String(decoding: literal, as: UTF8.self), sound: String(decoding: sound, as: UTF8.self)))
        }
        self.entries = entries
    }

    /// Each entry of `encoded` as its literal's and its sound's bytes, read in place: a search asks only for the few
    /// words that read as what was typed, so most entries never become strings.
    public static func scan(_ encoded: String, _ entry: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        var text = encoded
        text.withUTF8 { scan($0, entry) }
    }

    /// `scan` of the stored bytes, as a database row holds them.
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ entry: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        var tab = -1
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : 0x0A
            if byte == 0x09, tab < 0 {
                tab = index
            } else if byte == 0x0A {
                if tab > start, tab < index {
                    entry(UnsafeBufferPointer(rebasing: bytes[start..<tab]), UnsafeBufferPointer(rebasing: bytes[(tab + 1)..<index]))
                }
                start = index + 1
                tab = -1
            }
        }
    }
}
