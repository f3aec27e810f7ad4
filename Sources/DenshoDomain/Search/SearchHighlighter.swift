/// Marks where a query matched in a title or a text, folded the same way the index folds, and cuts snippets.
///
/// A word is marked where its literal key occurs (`ＮＣ` in `NC旋盤`, `高橋` in `髙橋`), where its sound occurs in kana
/// text (`ろーら` in `ローラー`), and where a kanji word of the document's glossary reads as it (`せんばん` marks `旋盤`).
/// Work is on Unicode scalars, not characters: grapheme breaking costs more than the folding itself.
public enum SearchHighlighter {
    /// The folded keys of each line of `text` as `snippet` splits it, `literal TAB sound` a line: kept beside an
    /// index entry, so that a snippet finds its line by comparing bytes and folds only the lines it shows.
    public static func lineKeys(_ text: String) -> String {
        var out = ""
        var line = String.UnicodeScalarView()
        func end() {
            let text = String(line)
            out += SearchFold.literal(text) + "\t" + SearchFold.sound(text)
            line = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                end()
                out += "\n"
            } else {
                line.append(scalar)
            }
        }
        end()
        return out
    }

    /// Which scalars of `scalars` matched, and which of `query`'s terms matched somewhere.
    public static func marks(
        in scalars: [Unicode.Scalar], query: SearchQuery, glossary: SearchGlossary
    ) -> (marked: [Bool], matchedTerms: Set<Int>) {
        marks(in: scalars, needles: Needles(query: query, glossary: glossary))
    }

    /// Which scalars of `scalars` hold one of `needles`, and the terms whose needles were found.
    public static func marks(in scalars: [Unicode.Scalar], needles: Needles) -> (marked: [Bool], matchedTerms: Set<Int>) {
        var marked = [Bool](repeating: false, count: scalars.count)
        var matched: Set<Int> = []
        guard !scalars.isEmpty, !needles.needles.isEmpty else { return (marked, matched) }
        let literal = SearchFold.literalMap(scalars)
        let literalScalars = literal.map(\.scalar)
        var sounds: (map: [SearchFold.Folded], scalars: [Unicode.Scalar])?
        for needle in needles.needles {
            if needle.bySound {
                let soundMap = sounds ?? {
                    let map = SearchFold.soundMap(literal)
                    return (map, map.map(\.scalar))
                }()
                sounds = soundMap
                if mark(needle.scalars, in: soundMap.scalars, origins: soundMap.map, &marked) { matched.insert(needle.term) }
            } else if mark(needle.scalars, in: literalScalars, origins: literal, &marked) {
                matched.insert(needle.term)
            }
        }
        return (marked, matched)
    }

    /// `text` with its matches marked.
    public static func marked(_ text: String, query: SearchQuery, glossary: SearchGlossary) -> (text: MarkedText, matchedTerms: Set<Int>) {
        marked(text, needles: Needles(query: query, glossary: glossary))
    }

    public static func marked(_ text: String, needles: Needles) -> (text: MarkedText, matchedTerms: Set<Int>) {
        let scalars = Array(text.unicodeScalars)
        let (marks, matched) = marks(in: scalars, needles: needles)
        return (parts(scalars[...], marks: marks[...]), matched)
    }

    /// About `length` scalars of `text` around its first match (its start when nothing matched), with `…` where cut.
    public static func snippet(_ text: String, query: SearchQuery, glossary: SearchGlossary, length: Int = 64) -> MarkedText {
        snippet(text, needles: Needles(query: query, glossary: glossary), length: length)
    }

    /// The body is looked at line by line (a manual's steps) and folded only up to the first line that matches and
    /// over the lines the snippet shows: a hit's body is often 20 steps, and folding them all cost more than the rest
    /// of a search. Matches are found within a line, as the steps are written.
    ///
    /// With `linesToFold` (`Needles.linesToFold` of the keys stored at indexing) lines without a needle are not folded.
    public static func snippet(_ text: String, needles: Needles, linesToFold: [Bool]? = nil, length: Int = 64) -> MarkedText {
        // Which lines hold a needle, when keys of this text's lines say (keys of another shape, from an entry indexed
        // before, are not trusted): none when there are no needles. Without keys every line is folded.
        var lineCount = 1
        if linesToFold != nil {
            var bytes = text
            bytes.withUTF8 { for byte in $0 where byte == 0x0A || byte == 0x0D { lineCount += 1 } }
        }
        let keyed: [Bool]? = needles.needles.isEmpty ? [] : linesToFold.flatMap { $0.count == lineCount ? $0 : nil }
        func mayHold(_ line: Int) -> Bool { keyed.map { line < $0.count && $0[line] } ?? true }
        // Scalars are read only as far as the snippet can reach: through the first line that holds a needle and a
        // snippet's length more, a snippet's length when no line does, and never past 2,000 (the hit is already known
        // to match; long bodies are searched for the snippet in their first part only).
        let firstHolding = keyed.map { $0.firstIndex(of: true) }
        var limit = firstHolding.map { $0 == nil ? length + 8 : 2_000 } ?? 2_000
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(min(text.utf8.count, limit))
        var lines: [Range<Int>] = []
        var lineStart = 0
        var cut = false
        for scalar in text.unicodeScalars {
            guard scalars.count < limit else {
                cut = true
                break
            }
            if scalar == "\n" || scalar == "\r" {
                lines.append(lineStart..<scalars.count)
                if let first = firstHolding ?? nil, lines.count == first + 1 { limit = min(2_000, scalars.count + length + 8) }
                scalars.append(" ")
                lineStart = scalars.count
            } else {
                scalars.append(scalar)
            }
        }
        lines.append(lineStart..<scalars.count)
        var folded: (line: Range<Int>, marks: [Bool])?
        var first = 0
        for (index, line) in lines.enumerated() where !line.isEmpty && mayHold(index) {
            let marks = marks(in: Array(scalars[line]), needles: needles).marked
            if let at = marks.firstIndex(of: true) {
                folded = (line, marks)
                first = line.lowerBound + at
                break
            }
        }
        var start = max(0, min(first - length / 4, scalars.count - length))
        var end = min(scalars.count, start + length)
        // Never cut between a letter and a mark or variation selector that belongs to it.
        while start > 0, attaches(scalars[start]) { start -= 1 }
        while end < scalars.count, attaches(scalars[end]) { end += 1 }
        var shown = [Bool](repeating: false, count: end - start)
        for (index, line) in lines.enumerated() where line.overlaps(start..<end) && mayHold(index) {
            let marks = folded?.line == line ? folded!.marks : marks(in: Array(scalars[line]), needles: needles).marked
            for index in max(line.lowerBound, start)..<min(line.upperBound, end) { shown[index - start] = marks[index - line.lowerBound] }
        }
        var result = parts(scalars[start..<end], marks: shown[...])
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
