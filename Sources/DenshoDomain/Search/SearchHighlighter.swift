/// Marks where a query matched in a title or a text, folded the same way the index folds, and cuts snippets.
///
/// A word is marked where its literal key occurs (`ＮＣ` in `NC旋盤`, `高橋` in `髙橋`), where its sound occurs in kana
/// text (`ろーら` in `ローラー`), and where a kanji word of the document's glossary reads as it (`せんばん` marks `旋盤`).
/// Work is on Unicode scalars, not characters: grapheme breaking costs more than the folding itself.
public enum SearchHighlighter {
    /// Which scalars of `scalars` matched, and which of `query`'s terms matched somewhere.
    public static func marks(
        in scalars: [Unicode.Scalar], query: SearchQuery, glossary: SearchGlossary
    ) -> (marked: [Bool], matchedTerms: Set<Int>) {
        var marked = [Bool](repeating: false, count: scalars.count)
        var matched: Set<Int> = []
        guard !scalars.isEmpty else { return (marked, matched) }
        let literal = SearchFold.literalMap(scalars)
        let literalScalars = literal.map(\.scalar)
        var sounds: (map: [SearchFold.Folded], scalars: [Unicode.Scalar])?
        for (index, term) in query.terms.enumerated() {
            if mark(Array(term.literal.unicodeScalars), in: literalScalars, origins: literal, &marked) { matched.insert(index) }
            for sound in term.sounds {
                let soundMap = sounds ?? {
                    let map = SearchFold.soundMap(literal)
                    return (map, map.map(\.scalar))
                }()
                sounds = soundMap
                if mark(Array(sound.unicodeScalars), in: soundMap.scalars, origins: soundMap.map, &marked) { matched.insert(index) }
                for entry in glossary.entries
                where SearchFold.contains(entry.sound, sound) || (entry.sound.utf8.count >= 6 && SearchFold.contains(sound, entry.sound)) {
                    if mark(Array(entry.literal.unicodeScalars), in: literalScalars, origins: literal, &marked) { matched.insert(index) }
                }
            }
        }
        return (marked, matched)
    }

    /// `text` with its matches marked.
    public static func marked(_ text: String, query: SearchQuery, glossary: SearchGlossary) -> (text: MarkedText, matchedTerms: Set<Int>) {
        let scalars = Array(text.unicodeScalars)
        let (marks, matched) = marks(in: scalars, query: query, glossary: glossary)
        return (parts(scalars[...], marks: marks[...]), matched)
    }

    /// About `length` scalars of `text` around its first match (its start when nothing matched), with `…` where cut.
    public static func snippet(_ text: String, query: SearchQuery, glossary: SearchGlossary, length: Int = 64) -> MarkedText {
        // Long bodies are searched for the snippet in their first part only: the hit is already known to match.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(min(text.utf8.count, 2_000))
        var cut = false
        for scalar in text.unicodeScalars {
            guard scalars.count < 2_000 else {
                cut = true
                break
            }
            scalars.append(scalar == "\n" || scalar == "\r" ? " " : scalar)
        }
        let (marks, _) = marks(in: scalars, query: query, glossary: glossary)
        let first = marks.firstIndex(of: true) ?? 0
        var start = max(0, min(first - length / 4, scalars.count - length))
        var end = min(scalars.count, start + length)
        // Never cut between a letter and a mark or variation selector that belongs to it.
        while start > 0, attaches(scalars[start]) { start -= 1 }
        while end < scalars.count, attaches(scalars[end]) { end += 1 }
        var result = parts(scalars[start..<end], marks: marks[start..<end])
        if start > 0 { result.parts.insert(.init(text: "…", match: false), at: 0) }
        if end < scalars.count || cut { result.parts.append(.init(text: "…", match: false)) }
        return result
    }

    /// Marks every occurrence of `needle` in `haystack` (the origins' scalars); true when there was one.
    private static func mark(
        _ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], origins: [SearchFold.Folded], _ marked: inout [Bool]
    ) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        var found = false
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0], haystack[start..<(start + needle.count)].elementsEqual(needle) {
                for position in start..<(start + needle.count) {
                    for origin in origins[position].from..<origins[position].to { marked[origin] = true }
                }
                found = true
                start += needle.count
            } else {
                start += 1
            }
        }
        return found
    }

    /// Scalars drawn with the one before them: combining marks, voicing marks, variation selectors (`葛󠄀`).
    static func attaches(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x20D0...0x20FF, 0x3099...0x309A, 0xFE00...0xFE0F, 0xFE20...0xFE2F,
            0xFF9E...0xFF9F, 0xE0100...0xE01EF:
            true
        default:
            false
        }
    }

    private static func parts(_ scalars: ArraySlice<Unicode.Scalar>, marks: ArraySlice<Bool>) -> MarkedText {
        var parts: [MarkedText.Part] = []
        var current = String.UnicodeScalarView()
        var currentMatch = false
        for (scalar, match) in zip(scalars, marks) {
            // A combining mark stays with the scalar before it, whatever its own mark says.
            let match = attaches(scalar) && !current.isEmpty ? currentMatch : match
            if match != currentMatch, !current.isEmpty {
                parts.append(.init(text: String(current), match: currentMatch))
                current = String.UnicodeScalarView()
            }
            currentMatch = match
            current.append(scalar)
        }
        if !current.isEmpty { parts.append(.init(text: String(current), match: currentMatch)) }
        return MarkedText(parts: parts)
    }
}
