import DenshoDomain
import GRDB

/// Writes search entries from the rows they describe: folded titles and bodies, readings, a glossary of kanji words.
///
/// Triggers note changed rows in `search_dirty`; `refresh` rewrites those entries in the caller's transaction.
/// Whoever wrote the rows (the web app, a CLI import, an older build), the next search or import brings the index
/// up to date, with the same analyser, so the index never depends on which process wrote last.
struct SearchIndexer {
    let readings: any ReadingAnalyzer

    /// The kinds of entry; the raw value is the low three bits of the entry's rowid.
    enum Kind: Int64, CaseIterable {
        case employee = 1, skill, clip, chapter, manual

        /// The table a kind is indexed from, named by a switch: `String(describing:)` reflects, and every hit asks.
        var hitKind: SearchHit.Kind {
            switch self {
            case .employee: .employee
            case .skill: .skill
            case .clip: .clip
            case .chapter: .chapter
            case .manual: .manual
            }
        }

        var name: String { hitKind.rawValue }

        /// `company << 36 | id << 3 | kind`: a company's entries are one range of rowids (`range(company:)`).
        static func rowid(_ kind: Kind, _ id: Int64, company: Int64) -> Int64 { company << 36 | id << 3 | kind.rawValue }
        static func split(_ rowid: Int64) -> (Kind, Int64)? { Kind(rawValue: rowid & 7).map { ($0, (rowid >> 3) & (1 << 33 - 1)) } }
        static func range(company: Int64) -> ClosedRange<Int64> { (company << 36)...(company << 36 | (1 << 36 - 1)) }
    }

    /// One entry before folding.
    struct Document {
        var kind: Kind
        var id: Int64
        var company: Int64
        var title: String
        /// The text searched besides the title.
        var body: String
        /// What a hit shows under its title when the body is not it (a chapter shows its clip's title).
        var shownBody: String?
        /// A reading typed by a person (an employee's フリガナ), trusted over the analyser for the title.
        var typedReading: String?
        var clipID: Int64?
        var at: Double?
        var departmentID: Int64?
    }

