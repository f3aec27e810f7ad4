import CXlsxWriter
import DenshoDomain
import Foundation

/// The 力量表 as an Excel workbook, the way Japanese offices pass skill maps around: a sheet per
/// department (employees down, skills across), coloured level cells that recolour when edited,
/// frozen headings, level cells that accept only the scale's levels, and a legend sheet. The same
/// file, edited, is read back by `SkillMapWorkbook.read`.
public struct SkillMapWorkbook: Sendable {
    /// One department's sheet.
    public struct Sheet: Sendable {
        public var name: String
        public var matrix: SkillMatrix

        public init(name: String, matrix: SkillMatrix) {
            self.name = name
            self.matrix = matrix
        }
    }

    public var companyName: String
    public var asOf: LocalDate
    public var scale: LevelScale
    public var sheets: [Sheet]

    /// The layout the reader relies on: codes in row 1, names in row 2, people from row 3.
    public static let numberHeading = "社員番号"
    public static let nameHeading = "氏名"
    public static let firstDataRow = 2  // 0-based: row 3
    public static let firstSkillColumn = 2  // 0-based: column C
    public static let legendName = "凡例"

    public init(companyName: String, asOf: LocalDate, scale: LevelScale, sheets: [Sheet]) {
        self.companyName = companyName
        self.asOf = asOf
        self.scale = scale
        self.sheets = sheets
    }

    /// A sheet per department (or only `department`), plus one for employees without a department.
    public static func load(company: Company, department: Department?, from store: any DenshoRepository, asOf: LocalDate)
        async throws -> SkillMapWorkbook
    {
        var sheets: [Sheet] = []
        if let department {
            sheets.append(Sheet(name: department.name, matrix: try await store.matrix(company: company.id, department: department.id, asOf: asOf)))
        } else {
            let all = try await store.matrix(company: company.id, department: nil, asOf: asOf)
            for department in try await store.departments(company: company.id) {
                var matrix = all
                matrix.employees = all.employees.filter { $0.departmentID == department.id }
                if !matrix.employees.isEmpty { sheets.append(Sheet(name: department.name, matrix: matrix)) }
            }
            var unassigned = all
            unassigned.employees = all.employees.filter { $0.departmentID == nil }
            if !unassigned.employees.isEmpty { sheets.append(Sheet(name: "所属なし", matrix: unassigned)) }
        }
        return SkillMapWorkbook(companyName: company.name, asOf: asOf, scale: try await store.levelScale(company: company.id), sheets: sheets)
    }

    /// The evaluations that make the current map equal to `cells`: one per cell whose level differs
    /// from the current one, dated `on`, by `evaluator` (社員番号), noting the cell it came from.
    public static func changes(_ cells: [SkillMapCell], current: SkillMatrix, file: String, on date: LocalDate, evaluator: String?)
        -> [SkillMapChange]
    {
        let employees = Dictionary(current.employees.map { ($0.number, $0.id) }, uniquingKeysWith: { first, _ in first })
        let skills = Dictionary(current.skills.map { ($0.code, $0.id) }, uniquingKeysWith: { first, _ in first })
        return cells.compactMap { cell in
            let now = employees[cell.employeeNumber].flatMap { e in skills[cell.skillCode].map { current.level(e, $0) } } ?? 0
            guard now != cell.level else { return nil }
            let record = EvaluationRecord(
                source: SourcePosition(file: "\(file)!\(cell.sheet)", line: cell.reference.row + 1), employeeNumber: cell.employeeNumber,
                skillCode: cell.skillCode, level: cell.level, evaluatedOn: date, evaluatorNumber: evaluator, kind: .supervisor,
                state: .approved, note: "Excel取込 \(file) \(cell.sheet)!\(cell.reference)")
            return SkillMapChange(cell: cell, before: now, record: record)
        }
    }

