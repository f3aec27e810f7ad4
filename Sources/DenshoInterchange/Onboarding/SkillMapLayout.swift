import DenshoDomain
import Foundation

/// One table found in a hand-made 力量表: who is in it, which skills it has, and every mark with
/// its cell. A sheet may hold several (departments stacked one under another); a workbook may
/// hold a sheet per department.
public struct FoundTable: Sendable {
    public struct Person: Sendable, Hashable {
        public var name: String
        public var reading: String?
        public var number: String?
        /// Where the name is (`力量表!B5`).
        public var cell: String
    }

    public struct Skill: Sendable, Hashable {
        public var name: String
        /// From the merged heading above it, when there is one.
        public var category: String?
        public var cell: String
    }

    public struct Mark: Sendable, Hashable {
        public var person: Int
        public var skill: Int
        public var text: String
        public var cell: String
        /// The sheet row (1-based), for messages.
        public var line: Int
    }

    public var sheet: String
    /// What is written above the table (a department's name, a title naming it, a date).
    public var heading: String?
    /// Skills down the rows and people across.
    public var transposed: Bool
    public var people: [Person]
    public var skills: [Skill]
    public var marks: [Mark]
}

/// Finds the tables of a workbook laid out as 力量表 the way people make them in Excel: a title,
/// a header row with 氏名 (and 社員番号, フリガナ, a No. column), category headings merged over their
/// skills, one row per person, marks or numbers, a 凡例 under the table or on a sheet of its own.
/// A sheet is read both ways round, and the reading that finds more people and skills (and known
/// ones, when the caller knows them) is kept.
public enum SkillMapLayout {
    public struct Found: Sendable {
        public var tables: [FoundTable]
        /// Every legend text and legend table row, for `MarkLegend`.
        public var legends: [String]
    }

    public static func find(in workbook: XLSXWorkbookValues, knownPeople: Set<String> = [], knownSkills: Set<String> = []) -> Found {
        var all: [FoundTable] = []
        var legends: [String] = []
        let words = HeaderWord.Cache()
        for sheet in workbook.sheets where !sheet.hidden {
            let rows = SheetGrid(sheet, transposed: false)
            let across = SheetGrid(sheet, transposed: true)
            let candidates = [tables(in: rows, words: words), tables(in: across, words: words)]
            let best = candidates.max { score($0, knownPeople, knownSkills) < score($1, knownPeople, knownSkills) } ?? []
            if score(best, knownPeople, knownSkills) > 0 { all += best }
            legends += MarkLegend.texts(in: rows)
        }
        return Found(tables: all, legends: legends)
    }

    /// More marks read is better; names that are known people and headings that are known skills
    /// count more, and the other way round counts against (a transposed map read the wrong way).
    static func score(_ tables: [FoundTable], _ people: Set<String>, _ skills: Set<String>) -> Int {
        var score = 0
        for table in tables {
            score += table.marks.count + table.people.count + table.skills.count
            for person in table.people {
                let key = TextFold.key(person.name)
                if people.contains(key) { score += 10 }
                if skills.contains(key) || HeaderWord.of(person.name) != nil { score -= 10 }  // once per person
            }
            for skill in table.skills {
                let key = TextFold.key(skill.name)
                if skills.contains(key) { score += 10 }
                if people.contains(key) { score -= 10 }
            }
        }
        return score
    }

    static func tables(in grid: SheetGrid, words: HeaderWord.Cache) -> [FoundTable] {
        var found: [FoundTable] = []
        var next = 0
        for row in grid.occupiedRows where row >= next {
            guard let table = table(at: row, in: grid, words: words) else { continue }
            found.append(table.table)
            next = table.end + 1
        }
        return found
    }