    /// Rewrites the entries noted in `search_dirty` and empties it; answers how many were rewritten.
    @discardableResult
    func refresh(_ db: Database) throws -> Int {
        let dirty = try Row.fetchAll(db, sql: "SELECT kind, ref_id FROM search_dirty")
        guard !dirty.isEmpty else { return 0 }
        var ids: [Kind: [Int64]] = [:]
        for row in dirty {
            guard let kind = Kind.allCases.first(where: { $0.name == row[0] as String }) else { continue }
            ids[kind, default: []].append(row[1])
        }
        let deleteEntry = try db.makeStatement(sql: "DELETE FROM search_entry WHERE rowid = ?")
        let deleteDoc = try db.makeStatement(sql: "DELETE FROM search_doc WHERE id = ?")
        let insertEntry = try db.makeStatement(sql: """
            INSERT INTO search_entry (rowid, title_terms, title_reading, body_terms, body_reading) VALUES (?, ?, ?, ?, ?)
            """)
        let insertDoc = try db.makeStatement(sql: """
            INSERT INTO search_doc (id, title, body, line_keys, title_sound, glossary, clip_id, at, department_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (kind, kindIDs) in ids {
            // The entry's rowid holds a company a row may since have left (a deleted clip's chapters): found by id.
            for chunk in stride(from: 0, to: kindIDs.count, by: 500).map({ kindIDs[$0..<min($0 + 500, kindIDs.count)] }) {
                let list = chunk.map { String($0 << 3 | kind.rawValue) }.joined(separator: ",")
                for rowid in try Int64.fetchAll(db, sql: "SELECT id FROM search_doc WHERE id & 68719476735 IN (\(list))") {
                    try deleteEntry.execute(arguments: [rowid])
                    try deleteDoc.execute(arguments: [rowid])
                }
            }
            for chunk in stride(from: 0, to: kindIDs.count, by: 500).map({ Array(kindIDs[$0..<min($0 + 500, kindIDs.count)]) }) {
                for document in try documents(db, kind: kind, ids: chunk) {
                    let (entry, doc) = rows(document)
                    try insertEntry.execute(arguments: entry)
                    try insertDoc.execute(arguments: doc)
                }
            }
        }
        try db.execute(sql: "DELETE FROM search_dirty")
        return dirty.count
    }

    /// The column values of `document`'s index entry and of what its hit shows.
    func rows(_ document: Document) -> (entry: StatementArguments, doc: StatementArguments) {
        let titleSegments = document.typedReading.map { Self.pairs(document.title, reading: $0) } ?? readings.segments(of: document.title)
        let bodySegments = document.body.isEmpty ? [] : readings.segments(of: document.body)
        let titleReading = document.typedReading ?? titleSegments.map(\.reading).joined()
        let bodyReading = bodySegments.map(\.reading).joined()
        let glossary = SearchGlossary(segments: titleSegments + bodySegments)
        let titleSound = SearchFold.sound(titleReading)
        let rowid = Kind.rowid(document.kind, document.id, company: document.company)
        let shown = document.shownBody ?? document.body
        return (
            [rowid, SearchTokens.document([SearchFold.literal(document.title)]), SearchTokens.document([titleSound]),
             SearchTokens.document([SearchFold.literal(document.body)]), SearchTokens.document([SearchFold.sound(bodyReading)])],
            [rowid, document.title, shown, SearchHighlighter.lineKeys(shown), titleSound, glossary.encoded, document.clipID, document.at,
             document.departmentID]
        )
    }

    /// A name and its typed reading as word pairs where both split alike (`髙橋 﨑子` / `タカハシ サキコ`), else as one.
    static func pairs(_ name: String, reading: String) -> [ReadingSegment] {
        let names = name.split(whereSeparator: \.isWhitespace)
        let readings = reading.split(whereSeparator: \.isWhitespace)
        guard names.count == readings.count, names.count > 1 else { return [ReadingSegment(surface: name, reading: reading)] }
        return zip(names, readings).map { ReadingSegment(surface: String($0), reading: String($1)) }
    }

    /// The documents of `ids` that still exist (a deleted row leaves its entry deleted).
    func documents(_ db: Database, kind: Kind, ids: [Int64]) throws -> [Document] {
        let list = ids.map(String.init).joined(separator: ",")
        switch kind {
        case .employee:
            return try Row.fetchAll(
                db, sql: "SELECT id, company_id, name, kana, number, position, department_id FROM employee WHERE id IN (\(list))"
            ).map { row in
                Document(kind: kind, id: row[0], company: row[1], title: row[2],
                         body: [row[3], row[4], row[5]].compactMap { $0 as String? }.filter { !$0.isEmpty }.joined(separator: " "),
                         typedReading: (row[3] as String).isEmpty ? nil : row[3], departmentID: row[6])
            }
        case .skill:
            return try Row.fetchAll(
                db, sql: """
                    SELECT s.id, s.company_id, s.name, s.code, c.name, s.description
                    FROM skill s JOIN skill_category c ON c.id = s.category_id WHERE s.id IN (\(list))
                    """
            ).map { row in
                let (name, code, category, description): (String, String, String, String) = (row[2], row[3], row[4], row[5])
                // Shown: code and category, and the description unless it only repeats them (`旋盤加工: NC旋盤 段取り`).
                let repeats = description.isEmpty || description == "\(category): \(name)"
                return Document(kind: kind, id: row[0], company: row[1], title: name,
                                body: [code, category, description].filter { !$0.isEmpty }.joined(separator: " "),
                                shownBody: "\(code)・\(category)" + (repeats ? "" : " " + description))
            }
        case .clip:
            return try Row.fetchAll(db, sql: "SELECT id, company_id, title, tags, description FROM clip WHERE id IN (\(list))").map { row in
                Document(kind: kind, id: row[0], company: row[1], title: row[2],
                         body: [row[3], row[4]].compactMap { $0 as String? }.filter { !$0.isEmpty }.joined(separator: " "), clipID: row[0])
            }
        case .chapter:
            return try Row.fetchAll(
                db, sql: """
                    SELECT ch.id, c.company_id, ch.title, c.title, ch.clip_id, ch.time
                    FROM chapter ch JOIN clip c ON c.id = ch.clip_id WHERE ch.id IN (\(list)) AND ch.title <> ''
                    """
            ).map { row in
                Document(kind: kind, id: row[0], company: row[1], title: row[2], body: "", shownBody: row[3], clipID: row[4], at: row[5])
            }
        case .manual:
            // What a hit's link opens for everyone: the latest approved revision, or the working copy while none is
            // approved yet. A pending revision stays out of the index: people who may not open drafts would find it.
            // A step's lines: its main step, 急所 and reason, the empty ones left out.
            func lines(_ row: Row) -> [String] { [row[1], row[2], row[3]].compactMap { $0 as String? }.filter { !$0.isEmpty } }
            var live: [Int64: (title: String, number: String, steps: [String])] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT r.manual_id, j.value ->> '$.mainStep', j.value ->> '$.keyPoint', j.value ->> '$.reason',
                       r.title, r.document_number
                FROM manual_revision r LEFT JOIN json_each(r.steps) j
                WHERE r.manual_id IN (\(list))
                  AND r.revision = (SELECT max(revision) FROM manual_revision WHERE manual_id = r.manual_id)
                ORDER BY r.manual_id, j.key
                """)
            {
                let id: Int64 = row[0]
                var entry = live[id] ?? (row[4], row[5], [])
                entry.steps += lines(row)
                live[id] = entry
            }
            var steps: [Int64: [String]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT manual_id, main_step, key_point, reason FROM manual_step WHERE manual_id IN (\(list)) ORDER BY manual_id, position")
            where live[row[0]] == nil {
                steps[row[0], default: []] += lines(row)
            }
            return try Row.fetchAll(db, sql: "SELECT id, company_id, title, document_number, clip_id FROM manual WHERE id IN (\(list))").map { row in
                let id: Int64 = row[0]
                let (title, number, body): (String, String, [String]) = live[id].map {
                    ($0.title, $0.number.isEmpty ? row[3] : $0.number, $0.steps)
                } ?? (row[2], row[3], steps[id, default: []])
                return Document(kind: kind, id: id, company: row[1], title: title,
                                body: ((number.isEmpty ? [] : [number]) + body).joined(separator: "\n"), clipID: row[4])
            }
        }
    }
}
