import DenshoDomain
import Foundation

/// How the marks of a 力量表 read as the company's levels. Proposed from the workbook's 凡例 when
/// there is one (「◎＝指導できる　○＝一人でできる」, or a 記号 | 意味 table), matching each meaning to
/// a level's label; numbers read as themselves; the company's own symbols as their levels. A
/// person confirms or changes the proposal; marks that nothing explains are left for them.
public enum MarkLegend {
    /// A mark as the mapping keys it: folded, so `３`, `3`, `3.0` and `Ｃ`/`c` are one.
    public static func key(_ mark: String) -> String {
        let folded = TextFold.key(mark)
        if let value = Double(folded), value == value.rounded(), abs(value) < 1_000 { return String(Int(value)) }
        return folded
    }

    /// Legend texts on a sheet: any cell starting with 凡例, any cell of mark=meaning pairs, and
    /// the rows of a two-column legend table (mark | meaning) under a 記号 heading.
    static func texts(in grid: SheetGrid) -> [String] {
        var texts: [String] = []
        let rows = grid.occupiedRows.map { grid.row($0) }
        // A legend table: a sheet named 凡例, or a 記号 heading over mark | meaning rows.
        let table = grid.sheet.contains("凡例") || rows.contains { $0.contains { $0.text.hasPrefix("記号") } }
        for cells in rows {
            // Only a text with a separator can be mark=meaning pairs (a sheet's thousands of marks are not).
            for cell in cells where cell.text.hasPrefix("凡例")
                || (cell.text.count >= 5 && cell.text.contains(where: { separators.contains($0) }) && pairs(cell.text).count >= 2) {
                texts.append(cell.text)
            }
            if table, cells.count == 2, cells[0].text.count <= 3, !cells[0].text.hasPrefix("記号") {
                texts.append("\(cells[0].text)＝\(cells[1].text)")
            }
        }
        return texts
    }

    static let separators: Set<Character> = ["=", "＝", ":", "：", "…"]

    /// `◎＝指導できる　○：一人でできる` → [(◎, 指導できる), (○, 一人でできる)].
    static func pairs(_ text: String) -> [(mark: String, meaning: String)] {
        var body = text
        if body.hasPrefix("凡例") { body = String(body.dropFirst(2)) }
        // Split on runs of spaces (ASCII or full-width) and on the separators' left side.
        var result: [(String, String)] = []
        let tokens = body.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "、" || $0 == "," || $0 == "/" || $0 == "／" })
        for token in tokens {
            let chars = Array(token.drop { separators.contains($0) })
            guard let at = chars.firstIndex(where: { separators.contains($0) }) else { continue }
            let mark = String(chars[..<at]).trimmingCharacters(in: .whitespaces)
            let meaning = String(chars[(at + 1)...]).trimmingCharacters(in: .whitespaces)
            guard !mark.isEmpty, mark.count <= 3, !meaning.isEmpty else { continue }
            result.append((mark, meaning))
        }
        return result
    }

    /// The proposed level of each mark found in `marks`: from a legend meaning that names one of
    /// the scale's labels, else a number in the scale, else the scale's own symbol. Marks without
    /// a proposal are absent: the person maps them.
    public static func propose(marks: Set<String>, legends: [String], scale: LevelScale) -> [String: Int?] {
        var meaning: [String: String] = [:]
        for text in legends {
            for pair in pairs(text) where meaning[key(pair.mark)] == nil { meaning[key(pair.mark)] = pair.meaning }
        }
        var proposal: [String: Int?] = [:]
        for mark in marks {
            let folded = key(mark)
            if let text = meaning[folded], let level = level(meaning: text, scale: scale) {
                proposal[folded] = level
            } else if let value = Int(folded), scale.contains(value) {
                proposal[folded] = value
            } else if let level = scale.levels.first(where: { key($0.symbol) == folded })?.level {
                proposal[folded] = level
            } else if let level = common[folded], scale.contains(level) {
                proposal[folded] = level
            }
        }
        return proposal
    }

    /// The level whose label the meaning names (folded; either containing the other).
    static func level(meaning: String, scale: LevelScale) -> Int? {
        let text = TextFold.key(meaning)
        if let exact = scale.levels.first(where: { TextFold.key($0.label) == text }) { return exact.level }
        let candidates = scale.levels.filter {
            let label = TextFold.key($0.label)
            return !label.isEmpty && (text.contains(label) || label.contains(text))
        }
        if candidates.count == 1 { return candidates[0].level }
        if ["未経験", "できない", "未習得", "経験なし", "不可"].contains(where: { text.contains(TextFold.key($0)) }) { return scale.range.lowerBound }
        return candidates.max { TextFold.key($0.label).count < TextFold.key($1.label).count }?.level
    }

    /// Marks that mean the same in most factories, used when there is no legend.
    /// (Built with `uniquingKeysWith`: marks that fold to one key, such as － and -, must not trap.)
    static let common: [String: Int] = Dictionary(
        [("◎", 3), ("○", 2), ("〇", 2), ("△", 1), ("×", 0), ("－", 0), ("-", 0), ("可", 2), ("不可", 0)].map { (key($0.0), $0.1) },
        uniquingKeysWith: { first, _ in first })
}
