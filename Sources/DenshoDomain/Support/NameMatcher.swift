/// Suggests close matches for a mistyped name or code ("did you mean …?").
public enum NameMatcher {
    /// Candidates within a small edit distance of `query`, or containing it, best first.
    public static func closeMatches(for query: String, in candidates: [String], limit: Int = 3) -> [String] {
        let q = normalize(query)
        guard !q.isEmpty else { return [] }
        let scored = candidates.compactMap { candidate -> (String, Int)? in
            let c = normalize(candidate)
            if c.contains(q) || q.contains(c) { return (candidate, 0) }
            let distance = editDistance(Array(q), Array(c))
            let allowed = max(1, min(q.count, c.count) / 3)
            return distance <= allowed ? (candidate, distance) : nil
        }
        var seen = Set<String>()
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
            .filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// The product's one comparison folding (`TextFold.key`): width, case, spaces, kana and 異体字, so `髙橋`
    /// suggests `高橋` and `ｻﾄｳ` suggests `さとう`.
    static func normalize(_ text: String) -> String { TextFold.key(text) }

    /// Levenshtein distance on characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
