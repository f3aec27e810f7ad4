import DenshoDomain
import DenshoLanguage
import Foundation
import GRDB

extension SQLiteStore {
    /// The analyser behind the index's readings: MeCab when its dictionary is installed.
    var readings: any ReadingAnalyzer { MeCabReadings.analyzer }

    /// How many entries FTS5 ranks before hits are put in tiers (name, title, body) and the best kept.
    static let searchCandidates = 200

    public func search(_ query: SearchQuery, company: Company.ID, limit: Int) async throws -> [SearchHit] {
        guard !query.isEmpty, limit > 0 else { return [] }
        let match = SearchTokens.match(query)
        let read: @Sendable (Database) throws -> [Row]? = { db in
            // Rows written since the index was last brought up to date are indexed before they are searched.
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM search_dirty)") == true { return nil }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, title, body, title_sound, glossary, clip_id, at, department_id FROM search_entry
                    WHERE search_entry MATCH ?1 AND company_id = ?2
                    ORDER BY bm25(search_entry, 8.0, 1.0, 4.0) LIMIT ?3
                    """, arguments: [match, company.rawValue, Self.searchCandidates])
        }
        var rows = try await pool.read(read)
        if rows == nil {
            try await refreshSearchIndex()
            rows = try await pool.read(read) ?? []
        }
        return Self.rank(rows ?? [], query: query, limit: limit)
    }

    @discardableResult
    public func refreshSearchIndex() async throws -> Int {
        let indexer = SearchIndexer(readings: readings)
        return try await pool.write { db in try indexer.refresh(db) }
    }

    /// Rewrites every entry of the index: after the reading dictionary changed, or to measure a full build.
    @discardableResult
    public func rebuildSearchIndex() async throws -> Int {
        let indexer = SearchIndexer(readings: readings)
        return try await pool.write { db in
            for kind in SearchIndexer.Kind.allCases {
                try db.execute(sql: "INSERT OR IGNORE INTO search_dirty SELECT ?, id FROM \(kind.name)", arguments: [kind.name])
            }
            return try indexer.refresh(db)
        }
    }

    /// Puts candidates in tiers (the whole name, every word in the title, the rest), keeps FTS5's order within a
    /// tier, and marks titles and snippets of the ones kept.
    static func rank(_ rows: [Row], query: SearchQuery, limit: Int) -> [SearchHit] {
        struct Candidate {
            var row: Row
            var order: Int
            var tier: SearchHit.Tier
            var title: MarkedText
            var glossary: SearchGlossary
        }
        var candidates: [Candidate] = []
        for (order, row) in rows.enumerated() {
            let title: String = row[1]
            let titleSound: String = row[3]
            let glossary = SearchGlossary(encoded: row[4])
            let (marked, matched) = SearchHighlighter.marked(title, query: query, glossary: glossary)
            let exact = SearchFold.literal(title) == query.literal
                || (query.terms.count == 1 && query.terms[0].sounds.contains(titleSound))
            let tier: SearchHit.Tier = exact ? .exact : matched.count == query.terms.count ? .title : .body
            candidates.append(Candidate(row: row, order: order, tier: tier, title: marked, glossary: glossary))
        }
        candidates.sort { ($0.tier, $0.order) < ($1.tier, $1.order) }
        return candidates.prefix(limit).compactMap { candidate in
            let row = candidate.row
            guard let (kind, id) = SearchIndexer.Kind.split(row[0]) else { return nil }
            return SearchHit(
                kind: kind.hitKind, id: id, title: candidate.title,
                snippet: SearchHighlighter.snippet(row[2], query: query, glossary: candidate.glossary), tier: candidate.tier,
                clipID: row[5], at: row[6], departmentID: row[7])
        }
    }
}
