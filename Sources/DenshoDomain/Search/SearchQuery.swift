/// What someone typed into a search box, taken apart into words and the forms each may take.
///
/// Words are separated by spaces (the ideographic one too) and a document must hold all of them, in any order.
/// Each word is matched as folded text and, where it reads as kana or romaji, by sound against readings:
/// `せんばん` and `senban` both become the sound `センバン`. Nothing of the query reaches the index's query syntax
/// as typed: only folded letters and digits do, so `"`, `*`, `NEAR` or a NUL byte are plain text or nothing.
public struct SearchQuery: Hashable, Sendable {
    public struct Term: Hashable, Sendable {
        /// The word as typed (cleaned of control characters).
        public var text: String
        /// `SearchFold.literal` of the word.
        public var literal: String
        /// Sound keys the word may match readings by: its kana, or its romaji read as kana.
        public var sounds: [String]
    }

    /// Why a query was not taken whole, for a message beside the results.
    public enum Notice: Hashable, Sendable {
        /// Only the first `maxCharacters` characters were searched.
        case shortened
        /// Only the first `maxTerms` words were searched.
        case tooManyWords
        /// Nothing searchable was typed (only symbols or spaces).
        case nothingToSearch
    }

    public static let maxCharacters = 200
    public static let maxTerms = 8

    public var terms: [Term]
    public var notices: [Notice]
    /// The cleaned query as one key, for ranking an exact name first.
    public var literal: String

    public init(_ raw: String) {
        var notices: [Notice] = []
        // Control characters (a NUL ends C strings early) and lone replacement characters are never searched.
        var cleaned = String(String.UnicodeScalarView(raw.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "\u{FFFD}" ? " " : $0
        }))
        if cleaned.count > Self.maxCharacters {
            cleaned = String(cleaned.prefix(Self.maxCharacters))
            notices.append(.shortened)
        }
        var terms: [Term] = []
        for word in cleaned.split(whereSeparator: { $0.isWhitespace }) {
            let literal = SearchFold.literal(String(word))
            guard !literal.isEmpty, !terms.contains(where: { $0.literal == literal }) else { continue }
            guard terms.count < Self.maxTerms else {
                if !notices.contains(.tooManyWords) { notices.append(.tooManyWords) }
                break
            }
            var sounds: [String] = []
            if literal.unicodeScalars.contains(where: TextFold.isKana) { sounds.append(SearchFold.sound(literal)) }
            if let kana = Romaji.katakana(literal) { sounds.append(SearchFold.sound(kana)) }
            sounds = sounds.filter { !$0.isEmpty }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            terms.append(Term(text: String(word), literal: literal, sounds: sounds))
        }
        if terms.isEmpty, !cleaned.allSatisfy(\.isWhitespace) { notices.append(.nothingToSearch) }
        self.terms = terms
        self.notices = notices
        self.literal = terms.map(\.literal).joined()
    }

    public var isEmpty: Bool { terms.isEmpty }
}

extension MaintenanceRepository {
    /// Hits for `text` as typed into a search box.
    public func search(_ text: String, company: Company.ID, limit: Int) async throws -> [SearchHit] {
        try await search(SearchQuery(text), company: company, limit: limit, snippets: true, visible: nil)
    }

    /// Every hit for `query`, the first `limit`.
    public func search(_ query: SearchQuery, company: Company.ID, limit: Int) async throws -> [SearchHit] {
        try await search(query, company: company, limit: limit, snippets: true, visible: nil)
    }
}
