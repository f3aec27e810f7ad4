/// Times inside a clip as people type and read them: `83`, `83.5`, `1:23`, `1:02:03` (full-width
/// digits and colons too, as Japanese input methods give them), shown as `m:ss` or `h:mm:ss`.
public enum ClipTime {
    /// Seconds from `text`, or nil when it is not a time.
    public static func seconds(_ text: String) -> Double? {
        let parts = text.halfWidthASCII.trimmingWhitespace.split(separator: ":")
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var total = 0.0
        for part in parts {
            guard let value = Double(part), value >= 0 else { return nil }
            total = total * 60 + value
        }
        return total
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    public static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
