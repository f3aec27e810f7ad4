import DenshoDomain
import DenshoLanguage
import Foundation
import GRDB

extension SQLiteStore {
    /// The one indexer every write path uses, with MeCab's readings when its dictionary is installed.
    var searchIndexer: SearchIndexer { SearchIndexer(readings: MeCabReadings.analyzer) }

    /// How many entries of each query (titles, then everything) are put in tiers and the best kept.
    static func searchCandidates(limit: Int) -> Int { min(400, max(24, limit * 3)) }

    /// How many matching entries one search looks at, at most, when `visible` keeps refusing them.
    static let searchScanLimit = 2_000

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
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM search_dirty)")) == true { return nil }
        let range = SearchIndexer.Kind.range(company: company.rawValue)
        let candidates = searchCandidates(limit: limit)
        // No bm25: ranking reads every match's statistics, hundreds for a common word, and the tiers already put
        // what people look for first. Within a tier the shortest titles (the closest to what was typed), then the
        // newest rows. What ranking and the hit need comes with the match, in one statement.
        func matching(
            _ match: String, inTitle: Bool, below upper: Int64, skipping seen: Set<Int64>
        ) throws -> (found: [Candidate], read: Int, last: Int64?) {
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT d.id, d.title, d.title_sound, d.clip_id, d.at, d.department_id
                    FROM search_entry e JOIN search_doc d ON d.id = e.rowid
                    WHERE search_entry MATCH ?1 AND e.rowid BETWEEN ?2 AND ?3 ORDER BY e.rowid DESC LIMIT ?4
                    """), arguments: [match, range.lowerBound, upper, candidates])
            var found: [Candidate] = []
            var count = 0
            var last: Int64?
            // A cursor reads each row in place (fetchAll would copy every row and its column names).
            while let row = try rows.next() {
                let rowid: Int64 = row[0]
                count += 1
                last = rowid
                guard !seen.contains(rowid), let (kind, id) = SearchIndexer.Kind.split(rowid) else { continue }
                let title: String = row[1]
                let titleSound: String = row[2]
                let exact = inTitle && (SearchFold.literal(title) == query.literal
                    || (query.terms.count == 1 && query.terms[0].sounds.contains(titleSound)))
                let hit = SearchHit(kind: kind.hitKind, id: id, title: MarkedText(plain: title), snippet: MarkedText(plain: ""),
                                    tier: exact ? .exact : inTitle ? .title : .body, clipID: row[3], at: row[4], departmentID: row[5])
                found.append(Candidate(rowid: rowid, order: found.count, length: inTitle ? title.unicodeScalars.count : 0, hit: hit))
            }
            return (found, count, count == candidates ? last : nil)
        }
        // Page by page, newest first, until `limit` are kept: entries `visible` refuses (people the caller may not
        // open) must not use up the page while others match. At most `searchScanLimit` entries are looked at.
        func collect(_ match: String, inTitle: Bool, limit: Int, skipping seen: Set<Int64>) throws -> (kept: [(rowid: Int64, hit: SearchHit)], fetched: [Int64]) {
            var kept: [(rowid: Int64, hit: SearchHit)] = []
            var fetched: [Int64] = []
            var read = 0
            var upper = range.upperBound
            while kept.count < limit, read < searchScanLimit {
                let page = try matching(match, inTitle: inTitle, below: upper, skipping: seen)
                kept += keep(page.found, limit: limit - kept.count, visible: visible)
                fetched += page.found.map(\.rowid)
                read += page.read
                guard let last = page.last else { break }
                upper = last - 1
            }
            return (kept, fetched)
        }
        let titles = try collect(SearchTokens.match(query, titles: true), inTitle: true, limit: limit, skipping: [])
        var kept = titles.kept
        if kept.count < limit {
            // Title matches were all taken or refused by `visible` already: not fetched and filtered again.
            kept += try collect(SearchTokens.match(query, titles: false), inTitle: false, limit: limit - kept.count, skipping: Set(titles.fetched)).kept
        }
        guard !kept.isEmpty else { return [] }
        return try mark(db, kept, query: query, snippets: snippets)
    }

    /// A matching entry as ranking sees it: its place in the index's order (newest first) and its title's length.
    struct Candidate {
        var rowid: Int64
        var order: Int
        var length: Int
        var hit: SearchHit
    }

    /// The first `limit` of `candidates` that `visible` lets through, in their tier (titles not marked yet): the
    /// whole name first, then shorter titles, then the index's order.
    static func keep(_ candidates: [Candidate], limit: Int, visible: ((SearchHit) -> Bool)?) -> [(rowid: Int64, hit: SearchHit)] {
        guard limit > 0 else { return [] }
        // Sorted as keys and positions: moving the hits themselves in the sort cost more than the search's query.
        let ranked = candidates.indices.map { (candidates[$0].hit.tier, candidates[$0].length, candidates[$0].order, $0) }.sorted { $0 < $1 }
        var kept: [(rowid: Int64, hit: SearchHit)] = []
        for (_, _, _, index) in ranked where kept.count < limit && (visible?(candidates[index].hit) ?? true) {
            kept.append((candidates[index].rowid, candidates[index].hit))
        }
        return kept
    }

    /// Row ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one cached statement for any number.
    static func json(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

    /// Marks titles and, with `snippets`, cuts marked snippets from bodies: reading only what that needs (the
    /// glossary serves words matched by sound, the body the snippet).
    static func mark(_ db: Database, _ kept: [(rowid: Int64, hit: SearchHit)], query: SearchQuery, snippets: Bool) throws -> [SearchHit] {
        let bySound = query.terms.contains { !$0.sounds.isEmpty }
        // Glossaries and line keys are read in place, as bytes: only the bodies shown become strings.
        var shown: [Int64: (body: String, needles: SearchHighlighter.Needles, linesToFold: [Bool]?)] = [:]
        let plain = SearchHighlighter.Needles(query: query)
        if bySound || snippets {
            let columns = (snippets ? "body, line_keys" : "'', ''") + ", " + (bySound ? "glossary" : "''")
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: "SELECT id, \(columns) FROM search_doc WHERE id IN (SELECT value FROM json_each(?))"),
                arguments: [json(kept.map(\.rowid))])
            while let row = try rows.next() {
                let needles = bySound ? try row.withUnsafeData(atIndex: 3) { glossary in
                    glossary.map { $0.withUnsafeBytes { plain.adding(encodedGlossary: $0.bindMemory(to: UInt8.self)) } } ?? plain
                } : plain
                let lines = snippets ? try row.withUnsafeData(atIndex: 2) { keys in
                    // Entries written before the keys existed have none: their lines are all folded.
                    keys.flatMap { $0.isEmpty ? nil : $0.withUnsafeBytes { needles.linesToFold($0.bindMemory(to: UInt8.self)) } }
                } : nil
                shown[row[0]] = (row[1], needles, lines)
            }
        }
        return kept.map { rowid, hit in
            let (body, needles, lines) = shown[rowid] ?? ("", plain, nil)
            var hit = hit
            hit.title = SearchHighlighter.marked(hit.title.plain, needles: needles).text
            if snippets { hit.snippet = SearchHighlighter.snippet(body, needles: needles, linesToFold: lines) }
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
