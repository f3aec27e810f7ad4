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

/// A level in a workbook that differs from the current map, and the evaluation that records it.
public struct SkillMapChange: Sendable {
    public var cell: SkillMapCell
    /// The current level (0 where none was recorded).
    public var before: Int
    public var record: EvaluationRecord
}

extension SkillMapWorkbook {
    /// Reads the levels of a workbook written by `write(to:)` (and edited in Excel or LibreOffice).
    /// Every sheet laid out as a 力量表 (社員番号 and 氏名 in A1:B1) is read; the legend and other
    /// sheets are skipped. Empty level cells are skipped. Everything is checked before anything is
    /// returned: unknown 社員番号 or skill codes and values that are not levels fail the whole file,
    /// each problem named by its sheet and cell.
    ///
    /// `skipped`, when given, says that `employeeNumbers` holds only the people the caller may
    /// see: any other row (another department's, or a number that exists nowhere — the two are
    /// never told apart) is passed over unread and its first cell reported to `skipped`.
    public static func read(
        _ data: Data, file: String, scale: LevelScale, employeeNumbers: Set<String>, skillCodes: Set<String>,
        skipped: ((String) -> Void)? = nil
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
                                           "no sheet laid out as Densho's 力量表 (社員番号 and 氏名 in A1:B1); a 力量表 of your own layout imports with `densho import workbook`",
                                           japanese: "Densho の力量表の形のシート(A1:B1 に 社員番号・氏名)がありません。お使いの形の力量表は「Excel の力量表を取り込む（初回）」から取り込めます。")])
        }
        for sheet in sheets {
            func issue(_ reference: CellReference, _ message: String, _ japanese: String) {
                issues.append(ImportIssue(SourcePosition(file: "\(file)!\(sheet.name)", line: reference.row + 1),
                                          column: reference.description, message, japanese: japanese))
            }
            // Skill codes across row 1 from column C to the first empty cell.
            var codes: [Int: String] = [:]
            var column = firstSkillColumn
            while let code = sheet.value(0, column)?.trimmed, !code.isEmpty {
                if skillCodes.contains(code) { codes[column] = code } else {
                    issue(CellReference(row: 0, column: column), "unknown skill code '\(code)'", "技能コード「\(code)」はありません")
                }
                column += 1
            }
            let lastColumn = column
            var row = firstDataRow
            while let number = sheet.value(row, 0)?.trimmed.halfWidthASCII, !number.isEmpty {
                defer { row += 1 }
                let numberText = XLSXWorkbookValues.identifier(number)
                guard employeeNumbers.contains(numberText) else {
                    if let skipped {
                        skipped("\(sheet.name)!\(CellReference(row: row, column: 0))")
                    } else {
                        issue(CellReference(row: row, column: 0), "unknown 社員番号 '\(number)'", "社員番号「\(number)」はありません")
                    }
                    continue
                }
                for column in firstSkillColumn..<lastColumn {
                    guard let code = codes[column], let raw = sheet.value(row, column)?.trimmed, !raw.isEmpty else { continue }
                    let reference = CellReference(row: row, column: column)
                    guard let level = level(raw, scale: scale) else {
                        let allowed = "\(scale.range.lowerBound)–\(scale.range.upperBound) or " + scale.levels.map(\.symbol).joined(separator: " ")
                        issue(reference, "'\(raw)' is not a level (\(allowed))",
                              "「\(raw)」はレベルではありません(\(allowed.replacingOccurrences(of: " or ", with: " または ")))")
                        continue
                    }
                    let key = numberText + "|" + code
                    if let first = seen[key] {
                        issue(reference, "社員番号 \(numberText) and skill \(code) already appear at \(first)",
                              "社員番号 \(numberText) の \(code) は \(first) にもあります")
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

    /// What an edited workbook asks of the company's current map: its cells checked against the
    /// company's employees, skills and scale (`read`), then one evaluation per level that differs
    /// (`changes`). Returned with the map and scale it was read against, for showing the changes.
    /// `densho import skillmap` and the web's 力量表 upload both come here.
    ///
    /// `visible`, when given, limits the rows to people the caller may see (a supervisor's
    /// departments): every other row is skipped unread — never compared with the stored levels,
    /// so nothing in the answer depends on another department's levels — and listed in `skipped`.
    public static func proposedChanges(
        _ data: Data, file: String, company: Company.ID, from store: any DenshoRepository, asOf: LocalDate, evaluator: String?,
        visible: (@Sendable (Employee) -> Bool)? = nil
    ) async throws -> (changes: [SkillMapChange], current: SkillMatrix, scale: LevelScale, skipped: [String]) {
        let current = try await store.matrix(company: company, department: nil, asOf: asOf)
        let scale = try await store.levelScale(company: company)
        let people = visible.map { current.employees.filter($0) } ?? current.employees
        var skipped: [String] = []
        let cells = try read(
            data, file: file, scale: scale, employeeNumbers: Set(people.map(\.number)),
            skillCodes: Set(try await store.skills(company: company, includeRetired: false).map(\.code)),
            skipped: visible == nil ? nil : { skipped.append($0) })
        return (changes(cells, current: current, file: file, on: asOf, evaluator: evaluator), current, scale, skipped)
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
