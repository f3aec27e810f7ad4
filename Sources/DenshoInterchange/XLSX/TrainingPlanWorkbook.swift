import CXlsxWriter
import DenshoDomain
import Foundation

/// The 年間教育計画 as an Excel workbook: one sheet with the title, the month headings (4月 … 3月,
/// 期限なし, 計画, 完了), a row per person listing the trainings due each month, and the totals.
/// Offices print it on A3 and file it, so the sheet is set up for that: landscape A3, one page
/// wide, the headings repeated on every page.
public struct TrainingPlanWorkbook: Sendable {
    public var companyName: String
    public var plan: TrainingPlan

    /// The layout (0-based): title in row 1, the date and legend in row 2, headings in row 3, people from row 4.
    public static let titleRow = 0
    public static let noteRow = 1
    public static let headingRow = 2
    public static let firstDataRow = 3
    /// 所属, 社員番号, 氏名, then the months from column D.
    public static let firstMonthColumn = 3
    public static let plannedColumn = firstMonthColumn + TrainingPlan.columnCount
    public static let completedColumn = plannedColumn + 1
    public static let plannedTotalLabel = "合計（計画）"
    public static let completedTotalLabel = "合計（完了）"

    public init(companyName: String, plan: TrainingPlan) {
        self.companyName = companyName
        self.plan = plan
    }

    /// `2026年度 年間教育計画`: the sheet's name (Excel allows 31 characters).
    public var sheetName: String { "\(plan.fiscalYear.label) 年間教育計画" }

    /// Writes the workbook to `path` (libxlsxwriter writes files only).
    public func write(to path: String) throws(WorkbookError) {
        guard let workbook = workbook_new(path) else { throw .write("cannot create \(path)") }
        if let sheet = workbook_add_worksheet(workbook, sheetName) {
            writeSheet(sheet, formats: Formats(workbook: workbook))
        }
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else { throw .write(String(cString: lxw_strerror(result))) }
    }

    /// The cell formats, made once per workbook.
    struct Formats {
        let title: UnsafeMutablePointer<lxw_format>
        let note: UnsafeMutablePointer<lxw_format>
        let heading: UnsafeMutablePointer<lxw_format>
        let text: UnsafeMutablePointer<lxw_format>
        /// Trainings in a month: wrapped, top-aligned.
        let cell: UnsafeMutablePointer<lxw_format>
        /// A cell where every training is done.
        let done: UnsafeMutablePointer<lxw_format>
        /// A cell with a training past its due date.
        let overdue: UnsafeMutablePointer<lxw_format>
        let count: UnsafeMutablePointer<lxw_format>
        let totalLabel: UnsafeMutablePointer<lxw_format>
        let totalCount: UnsafeMutablePointer<lxw_format>

        /// Red where a training is overdue, green where all are done.
        func format(for entries: [TrainingPlan.Entry]) -> UnsafeMutablePointer<lxw_format> {
            if entries.contains(where: { $0.state == .overdue }) { return overdue }
            if !entries.isEmpty && entries.allSatisfy({ $0.state == .completed }) { return done }
            return cell
        }

        init(workbook: UnsafeMutablePointer<lxw_workbook>) {
            func make(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> { officeFormat(workbook, size: 9, configure) }
            let thin = UInt8(LXW_BORDER_THIN.rawValue), hair = UInt8(LXW_BORDER_HAIR.rawValue)
            let top = UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue), center = UInt8(LXW_ALIGN_CENTER.rawValue)
            title = make { format_set_bold($0); format_set_font_size($0, 14) }
            note = make { format_set_font_color($0, 0x666666) }
            heading = make {
                format_set_bold($0)
                format_set_bg_color($0, 0xEEF2F6)
                format_set_border($0, thin)
                format_set_align($0, center)
                format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            }
            text = make { format_set_border($0, hair); format_set_align($0, top) }
            cell = make { format_set_border($0, hair); format_set_align($0, top); format_set_text_wrap($0) }
            done = make {
                format_set_border($0, hair)
                format_set_align($0, top)
                format_set_text_wrap($0)
                format_set_bg_color($0, 0xE8F5EC)
                format_set_font_color($0, 0x2E6B45)
            }
            overdue = make {
                format_set_border($0, hair)
                format_set_align($0, top)
                format_set_text_wrap($0)
                format_set_bg_color($0, 0xFDECEA)
                format_set_font_color($0, 0xC0392B)
            }
            count = make { format_set_border($0, hair); format_set_align($0, top); format_set_align($0, center) }
            totalLabel = make { format_set_bold($0); format_set_bg_color($0, 0xEEF2F6); format_set_border($0, thin) }
            totalCount = make { format_set_bold($0); format_set_bg_color($0, 0xEEF2F6); format_set_border($0, thin); format_set_align($0, center) }
        }
    }

