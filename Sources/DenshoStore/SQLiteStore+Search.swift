import DenshoDomain
import DenshoLanguage
import Foundation
import GRDB

extension SQLiteStore {
    /// The one indexer every write path uses, with MeCab's readings when its dictionary is installed.
    var searchIndexer: SearchIndexer { SearchIndexer(readings: MeCabReadings.analyzer) }

    /// How many entries of each query (titles, then everything) are put in tiers and the best kept.
    static func searchCandidates(limit: Int) -> Int { min(400, max(24, limit * 3)) }

    public func search(
        _ query: SearchQuery, company: Company.ID, limit: Int, snippets: Bool, visible: (@Sendable (SearchHit) -> Bool)?
    ) async throws -> [SearchHit] {
        guard !query.isEmpty, limit > 0 else { return [] }
        let search = { @Sendable (db: Database) throws -> [SearchHit]? in
            try Self.search(db, query: query, company: company, limit: limit, snippets: snippets, visible: visible)
        }
        // Rows written since the index was last brought up to date are indexed before they are searched.
        if let hits = try await pool.read({ db in try search(db) }) { return hits }
        try await refreshSearchIndex()
        return try await pool.read { db in try search(db) ?? [] }
    }

    /// The hits, or nil when the index has entries to rewrite first.
    ///
    /// Titles first: entries whose title (or its reading) holds every word are few, and they are the hits people
    /// want. Only when they do not fill the list is everything matched.
    static func search(
        _ db: Database, query: SearchQuery, company: Company.ID, limit: Int, snippets: Bool, visible: ((SearchHit) -> Bool)?
    ) throws -> [SearchHit]? {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM search_dirty)") == true { return nil }
        let range = SearchIndexer.Kind.range(company: company.rawValue)
        let candidates = searchCandidates(limit: limit)
        // No bm25: ranking reads every match's statistics, hundreds for a common word, and the tiers already put
        // what people look for first. Within a tier the shortest titles (the closest to what was typed), then the
        // newest rows.
        func matching(_ match: String) throws -> [Int64] {
            try Int64.fetchAll(
                db.cachedStatement(sql: """
                    SELECT rowid FROM search_entry WHERE search_entry MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid DESC LIMIT ?4
                    """), arguments: [match, range.lowerBound, range.upperBound, candidates])
        }
        let titles = try matching(SearchTokens.match(query, titles: true))
        var kept = try keep(db, titles, inTitle: true, query: query, limit: limit, visible: visible)
        if kept.count < limit {
            // Title matches were all taken or refused by `visible` already: not fetched and filtered again.
            let seen = Set(titles)
            let rest = try matching(SearchTokens.match(query, titles: false)).filter { !seen.contains($0) }
            kept += try keep(db, rest, inTitle: false, query: query, limit: limit - kept.count, visible: visible)
        }
        guard !kept.isEmpty else { return [] }
        return try mark(db, kept, query: query, snippets: snippets)
    }

    /// The first `limit` of `rowids` that `visible` lets through, as hits in their tier (titles not marked yet):
    /// the whole name first, then shorter titles, then the index's order (newest first).
    static func keep(
        _ db: Database, _ rowids: [Int64], inTitle: Bool, query: SearchQuery, limit: Int, visible: ((SearchHit) -> Bool)?
    ) throws -> [(rowid: Int64, hit: SearchHit)] {
        guard !rowids.isEmpty, limit > 0 else { return [] }
        var rows: [Int64: Row] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT id, title, title_sound, clip_id, at, department_id FROM search_doc WHERE id IN (SELECT value FROM json_each(?))
                """), arguments: [json(rowids)])
        {
            rows[row[0]] = row
        }
        var candidates: [(rowid: Int64, order: Int, length: Int, hit: SearchHit)] = []
        for (order, rowid) in rowids.enumerated() {
            guard let row = rows[rowid], let (kind, id) = SearchIndexer.Kind.split(rowid) else { continue }
            let title: String = row[1]
            let titleSound: String = row[2]
            let exact = inTitle && (SearchFold.literal(title) == query.literal
                || (query.terms.count == 1 && query.terms[0].sounds.contains(titleSound)))
            let hit = SearchHit(kind: kind.hitKind, id: id, title: MarkedText(plain: title), snippet: MarkedText(plain: ""),
                                tier: exact ? .exact : inTitle ? .title : .body, clipID: row[3], at: row[4], departmentID: row[5])
            candidates.append((rowid, order, inTitle ? title.unicodeScalars.count : 0, hit))
        }
        candidates.sort { ($0.hit.tier, $0.length, $0.order) < ($1.hit.tier, $1.length, $1.order) }
        var kept: [(rowid: Int64, hit: SearchHit)] = []
        for candidate in candidates where kept.count < limit && (visible?(candidate.hit) ?? true) {
            kept.append((candidate.rowid, candidate.hit))
        }
        return kept
    }

    /// Row ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one cached statement for any number.
    static func json(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    /// Marks titles and, with `snippets`, cuts marked snippets from bodies: reading only what that needs (the
    /// glossary serves words matched by sound, the body the snippet).
    static func mark(_ db: Database, _ kept: [(rowid: Int64, hit: SearchHit)], query: SearchQuery, snippets: Bool) throws -> [SearchHit] {
        let bySound = query.terms.contains { !$0.sounds.isEmpty }
        var shown: [Int64: (body: String, glossary: SearchGlossary)] = [:]
        if bySound || snippets {
            let columns = (snippets ? "body" : "''") + ", " + (bySound ? "glossary" : "''")
            for row in try Row.fetchAll(
                db.cachedStatement(sql: "SELECT id, \(columns) FROM search_doc WHERE id IN (SELECT value FROM json_each(?))"),
                arguments: [json(kept.map(\.rowid))])
            {
                shown[row[0]] = (row[1], bySound ? SearchGlossary(encoded: row[2]) : SearchGlossary())
            }
        }
        return kept.map { rowid, hit in
            let (body, glossary) = shown[rowid] ?? ("", SearchGlossary())
            var hit = hit
            hit.title = SearchHighlighter.marked(hit.title.plain, query: query, glossary: glossary).text
            if snippets { hit.snippet = SearchHighlighter.snippet(body, query: query, glossary: glossary) }
            return hit
        }
    }

    @discardableResult
    public func refreshSearchIndex() async throws -> Int {
        let indexer = searchIndexer
        return try await pool.write { db in try indexer.refresh(db) }
    }

    /// Rewrites every entry of the index: after the reading dictionary changed, or to measure a full build.
    @discardableResult
    public func rebuildSearchIndex() async throws -> Int {
        let indexer = searchIndexer
        return try await pool.write { db in
            for kind in SearchIndexer.Kind.allCases {
                try db.execute(sql: "INSERT OR IGNORE INTO search_dirty SELECT ?, id FROM \(kind.name)", arguments: [kind.name])
            }
            return try indexer.refresh(db)
        }
    }
}
