import DenshoDomain
import Foundation

/// One level read from a 力量表 workbook, with the cell it came from.
public struct SkillMapCell: Hashable, Sendable {
    public var sheet: String
    public var reference: CellReference
    public var employeeNumber: String
    public var skillCode: String
    public var level: Int
}

extension SkillMapWorkbook {
    /// Reads the levels of a workbook written by `write(to:)` (and edited in Excel or LibreOffice).
    /// Every sheet laid out as a 力量表 (社員番号 and 氏名 in A1:B1) is read; the legend and other
    /// sheets are skipped. Empty level cells are skipped. Everything is checked before anything is
    /// returned: unknown 社員番号 or skill codes and values that are not levels fail the whole file,
    /// each problem named by its sheet and cell.
    public static func read(
        _ data: Data, file: String, scale: LevelScale, employeeNumbers: Set<String>, skillCodes: Set<String>
    ) throws -> [SkillMapCell] {
        let workbook = try XLSXWorkbookValues(contentsOf: data)
        var issues: [ImportIssue] = []
        var cells: [SkillMapCell] = []
        var seen: [String: String] = [:]  // employee|skill → first cell, to catch one person twice
        let sheets = workbook.sheets.filter {
            $0.value(0, 0)?.trimmed == numberHeading && $0.value(0, 1)?.trimmed == nameHeading
        }
        if sheets.isEmpty {
            throw ImportError([ImportIssue(SourcePosition(file: file, line: 1), column: "A1",
                                           "no sheet laid out as a 力量表 (社員番号 and 氏名 in A1:B1); export one with `densho export skillmap --xlsx`")])
        }
        for sheet in sheets {
            func issue(_ reference: CellReference, _ message: String) {
                issues.append(ImportIssue(SourcePosition(file: "\(file)!\(sheet.name)", line: reference.row + 1),
                                          column: reference.description, message))
            }
            // Skill codes across row 1 from column C to the first empty cell.
            var codes: [Int: String] = [:]
            var column = firstSkillColumn
            while let code = sheet.value(0, column)?.trimmed, !code.isEmpty {
                if skillCodes.contains(code) { codes[column] = code } else {
                    issue(CellReference(row: 0, column: column), "unknown skill code '\(code)'")
                }
                column += 1
            }
            let lastColumn = column
            var row = firstDataRow
            while let number = sheet.value(row, 0)?.trimmed.halfWidthASCII, !number.isEmpty {
                defer { row += 1 }
                let numberText = number.hasSuffix(".0") ? String(number.dropLast(2)) : number
                guard employeeNumbers.contains(numberText) else {
                    issue(CellReference(row: row, column: 0), "unknown 社員番号 '\(number)'")
                    continue
                }
                for column in firstSkillColumn..<lastColumn {
                    guard let code = codes[column], let raw = sheet.value(row, column)?.trimmed, !raw.isEmpty else { continue }
                    let reference = CellReference(row: row, column: column)
                    guard let level = level(raw, scale: scale) else {
                        issue(reference, "'\(raw)' is not a level (\(scale.range.lowerBound)–\(scale.range.upperBound) or "
                              + scale.levels.map(\.symbol).joined(separator: " ") + ")")
                        continue
                    }
                    let key = numberText + "|" + code
                    if let first = seen[key] {
                        issue(reference, "社員番号 \(numberText) and skill \(code) already appear at \(first)")
                        continue
                    }
                    seen[key] = "\(sheet.name)!\(reference)"
                    cells.append(SkillMapCell(sheet: sheet.name, reference: reference, employeeNumber: numberText, skillCode: code, level: level))
                }
            }
        }
        if !issues.isEmpty { throw ImportError(issues) }
        return cells
    }

    /// `3`, `3.0`, `３` or the level's mark (`◎`).
    static func level(_ raw: String, scale: LevelScale) -> Int? {
        let text = raw.halfWidthASCII
        if let value = Double(text), value == value.rounded(), scale.contains(Int(value)) { return Int(value) }
        return scale.levels.first { $0.symbol == raw }?.level
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
