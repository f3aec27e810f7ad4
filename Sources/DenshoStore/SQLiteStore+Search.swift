import DenshoDomain
import DenshoLanguage
import Foundation
import GRDB

extension SQLiteStore {
    /// The analyser behind the index's readings: MeCab when its dictionary is installed.
    var readings: any ReadingAnalyzer { MeCabReadings.analyzer }

    /// How many entries FTS5 ranks before hits are put in tiers (name, title, body) and the best kept: enough for
    /// every title match to come through the index's order, which already weighs titles eight times.
    static func searchCandidates(limit: Int) -> Int { min(200, max(40, limit * 4)) }

    public func search(
        _ query: SearchQuery, company: Company.ID, limit: Int, snippets: Bool, visible: (@Sendable (SearchHit) -> Bool)?
    ) async throws -> [SearchHit] {
        guard !query.isEmpty, limit > 0 else { return [] }
        let match = SearchTokens.match(query)
        // Rows written since the index was last brought up to date are indexed before they are searched.
        let search = { @Sendable (db: Database) throws -> [SearchHit]? in
            try Self.search(db, match: match, query: query, company: company, limit: limit, snippets: snippets, visible: visible)
        }
        if let hits = try await pool.read({ db in try search(db) }) { return hits }
        try await refreshSearchIndex()
        return try await pool.read { db in try search(db) ?? [] }
    }

    /// The hits, or nil when the index has entries to rewrite first.
    static func search(
        _ db: Database, match: String, query: SearchQuery, company: Company.ID, limit: Int, snippets: Bool,
        visible: ((SearchHit) -> Bool)?
    ) throws -> [SearchHit]? {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM search_dirty)") == true { return nil }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT d.id, d.title, d.title_sound, d.clip_id, d.at, d.department_id
                FROM search_entry JOIN search_doc d ON d.id = search_entry.rowid
                WHERE search_entry MATCH ?1 AND d.company_id = ?2
                ORDER BY bm25(search_entry, 8.0, 1.0, 4.0) LIMIT ?3
                """, arguments: [match, company.rawValue, searchCandidates(limit: limit)])
        let kept = rank(rows, query: query, limit: limit, visible: visible)
        guard !kept.isEmpty else { return [] }
        // Bodies and glossaries only for the hits kept, and only what marking them needs: the glossary serves
        // words matched by sound (kana, romaji), the body the snippet.
        let bySound = query.terms.contains { !$0.sounds.isEmpty }
        guard bySound || snippets else {
            return kept.map { _, hit in
                var hit = hit
                hit.title = SearchHighlighter.marked(hit.title.plain, query: query, glossary: SearchGlossary()).text
                return hit
            }
        }
        var shown: [Int64: (body: String, glossary: SearchGlossary)] = [:]
        let ids = kept.map { String($0.rowid) }.joined(separator: ",")
        let columns = (snippets ? "body" : "''") + ", " + (bySound ? "glossary" : "''")
        for row in try Row.fetchAll(db, sql: "SELECT id, \(columns) FROM search_doc WHERE id IN (\(ids))") {
            shown[row[0]] = (row[1], bySound ? SearchGlossary(encoded: row[2]) : SearchGlossary())
        }
        return kept.map { rowid, hit in
            guard let (body, glossary) = shown[rowid] else { return hit }
            var hit = hit
            hit.title = SearchHighlighter.marked(hit.title.plain, query: query, glossary: glossary).text
            if snippets { hit.snippet = SearchHighlighter.snippet(body, query: query, glossary: glossary) }
            return hit
        }
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
    /// order within a tier, and keeps the first `limit` that `visible` lets through (titles not marked yet).
    static func rank(
        _ rows: [Row], query: SearchQuery, limit: Int, visible: ((SearchHit) -> Bool)?
    ) -> [(rowid: Int64, hit: SearchHit)] {
        var candidates: [(row: Row, order: Int, tier: SearchHit.Tier)] = []
        for (order, row) in rows.enumerated() {
            let title = SearchFold.literal(row[1])
            let titleSound: String = row[2]
            let exact = title == query.literal || (query.terms.count == 1 && query.terms[0].sounds.contains(titleSound))
            let inTitle = query.terms.allSatisfy { term in
                SearchFold.contains(title, term.literal) || term.sounds.contains { SearchFold.contains(titleSound, $0) }
            }
            candidates.append((row, order, exact ? .exact : inTitle ? .title : .body))
        }
        candidates.sort { ($0.tier, $0.order) < ($1.tier, $1.order) }
        var hits: [(rowid: Int64, hit: SearchHit)] = []
        for candidate in candidates where hits.count < limit {
            let row = candidate.row
            guard let (kind, id) = SearchIndexer.Kind.split(row[0]) else { continue }
            let hit = SearchHit(kind: kind.hitKind, id: id, title: MarkedText(plain: row[1]), snippet: MarkedText(plain: ""),
                                tier: candidate.tier, clipID: row[3], at: row[4], departmentID: row[5])
            if visible?(hit) ?? true { hits.append((row[0], hit)) }
        }
        return hits
    }
}
