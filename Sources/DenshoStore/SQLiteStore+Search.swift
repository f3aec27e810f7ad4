import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore {
    /// Searches names with the trigram index. Trigrams need three characters; shorter queries
    /// (common in Japanese: 溶接, 旋盤) fall back to a substring scan of the same index.
    public func search(_ query: String, company: Company.ID, limit: Int) async throws -> [SearchHit] {
        // Control characters (a NUL ends FTS5's string early) are never part of what is searched;
        // nobody types more than a few words into the box.
        let cleaned = String(String.UnicodeScalarView(query.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        let text = String(cleaned.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        guard !text.isEmpty else { return [] }
        return try await pool.read { db in
            let rows: [Row]
            if text.count >= 3 {
                let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT kind, ref_id, title, snippet(search_index, 1, '[', ']', '…', 8) FROM search_index
                        WHERE search_index MATCH ? AND company_id = ? ORDER BY rank LIMIT ?
                        """, arguments: [phrase, company.rawValue, limit])
            } else {
                let pattern = "%" + text.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT kind, ref_id, title, body FROM search_index
                        WHERE (title LIKE ?1 ESCAPE '\\' OR body LIKE ?1 ESCAPE '\\') AND company_id = ?2
                        ORDER BY kind, title LIMIT ?3
                        """, arguments: [pattern, company.rawValue, limit])
            }
            return rows.map { SearchHit(kind: $0[0], id: $0[1], title: $0[2], snippet: $0[3]) }
        }
    }
}
