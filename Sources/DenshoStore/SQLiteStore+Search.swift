import DenshoDomain
import DenshoLanguage
import Foundation
import GRDB

extension SQLiteStore {
    /// The analyser behind the index's readings: MeCab when its dictionary is installed.
    var readings: any ReadingAnalyzer { MeCabReadings.analyzer }

    /// How many entries FTS5 ranks before hits are put in tiers (name, title, body) and the best kept.
    static let searchCandidates = 200

    public func search(
        _ query: SearchQuery, company: Company.ID, limit: Int, visible: (@Sendable (SearchHit) -> Bool)?
    ) async throws -> [SearchHit] {
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
        return Self.rank(rows ?? [], query: query, limit: limit, visible: visible)
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

    /// Puts candidates in tiers (the whole name, every word in the title or its reading, the rest), keeps FTS5's
    /// order within a tier, and marks titles and snippets of the ones kept (only those: marking reads the glossary).
    static func rank(_ rows: [Row], query: SearchQuery, limit: Int, visible: ((SearchHit) -> Bool)?) -> [SearchHit] {
        var candidates: [(row: Row, order: Int, tier: SearchHit.Tier)] = []
        for (order, row) in rows.enumerated() {
            let title = SearchFold.literal(row[1])
            let titleSound: String = row[3]
            let exact = title == query.literal || (query.terms.count == 1 && query.terms[0].sounds.contains(titleSound))
            let inTitle = query.terms.allSatisfy { term in
                SearchFold.contains(title, term.literal) || term.sounds.contains { SearchFold.contains(titleSound, $0) }
            }
            candidates.append((row, order, exact ? .exact : inTitle ? .title : .body))
        }
        candidates.sort { ($0.tier, $0.order) < ($1.tier, $1.order) }
        var hits: [SearchHit] = []
        for candidate in candidates where hits.count < limit {
            let row = candidate.row
            guard let (kind, id) = SearchIndexer.Kind.split(row[0]) else { continue }
            var hit = SearchHit(kind: kind.hitKind, id: id, title: MarkedText(plain: row[1]), snippet: MarkedText(plain: ""),
                                tier: candidate.tier, clipID: row[5], at: row[6], departmentID: row[7])
            guard visible?(hit) ?? true else { continue }
            let glossary = SearchGlossary(encoded: row[4])
            hit.title = SearchHighlighter.marked(row[1], query: query, glossary: glossary).text
            hit.snippet = SearchHighlighter.snippet(row[2], query: query, glossary: glossary)
            hits.append(hit)
        }
        return hits
    }
}
