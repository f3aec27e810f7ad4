import DenshoDomain
import Foundation

/// スキル一覧 CSV: the catalogue, one skill per row with the wording of each level.
public enum SkillCSV {
    public static let category = CSVColumn("カテゴリ", aliases: ["category", "分類"], required: true)
    public static let code = CSVColumn("スキルコード", aliases: ["code", "skill_code"], required: true)
    public static let name = CSVColumn("スキル名", aliases: ["name", "skill_name", "スキル"], required: true)
    public static let description = CSVColumn("説明", aliases: ["description"])
    /// Level wording columns `レベル1` … `レベル9` (also `level1`).
    public static let levels = (0...9).map { CSVColumn("レベル\($0)", aliases: ["level\($0)", "level_\($0)", "Lv\($0)"]) }
    public static let columns = [category, code, name, description] + levels

    public static func read(_ data: Data, file: String) throws -> [SkillRecord] {
        let table = try CSVTable(data: data, file: file, columns: columns)
        var issues: [ImportIssue] = []
        var records: [SkillRecord] = []
        for row in table.rows {
            let count = issues.count
            let category = row.required(category, &issues)
            let code = row.required(code, &issues)
            let name = row.required(name, &issues)
            guard issues.count == count else { continue }
            var wording: [Int: String] = [:]
            for (level, column) in levels.enumerated() {
                if let text = row.optionalText(column) { wording[level] = text }
            }
            records.append(SkillRecord(
                source: row.source, category: category, code: code, name: name, description: row.text(description),
                levelDescriptions: wording))
        }
        guard issues.isEmpty else { throw ImportError(issues) }
        return records
    }

    /// One column per level of the scale above 0, and level 0 too when a skill has wording for it,
    /// so that importing the file again finds every skill unchanged.
    public static func write(_ skills: [Skill], categories: [SkillCategory.ID: String], scale: LevelScale) -> String {
        let shown = scale.levels.map(\.level).filter { level in
            levels.indices.contains(level)
                && (level > 0 || skills.contains { !($0.levelDescriptions[level] ?? "").isEmpty })
        }
        let header = [category, code, name, description].map(\.header) + shown.map { levels[$0].header }
        let rows = skills.map { s in
            [categories[s.categoryID] ?? "", s.code, s.name, s.description] + shown.map { s.levelDescriptions[$0] ?? "" }
        }
        return CSVWriter.write([header] + rows)
    }
}
