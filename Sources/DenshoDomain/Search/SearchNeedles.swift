import Foundation

extension SearchHighlighter {
    /// What one document is searched for: each word's literal and sounds, and the kanji words of the document's
    /// glossary that read as one of the sounds. Worked out once per document, not once per line or title.
    public struct Needles: Sendable {
        struct Needle: Sendable {
            var term: Int
            var scalars: [Unicode.Scalar]
            /// Looked for in the sound map (kana folded further) rather than in the literal one.
            var bySound: Bool
        }

        var needles: [Needle]
        /// The literal needles as UTF-8, for comparing with stored keys.
        private var literalBytes: [[UInt8]] = []
        /// The query's sounds as UTF-8 and their words: compared with stored keys, and glossary words matched to them.
        private var sounds: [(term: Int, sound: [UInt8])] = []

        /// The query's own needles, without a document's glossary: the same for every hit of a search.
        public init(query: SearchQuery) {
            self.init(query: query) { _ in }
        }

        public init(query: SearchQuery, glossary: SearchGlossary) {
            self.init(query: query) { visit in
                for entry in glossary.entries {
                    var literal = entry.literal
                    var sound = entry.sound
                    literal.withUTF8 { literal in sound.withUTF8 { sound in visit(literal, sound) } }
                }
            }
        }

        /// These needles and the words of a glossary as stored (`SearchGlossary.encoded`), read in place: most of its
        /// words never become strings.
        public func adding(encodedGlossary: UnsafeBufferPointer<UInt8>) -> Needles {
            var needles = self
            needles.add { SearchGlossary.scan(encodedGlossary, $0) }
            return needles
        }

        private init(query: SearchQuery, glossary: ((UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
            needles = []
            for (index, term) in query.terms.enumerated() {
                needles.append(Needle(term: index, scalars: Array(term.literal.unicodeScalars), bySound: false))
                literalBytes.append(Array(term.literal.utf8))
                for sound in term.sounds {
                    needles.append(Needle(term: index, scalars: Array(sound.unicodeScalars), bySound: true))
                    sounds.append((index, Array(sound.utf8)))
                }
            }
            add(glossary)
        }

        /// Adds the glossary's words that read as one of the query's sounds, as literal needles.
        private mutating func add(_ glossary: ((UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
            guard !sounds.isEmpty else { return }
            var added: [Needle] = []
            let sounds = self.sounds
            glossary { literal, reading in
                for (term, sound) in sounds {
                    // The word reads as the sound, or (for words of two kana or more) the sound holds the word.
                    let reads = sound.withUnsafeBufferPointer { sound in
                        SearchFold.contains(reading, sound) || (reading.count >= 6 && SearchFold.contains(sound, reading))
                    }
                    if reads {
                        added.append(Needle(term: term, scalars: Array(String(decoding: literal, as: UTF8.self).unicodeScalars), bySound: false))
                        literalBytes.append(Array(literal))
                    }
                }
            }
            needles += added
        }

        /// For each line keyed in `lineKeys` (`SearchHighlighter.lineKeys`, read in place), whether it holds a needle.
        public func linesToFold(_ lineKeys: UnsafeBufferPointer<UInt8>) -> [Bool] {
            var result: [Bool] = []
            guard let base = lineKeys.baseAddress else { return [false] }
            var start = 0
            while start <= lineKeys.count {
                let newline = Self.find(0x0A, base, start, lineKeys.count)
                let tab = Self.find(0x09, base, start, newline)
                result.append(Self.holds(literalBytes, base, start, tab) || Self.holds(sounds.lazy.map(\.sound), base, min(tab + 1, newline), newline))
                start = newline + 1
            }
            return result
        }

        /// The offset of the first `byte` in `base[from..<to]`, or `to`.
        private static func find(_ byte: Int32, _ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
            guard from < to, let found = memchr(base + from, byte, to - from) else { return to }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }

        /// Whether `base[from..<to]` holds one of `needles`.
        private static func holds(_ needles: some Sequence<[UInt8]>, _ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
            guard from < to else { return false }
            let haystack = UnsafeBufferPointer(start: base + from, count: to - from)
            return needles.contains { needle in needle.withUnsafeBufferPointer { SearchFold.contains(haystack, $0) } }
        }
    }
}