    private func writeSheet(_ sheet: UnsafeMutablePointer<lxw_worksheet>, formats: Formats) {
        let lastColumn = lxw_col_t(Self.completedColumn)
        let firstMonth = lxw_col_t(Self.firstMonthColumn)
        worksheet_set_column(sheet, 0, 0, 10, nil)
        worksheet_set_column(sheet, 1, 1, 9, nil)
        worksheet_set_column(sheet, 2, 2, 12, nil)
        worksheet_set_column(sheet, firstMonth, firstMonth + lxw_col_t(TrainingPlan.columnCount - 1), 17, nil)
        worksheet_set_column(sheet, lxw_col_t(Self.plannedColumn), lastColumn, 6, nil)

        worksheet_set_row(sheet, lxw_row_t(Self.titleRow), 22, nil)
        worksheet_merge_range(sheet, lxw_row_t(Self.titleRow), 0, lxw_row_t(Self.titleRow), lastColumn, plan.title(company: companyName),
                              formats.title)
        let note = "\(plan.today.japanese)現在　（済）完了　（期限超過）期限を過ぎて未完了　"
            + "計画 \(plan.total.planned)件・完了 \(plan.total.completed)件・期限超過 \(plan.total.overdue)件"
        worksheet_merge_range(sheet, lxw_row_t(Self.noteRow), 0, lxw_row_t(Self.noteRow), lastColumn, note, formats.note)

        let headings = ["所属", "社員番号", "氏名"] + TrainingPlan.columnHeadings + ["計画", "完了"]
        for (column, heading) in headings.enumerated() {
            worksheet_write_string(sheet, lxw_row_t(Self.headingRow), lxw_col_t(column), heading, formats.heading)
        }
        worksheet_set_row(sheet, lxw_row_t(Self.headingRow), 18, nil)

        for (index, row) in plan.rows.enumerated() {
            let r = lxw_row_t(Self.firstDataRow + index)
            worksheet_write_string(sheet, r, 0, row.department ?? "", formats.text)
            worksheet_write_string(sheet, r, 1, row.employee.number, formats.text)
            worksheet_write_string(sheet, r, 2, row.employee.name, formats.text)
            for (offset, entries) in row.cells.enumerated() {
                worksheet_write_string(sheet, r, firstMonth + lxw_col_t(offset), entries.map(\.text).joined(separator: "\n"),
                                       formats.format(for: entries))
            }
            worksheet_write_number(sheet, r, lxw_col_t(Self.plannedColumn), Double(row.tally.planned), formats.count)
            worksheet_write_number(sheet, r, lastColumn, Double(row.tally.completed), formats.count)
            // libxlsxwriter cannot measure wrapped text, and Excel does not grow rows it did not
            // write: the height follows the busiest cell's number of lines.
            let lines = max(1, row.cells.map(\.count).max() ?? 1)
            worksheet_set_row(sheet, r, max(15, 12.5 * Double(lines) + 3), nil)
        }

        let plannedRow = lxw_row_t(Self.firstDataRow + plan.rows.count)
        let completedRow = plannedRow + 1
        worksheet_merge_range(sheet, plannedRow, 0, plannedRow, 2, Self.plannedTotalLabel, formats.totalLabel)
        worksheet_merge_range(sheet, completedRow, 0, completedRow, 2, Self.completedTotalLabel, formats.totalLabel)
        for (offset, tally) in plan.columnTotals.enumerated() {
            worksheet_write_number(sheet, plannedRow, firstMonth + lxw_col_t(offset), Double(tally.planned), formats.totalCount)
            worksheet_write_number(sheet, completedRow, firstMonth + lxw_col_t(offset), Double(tally.completed), formats.totalCount)
        }
        worksheet_write_number(sheet, plannedRow, lxw_col_t(Self.plannedColumn), Double(plan.total.planned), formats.totalCount)
        worksheet_write_number(sheet, plannedRow, lastColumn, Double(plan.total.completed), formats.totalCount)
        worksheet_write_string(sheet, completedRow, lxw_col_t(Self.plannedColumn), "", formats.totalCount)
        worksheet_write_string(sheet, completedRow, lastColumn, "", formats.totalCount)

        worksheet_freeze_panes(sheet, lxw_row_t(Self.firstDataRow), firstMonth)
        // Printed on A3 landscape (paper 8), one page wide and as many tall as it takes, the title
        // and headings on every page.
        worksheet_set_paper(sheet, 8)
        worksheet_set_landscape(sheet)
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_repeat_rows(sheet, lxw_row_t(Self.titleRow), lxw_row_t(Self.headingRow))
        worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.5)
        worksheet_set_footer(sheet, "&L\(Self.escapedForHeader(companyName))&C&P / &N&R伝承 Densho")
    }

    /// Excel reads `&` in headers and footers as a code: a literal one is written `&&`.
    static func escapedForHeader(_ text: String) -> String { text.replacingOccurrences(of: "&", with: "&&") }
}