    /// The table whose header row is `headerRow`, if that row has a 氏名 heading, and the last row it uses.
    static func table(at headerRow: Int, in grid: SheetGrid, words: HeaderWord.Cache) -> (table: FoundTable, end: Int)? {
        let headings = grid.row(headerRow)
        guard let nameColumn = headings.first(where: { words.of($0.text) == .name })?.column else { return nil }
        // Role columns in the header row (or the row under it, when the headings are two rows high).
        var roles: [Int: HeaderWord] = [:]
        for line in [headerRow, headerRow + 1] {
            for (column, text) in grid.row(line) where roles[column] == nil {
                if let word = words.of(text) { roles[column] = word }
            }
        }
        // Data starts at the first row under the headings with a name that is not itself a heading.
        var dataRow = headerRow + 1
        while dataRow < grid.rowCount, dataRow <= headerRow + 3 {
            if let text = grid.value(dataRow, nameColumn), words.of(text) == nil { break }
            dataRow += 1
        }
        guard dataRow < grid.rowCount, grid.value(dataRow, nameColumn) != nil else { return nil }
        let skillRow = dataRow - 1
        let numberColumn = roles.first { $0.value == .number }?.key
        let readingColumn = roles.first { $0.value == .reading }?.key
        let firstSkillColumn = ([nameColumn] + [numberColumn, readingColumn].compactMap { $0 }).max()! + 1

        var skills: [FoundTable.Skill] = []
        var skillColumns: [Int] = []
        // Only columns with a heading near the header row can be skills.
        var headed = Set<Int>()
        for line in max(headerRow - 1, 0)...skillRow {
            for cell in grid.row(line) where cell.column >= firstSkillColumn { headed.insert(cell.column) }
        }
        for column in headed.sorted() {
            // The skill's name is the lowest heading in the column; a heading merged down from the
            // header row counts (a skill without a category).
            var name: String?
            var nameRow = skillRow
            for line in stride(from: skillRow, through: max(headerRow - 1, 0), by: -1) {
                if let text = grid.value(line, column) {
                    name = text
                    nameRow = line
                    break
                }
                if grid.isMerged(line, column) { break }
            }
            guard let name, roles[column] == nil, words.of(name) == nil, Double(name) == nil else { continue }
            // Its category: the merged heading (or single heading) in the row above its name.
            var category: String?
            if nameRow > 0, nameRow - 1 >= headerRow - 1, let above = grid.shown(nameRow - 1, column), words.of(above) == nil,
               above != name {
                category = above
            }
            skills.append(FoundTable.Skill(name: name, category: category, cell: grid.name(nameRow, column)))
            skillColumns.append(column)
        }
        guard !skills.isEmpty else { return nil }

        var people: [FoundTable.Person] = []
        var marks: [FoundTable.Mark] = []
        var row = dataRow
        var end = skillRow
        while row < grid.rowCount {
            guard let name = grid.value(row, nameColumn) else { break }
            let key = TextFold.key(name)
            if key.hasPrefix("凡例") || ["合計", "計", "人数", "平均"].contains(key) || words.of(name) == .name { break }
            let person = people.count
            people.append(FoundTable.Person(
                name: name, reading: readingColumn.flatMap { grid.value(row, $0) },
                number: numberColumn.flatMap { grid.value(row, $0) }.map(XLSXWorkbookValues.identifier), cell: grid.name(row, nameColumn)))
            for (index, column) in skillColumns.enumerated() {
                guard let text = grid.value(row, column) else { continue }
                marks.append(FoundTable.Mark(person: person, skill: index, text: text, cell: grid.name(row, column),
                                             line: grid.original(row, column).row + 1))
            }
            end = row
            row += 1
        }
        guard !people.isEmpty else { return nil }
        return (FoundTable(sheet: grid.sheet, heading: heading(above: min(headerRow, skillRow - 1), in: grid, words: words),
                           transposed: grid.transposed,
                           people: people, skills: skills, marks: marks), end)
    }

    /// The texts in the three rows above a table's headings (its department, or a title naming
    /// it, such as 「2025年度 力量表（製造部）」), nearest first, joined.
    static func heading(above row: Int, in grid: SheetGrid, words: HeaderWord.Cache) -> String? {
        var texts: [String] = []
        for line in stride(from: row - 1, through: max(row - 3, 0), by: -1) where line >= 0 {
            texts += grid.row(line).map(\.text).filter { words.of($0) == nil }
        }
        return texts.isEmpty ? nil : texts.joined(separator: " ")
    }
}
