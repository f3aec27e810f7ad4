/// Marks where a query matched in a title or a text, folded the same way the index folds, and cuts snippets.
///
/// A word is marked where its literal key occurs (`ＮＣ` in `NC旋盤`, `高橋` in `髙橋`), where its sound occurs in kana
/// text (`ろーら` in `ローラー`), and where a kanji word of the document's glossary reads as it (`せんばん` marks `旋盤`).
public enum SearchHighlighter {
    /// Which characters of `characters` matched, and which of `query`'s terms matched somewhere.
    public static func marks(
        in characters: [Character], query: SearchQuery, glossary: SearchGlossary
    ) -> (marked: [Bool], matchedTerms: Set<Int>) {
        var marked = [Bool](repeating: false, count: characters.count)
        var matched: Set<Int> = []
        guard !characters.isEmpty else { return (marked, matched) }
        let literal = SearchFold.literalMap(characters)
        let literalScalars = literal.map(\.scalar)
        var soundMap: [(scalar: Unicode.Scalar, origin: Int)]?
        for (index, term) in query.terms.enumerated() {
            if mark(Array(term.literal.unicodeScalars), in: literalScalars, origins: literal, &marked) { matched.insert(index) }
            for sound in term.sounds {
                let sounds = soundMap ?? SearchFold.soundMap(literal)
                soundMap = sounds
                if mark(Array(sound.unicodeScalars), in: sounds.map(\.scalar), origins: sounds, &marked) { matched.insert(index) }
                for entry in glossary.entries
                where SearchFold.contains(entry.sound, sound) || (entry.sound.unicodeScalars.count >= 2 && SearchFold.contains(sound, entry.sound)) {
                    if mark(Array(entry.literal.unicodeScalars), in: literalScalars, origins: literal, &marked) { matched.insert(index) }
                }
            }
        }
        return (marked, matched)
    }

    /// `text` with its matches marked.
    public static func marked(_ text: String, query: SearchQuery, glossary: SearchGlossary) -> (text: MarkedText, matchedTerms: Set<Int>) {
        let characters = Array(text)
        let (marks, matched) = marks(in: characters, query: query, glossary: glossary)
        return (parts(characters[...], marks: marks[...]), matched)
    }

    /// About `length` characters of `text` around its first match (its start when nothing matched), with `…` where cut.
    public static func snippet(_ text: String, query: SearchQuery, glossary: SearchGlossary, length: Int = 64) -> MarkedText {
        // Long bodies are searched for the snippet in their first part only: the hit is already known to match.
        let characters = Array(text.prefix(4_000)).map { $0.isNewline ? " " : $0 }
        let (marks, _) = marks(in: characters, query: query, glossary: glossary)
        let first = marks.firstIndex(of: true) ?? 0
        let start = max(0, min(first - length / 4, characters.count - length))
        let end = min(characters.count, start + length)
        var result = parts(characters[start..<end], marks: marks[start..<end])
        if start > 0 { result.parts.insert(.init(text: "…", match: false), at: 0) }
        if end < text.count { result.parts.append(.init(text: "…", match: false)) }
        return result
    }

    /// Marks every occurrence of `needle` in `haystack`; true when there was one.
    private static func mark(
        _ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], origins: [(scalar: Unicode.Scalar, origin: Int)], _ marked: inout [Bool]
    ) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        var found = false
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0], haystack[start..<(start + needle.count)].elementsEqual(needle) {
                for position in start..<(start + needle.count) { marked[origins[position].origin] = true }
                found = true
                start += needle.count
            } else {
                start += 1
            }
        }
        return found
    }

    private static func parts(_ characters: ArraySlice<Character>, marks: ArraySlice<Bool>) -> MarkedText {
        var parts: [MarkedText.Part] = []
        var current = ""
        var currentMatch = false
        for (character, match) in zip(characters, marks) {
            if match != currentMatch, !current.isEmpty {
                parts.append(.init(text: current, match: currentMatch))
                current = ""
            }
            currentMatch = match
            current.append(character)
        }
        if !current.isEmpty { parts.append(.init(text: current, match: currentMatch)) }
        return MarkedText(parts: parts)
    }
}
