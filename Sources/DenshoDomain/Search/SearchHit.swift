/// Text with the parts that matched a search marked, for `<mark>` on the web and brackets in the CLI.
public struct MarkedText: Hashable, Codable, Sendable {
    public struct Part: Hashable, Codable, Sendable {
        public var text: String
        public var match: Bool

        public init(text: String, match: Bool) {
            self.text = text
            self.match = match
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }
    public init(plain: String) { self.parts = plain.isEmpty ? [] : [Part(text: plain, match: false)] }

    /// The text without marks.
    public var plain: String { parts.map(\.text).joined() }
    /// The text with matches in 【】, for a terminal.
    public var bracketed: String { parts.map { $0.match ? "【\($0.text)】" : $0.text }.joined() }
}

/// A hit of the search over people, skills, clips, chapters and manuals.
public struct SearchHit: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case employee, skill, clip, chapter, manual
    }

    /// How well the hit matched, best first: the whole name, every word in the name or title, or in the text.
    public enum Tier: Int, Codable, Sendable, Comparable {
        case exact, title, body

        public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    public var id: Int64
    public var title: MarkedText
    public var snippet: MarkedText
    public var tier: Tier
    /// For a chapter: its clip and where it starts, in seconds.
    public var clipID: Int64?
    public var at: Double?
    /// For an employee: the department, which decides who may open the hit.
    public var departmentID: Int64?

    public init(
        kind: Kind, id: Int64, title: MarkedText, snippet: MarkedText, tier: Tier, clipID: Int64? = nil, at: Double? = nil,
        departmentID: Int64? = nil
    ) {
        self.kind = kind
        self.id = id
        self.title = title
        self.snippet = snippet
        self.tier = tier
        self.clipID = clipID
        self.at = at
        self.departmentID = departmentID
    }
}

/// The answer to a search: hits best first, and what the person should be told about their query.
public struct SearchResults: Hashable, Sendable {
    public var query: SearchQuery
    public var hits: [SearchHit]

    public init(query: SearchQuery, hits: [SearchHit]) {
        self.query = query
        self.hits = hits
    }
}
