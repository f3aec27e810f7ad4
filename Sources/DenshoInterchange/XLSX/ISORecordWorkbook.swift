import CXlsxWriter
import DenshoDomain
import Foundation

/// 力量記録（ISO 9001 7.2）as an Excel workbook: the title, whose record and the print date, then a
/// row per current level with the same columns as the PDF (社員番号 … 有効期限). Set up for A4
/// landscape, one page wide, the headings repeated on every page, filter buttons on the headings.
public struct ISORecordWorkbook: Sendable {
    public var companyName: String
    /// Whose record: 「10001 鈴木 花子（機械加工）」 or 「機械加工」.
    public var scope: String
    public var rows: [ISORecordRow]
    public var printedOn: LocalDate

    /// The layout (0-based): title in row 1, scope and date in row 2, headings in row 3, levels from row 4.
    public static let titleRow = 0
    public static let noteRow = 1
    public static let headingRow = 2
    public static let firstDataRow = 3
    public static let headings = ["社員番号", "氏名", "所属", "技能コード", "技能", "レベル", "評価方法", "評価者", "評価日", "証拠", "有効期限"]
    public static let sheetName = "力量記録"

    public init(companyName: String, scope: String, rows: [ISORecordRow], printedOn: LocalDate) {
        self.companyName = companyName
        self.scope = scope
        self.rows = rows
        self.printedOn = printedOn
    }

    /// The cells of one row as written (the level as a number, the rest as text).
    public static func values(_ row: ISORecordRow) -> [String] {
        [row.employeeCode, row.employeeName, row.department, row.skillCode, row.skillName, String(row.level), row.method.label,
         row.evaluator, row.evaluatedOn.slashed, row.evidence, row.validThrough?.slashed ?? ""]
    }

    /// Writes the workbook to `path` (libxlsxwriter writes files only).
    public func write(to path: String) throws(WorkbookError) {
        guard let workbook = workbook_new(path) else { throw .write("cannot create \(path)") }
        if let sheet = workbook_add_worksheet(workbook, Self.sheetName) {
            writeSheet(sheet, workbook: workbook)
        }
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else { throw .write(String(cString: lxw_strerror(result))) }
    }

    private func writeSheet(_ sheet: UnsafeMutablePointer<lxw_worksheet>, workbook: UnsafeMutablePointer<lxw_workbook>) {
        func make(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> { officeFormat(workbook, size: 9, configure) }
        let thin = UInt8(LXW_BORDER_THIN.rawValue), hair = UInt8(LXW_BORDER_HAIR.rawValue)
        let center = UInt8(LXW_ALIGN_CENTER.rawValue)
        let title = make { format_set_bold($0); format_set_font_size($0, 14) }
        let note = make { format_set_font_color($0, 0x666666) }
        let heading = make {
            format_set_bold($0)
            format_set_bg_color($0, 0xEEF2F6)
            format_set_border($0, thin)
            format_set_align($0, center)
            format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        }
        let text = make { format_set_border($0, hair) }
        let level = make { format_set_border($0, hair); format_set_align($0, center) }
        let expired = make { format_set_border($0, hair); format_set_font_color($0, 0xC0392B) }

        let lastColumn = lxw_col_t(Self.headings.count - 1)
        for (column, width) in [9.0, 14, 12, 10, 28, 6, 10, 14, 11, 26, 11].enumerated() {
            worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil)
        }
        worksheet_set_row(sheet, lxw_row_t(Self.titleRow), 22, nil)
        worksheet_merge_range(sheet, lxw_row_t(Self.titleRow), 0, lxw_row_t(Self.titleRow), lastColumn,
                              "力量記録（ISO 9001 7.2） — \(companyName)", title)
        let people = Set(rows.map(\.employeeCode)).count
        worksheet_merge_range(sheet, lxw_row_t(Self.noteRow), 0, lxw_row_t(Self.noteRow), lastColumn,
                              "対象 \(scope)　印刷日 \(printedOn.japanese)　\(people)名・\(rows.count)件", note)
        for (column, name) in Self.headings.enumerated() {
            worksheet_write_string(sheet, lxw_row_t(Self.headingRow), lxw_col_t(column), name, heading)
        }
        worksheet_set_row(sheet, lxw_row_t(Self.headingRow), 18, nil)

        for (index, row) in rows.enumerated() {
            let r = lxw_row_t(Self.firstDataRow + index)
            for (column, value) in Self.values(row).enumerated() {
                if column == 5 {
                    worksheet_write_number(sheet, r, 5, Double(row.level), level)
                } else if column == 10, let through = row.validThrough, through < printedOn {
                    worksheet_write_string(sheet, r, 10, value, expired)
                } else {
                    worksheet_write_string(sheet, r, lxw_col_t(column), value, text)
                }
            }
        }
        if !rows.isEmpty {
            worksheet_autofilter(sheet, lxw_row_t(Self.headingRow), 0, lxw_row_t(Self.firstDataRow + rows.count - 1), lastColumn)
        }
        worksheet_freeze_panes(sheet, lxw_row_t(Self.firstDataRow), 0)
        // A4 landscape (paper 9), one page wide, the title and headings on every page.
        worksheet_set_paper(sheet, 9)
        worksheet_set_landscape(sheet)
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_repeat_rows(sheet, lxw_row_t(Self.titleRow), lxw_row_t(Self.headingRow))
        worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.5)
        worksheet_set_footer(sheet, "&L\(TrainingPlanWorkbook.escapedForHeader(companyName))&C&P / &N ページ&R伝承 Densho")
    }
}