    /// Excel's rules for sheet names: at most 31 characters, none of `[]:*?/\`, unique.
    static func sheetNames(_ names: [String]) -> [String] {
        var used = Set<String>([legendName])
        return names.map { name in
            var base = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(28))
            if base.isEmpty { base = "Sheet" }
            var candidate = base
            var n = 2
            while used.contains(candidate) {
                candidate = "\(base)(\(n))"
                n += 1
            }
            used.insert(candidate)
            return candidate
        }
    }

    /// Writes the workbook to `path` (libxlsxwriter writes files, so the web app goes through a
    /// temporary file too).
    public func write(to path: String) throws(WorkbookError) {
        guard let workbook = workbook_new(path) else { throw .write("cannot create \(path)") }
        var formats = Formats(workbook: workbook, levels: scale.levels.map(\.level))
        for (sheet, name) in zip(sheets, Self.sheetNames(sheets.map(\.name))) {
            guard let worksheet = workbook_add_worksheet(workbook, name) else { continue }
            writeSheet(sheet.matrix, to: worksheet, formats: &formats)
        }
        if let legend = workbook_add_worksheet(workbook, Self.legendName) { writeLegend(to: legend, formats: formats) }
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else { throw .write(String(cString: lxw_strerror(result))) }
    }

    /// The cell formats, made once per workbook.
    struct Formats {
        let heading: UnsafeMutablePointer<lxw_format>
        let code: UnsafeMutablePointer<lxw_format>
        let skillName: UnsafeMutablePointer<lxw_format>
        let text: UnsafeMutablePointer<lxw_format>
        let levels: [Int: UnsafeMutablePointer<lxw_format>]
        /// Fill-only formats for the conditional formats that recolour edited cells.
        let recolour: [Int: UnsafeMutablePointer<lxw_format>]

        init(workbook: UnsafeMutablePointer<lxw_workbook>, levels: [Int]) {
            func make(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> { officeFormat(workbook, size: 10, configure) }
            heading = make { format_set_bold($0); format_set_bg_color($0, 0xEEF2F6); format_set_border($0, UInt8(LXW_BORDER_THIN.rawValue)) }
            code = make { format_set_font_color($0, 0x666666); format_set_align($0, UInt8(LXW_ALIGN_CENTER.rawValue)); format_set_bg_color($0, 0xEEF2F6); format_set_border($0, UInt8(LXW_BORDER_THIN.rawValue)) }
            skillName = make {
                format_set_rotation($0, 90)
                format_set_text_wrap($0)
                format_set_align($0, UInt8(LXW_ALIGN_CENTER.rawValue))
                format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
                format_set_bg_color($0, 0xEEF2F6)
                format_set_border($0, UInt8(LXW_BORDER_THIN.rawValue))
            }
            text = make { format_set_border($0, UInt8(LXW_BORDER_HAIR.rawValue)) }
            let color = LevelColors.hex(_:)
            self.levels = Dictionary(uniqueKeysWithValues: levels.map { level in
                (level, make {
                    format_set_bg_color($0, lxw_color_t(color(level)))
                    format_set_align($0, UInt8(LXW_ALIGN_CENTER.rawValue))
                    format_set_border($0, UInt8(LXW_BORDER_HAIR.rawValue))
                    if LevelColors.isDark(level) { format_set_font_color($0, 0xFFFFFF) }
                })
            })
            recolour = Dictionary(uniqueKeysWithValues: levels.map { level in
                let format = workbook_add_format(workbook)!
                format_set_bg_color(format, lxw_color_t(color(level)))
                if LevelColors.isDark(level) { format_set_font_color(format, 0xFFFFFF) }
                return (level, format)
            })
        }
    }

    private func writeSheet(_ matrix: SkillMatrix, to sheet: UnsafeMutablePointer<lxw_worksheet>, formats: inout Formats) {
        worksheet_write_string(sheet, 0, 0, Self.numberHeading, formats.heading)
        worksheet_write_string(sheet, 0, 1, Self.nameHeading, formats.heading)
        worksheet_write_string(sheet, 1, 0, "", formats.heading)
        worksheet_write_string(sheet, 1, 1, "", formats.heading)
        worksheet_set_column(sheet, 0, 0, 10, nil)
        worksheet_set_column(sheet, 1, 1, 14, nil)
        worksheet_set_row(sheet, 1, 150, nil)
        let firstColumn = lxw_col_t(Self.firstSkillColumn)
        if !matrix.skills.isEmpty {
            worksheet_set_column(sheet, firstColumn, firstColumn + lxw_col_t(matrix.skills.count - 1), 4.5, nil)
        }
        for (index, skill) in matrix.skills.enumerated() {
            let column = firstColumn + lxw_col_t(index)
            worksheet_write_string(sheet, 0, column, skill.code, formats.code)
            let category = matrix.category(of: skill)?.name
            worksheet_write_string(sheet, 1, column, (category.map { "[\($0)] " } ?? "") + skill.name, formats.skillName)
        }
        for (rowIndex, employee) in matrix.employees.enumerated() {
            let row = lxw_row_t(Self.firstDataRow + rowIndex)
            worksheet_write_string(sheet, row, 0, employee.number, formats.text)
            worksheet_write_string(sheet, row, 1, employee.name, formats.text)
            let levels = matrix.levels[employee.id] ?? [:]
            for (index, skill) in matrix.skills.enumerated() {
                let level = levels[skill.id] ?? 0
                worksheet_write_number(sheet, row, firstColumn + lxw_col_t(index), Double(level), formats.levels[level] ?? formats.text)
            }
        }
        worksheet_freeze_panes(sheet, lxw_row_t(Self.firstDataRow), firstColumn)
        guard !matrix.skills.isEmpty, !matrix.employees.isEmpty else { return }
        let lastRow = lxw_row_t(Self.firstDataRow + matrix.employees.count - 1)
        let lastColumn = firstColumn + lxw_col_t(matrix.skills.count - 1)
        let range = scale.range
        let labels = scale.levels.map { "\($0.level) \($0.label)" }.joined(separator: " / ")
        withCStrings(["レベル", "\(range.lowerBound)〜\(range.upperBound)の整数を入力してください。\n\(labels)", "レベルの入力",
                      "\(range.lowerBound)〜\(range.upperBound)で入力"]) { strings in
            var validation = lxw_data_validation()
            validation.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            validation.minimum_number = Double(range.lowerBound)
            validation.maximum_number = Double(range.upperBound)
            validation.error_title = strings[0]
            validation.error_message = strings[1]
            validation.input_title = strings[2]
            validation.input_message = strings[3]
            worksheet_data_validation_range(sheet, lxw_row_t(Self.firstDataRow), firstColumn, lastRow, lastColumn, &validation)
        }
        for (level, format) in formats.recolour {
            var rule = lxw_conditional_format()
            rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
            rule.value = Double(level)
            rule.format = format
            worksheet_conditional_format_range(sheet, lxw_row_t(Self.firstDataRow), firstColumn, lastRow, lastColumn, &rule)
        }
    }

    private func writeLegend(to sheet: UnsafeMutablePointer<lxw_worksheet>, formats: Formats) {
        worksheet_set_column(sheet, 0, 0, 8, nil)
        worksheet_set_column(sheet, 1, 1, 8, nil)
        worksheet_set_column(sheet, 2, 2, 30, nil)
        worksheet_write_string(sheet, 0, 0, "\(companyName) 力量表（\(asOf.japanese)現在）", nil)
        for (column, title) in ["レベル", "記号", "意味"].enumerated() {
            worksheet_write_string(sheet, 2, lxw_col_t(column), title, formats.heading)
        }
        for (index, level) in scale.levels.enumerated() {
            let row = lxw_row_t(3 + index)
            worksheet_write_number(sheet, row, 0, Double(level.level), formats.levels[level.level])
            worksheet_write_string(sheet, row, 1, level.symbol, formats.text)
            worksheet_write_string(sheet, row, 2, level.label, formats.text)
        }
        let notes = [
            "レベルのセルを書き換えて保存すると、`densho import skillmap ファイル.xlsx` で評価として取り込めます。",
            "取り込みはすべてのセルを確認してから行い、誤りが1つでもあれば何も取り込みません（誤りはセル番地で示します）。",
            "1行目のスキルコードとA列の社員番号で照合します。行・列の追加や並べ替えはしないでください。",
        ]
        for (index, note) in notes.enumerated() {
            worksheet_write_string(sheet, lxw_row_t(5 + scale.levels.count + index), 0, note, nil)
        }
    }
}

/// Keeps C copies of `strings` alive for `body` (libxlsxwriter's option structs hold `char *`).
private func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
    let pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}

/// Why a workbook could not be written or read.
public enum WorkbookError: Error, Sendable, CustomStringConvertible {
    case write(String)
    case unreadable(String)

    public var description: String {
        switch self {
        case .write(let message): "cannot write the workbook: \(message)"
        case .unreadable(let message): "cannot read the workbook: \(message)"
        }
    }
}
