import DenshoDomain

/// Folded text as FTS5 sees it: character bigrams, so that any two or more characters are found through the index.
///
/// A key `旋盤加工` is stored as `旋盤 盤加 加工 工`: every pair of neighbours and then the last character alone, which
/// both lets a single character be found (as a prefix) and keeps two keys in one column from forming a phrase across
/// their boundary. A query key becomes the phrase of its bigrams, or a prefix for one character. Keys hold only
/// letters and digits (`SearchFold`), so nothing typed can reach FTS5's query syntax.
enum SearchTokens {
    /// The column text for `keys`.
    static func document(_ keys: [String]) -> String {
        var out = ""
        for key in keys {
            let scalars = Array(key.unicodeScalars)
            guard !scalars.isEmpty else { continue }
            for index in scalars.indices.dropLast() {
                if !out.isEmpty { out.append(" ") }
                out.unicodeScalars.append(scalars[index])
                out.unicodeScalars.append(scalars[index + 1])
            }
            if !out.isEmpty { out.append(" ") }
            out.unicodeScalars.append(scalars[scalars.count - 1])
        }
        return out
    }

    /// The FTS5 phrase that matches `key` as a substring of a column's keys.
    static func phrase(_ key: String) -> String {
        let scalars = Array(key.unicodeScalars)
        if scalars.count == 1 { return "\"" + key + "\" *" }
        var grams: [String] = []
        for index in scalars.indices.dropLast() {
            var gram = ""
            gram.unicodeScalars.append(scalars[index])
            gram.unicodeScalars.append(scalars[index + 1])
            grams.append(gram)
        }
        return "\"" + grams.joined(separator: " ") + "\""
    }

    /// The MATCH expression for `query`: every term, each as its literal or one of its sounds, in titles and their
    /// readings only (`titles`) or anywhere.
    static func match(_ query: SearchQuery, titles: Bool) -> String {
        let (text, reading) = titles ? ("{title_terms}", "{title_reading}") : ("{title_terms body_terms}", "{title_reading body_reading}")
        return query.terms.map { term in
            let alternatives = ["\(text) : " + phrase(term.literal)] + term.sounds.map { "\(reading) : " + phrase($0) }
            return "(" + alternatives.joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }
}
