import DenshoDomain
@testable import DenshoInterchange
import Foundation
import Testing

/// The 年間教育計画 workbook read back with the xlsx reader: title, headings, a row per person,
/// marks in the month cells, totals, and the A3 landscape print set-up.
@Suite("Excel: 年間教育計画 workbook")
struct TrainingPlanWorkbookTests {
    static func d(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

    static let company = Company.ID(1)
    static let machining = Department(id: .init(1), companyID: company, name: "機械加工")
    static let inspection = Department(id: .init(2), companyID: company, name: "検査")

    static func plan(department: Department.ID? = nil) -> TrainingPlan {
        func person(_ id: Int64, _ number: String, _ name: String, _ department: Department) -> Employee {
            Employee(id: .init(id), companyID: company, number: number, name: name, hireDate: d("2015-04-01"), departmentID: department.id)
        }
        let sato = person(1, "1002", "佐藤 太郎", machining)
        let suzuki = person(2, "1001", "鈴木 花子", machining)
        let tanaka = person(3, "1003", "田中 一郎", inspection)
        let safety = TrainingItem.manual(.init(1)), setup = TrainingItem.manual(.init(2)), tig = TrainingItem.clip(.init(1))
        func assign(_ id: Int64, _ who: Employee, _ item: TrainingItem, _ due: String?, done: Bool = false) -> Assignment {
            Assignment(id: .init(id), companyID: company, employeeID: who.id, item: item, dueOn: due.map(d), assignedBy: "test",
                       assignedAt: "2026-04-01T00:00:00.000Z", completedAt: done ? "2026-05-01T00:00:00.000Z" : nil)
        }
        return TrainingPlan(
            fiscalYear: FiscalYear(2026), employees: [sato, suzuki, tanaka], departments: [machining, inspection],
            assignments: [
                assign(1, sato, safety, "2026-04-20", done: true),
                assign(2, sato, setup, "2026-04-30"),
                assign(3, suzuki, setup, "2026-12-15"),
                assign(4, suzuki, tig, "2027-03-31"),
                assign(5, tanaka, safety, nil),
            ],
            titles: [safety: "安全教育", setup: "NC旋盤 段取りの基本", tig: "TIG溶接 ステンレス薄板の裏波を安定させる"],
            today: d("2026-11-25"), department: department)
    }

    static func written(_ workbook: TrainingPlanWorkbook) throws -> (Data, XLSXWorkbookValues.Sheet) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try workbook.write(to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let values = try XLSXWorkbookValues(contentsOf: data)
        #expect(values.sheets.count == 1)
        return (data, values.sheets[0])
    }

    @Test func gridTotalsAndMarksReadBack() throws {
        let workbook = TrainingPlanWorkbook(companyName: "花輪精工株式会社", plan: Self.plan())
        let (_, sheet) = try Self.written(workbook)
        #expect(sheet.name == "2026年度 年間教育計画")
        #expect(sheet.value(0, 0) == "2026年度 年間教育計画 — 花輪精工株式会社")
        #expect(sheet.value(1, 0)?.contains("2026年11月25日現在") == true)
        let headings = (0...17).map { sheet.value(TrainingPlanWorkbook.headingRow, $0) }
        #expect(headings == ["所属", "社員番号", "氏名", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月",
                             "期限なし", "計画", "完了"])
        let first = TrainingPlanWorkbook.firstDataRow, april = TrainingPlanWorkbook.firstMonthColumn
        // 機械加工 by 社員番号, then 検査.
        #expect((0..<3).map { sheet.value(first + $0, 1) } == ["1001", "1002", "1003"])
        #expect(sheet.value(first, 0) == "機械加工" && sheet.value(first, 2) == "鈴木 花子")
        #expect(sheet.value(first + 1, april) == "安全教育（済）\nNC旋盤 段取りの基本（期限超過）")  // due 30 April, not done
        #expect(sheet.value(first, april + 8) == "NC旋盤 段取りの基本")  // December
        #expect(sheet.value(first, april + 11) == "TIG溶接 ステンレス薄板の裏…")  // March, title shortened
        #expect(sheet.value(first + 2, april + 12) == "安全教育")  // 期限なし
        #expect(sheet.value(first + 1, TrainingPlanWorkbook.plannedColumn) == "2" && sheet.value(first + 1, TrainingPlanWorkbook.completedColumn) == "1")
        // Totals: planned and completed per month, and overall.
        let planned = first + 3, completed = first + 4
        #expect(sheet.value(planned, 0) == TrainingPlanWorkbook.plannedTotalLabel && sheet.value(completed, 0) == TrainingPlanWorkbook.completedTotalLabel)
        #expect(sheet.value(planned, april) == "2" && sheet.value(completed, april) == "1")
        #expect(sheet.value(planned, april + 1) == "0")
        #expect(sheet.value(planned, TrainingPlanWorkbook.plannedColumn) == "5" && sheet.value(planned, TrainingPlanWorkbook.completedColumn) == "1")
    }

    @Test func departmentPlanIsNamedInTheTitle() throws {
        let workbook = TrainingPlanWorkbook(companyName: "花輪精工株式会社", plan: Self.plan(department: Self.inspection.id))
        let (_, sheet) = try Self.written(workbook)
        #expect(sheet.value(0, 0) == "2026年度 年間教育計画 — 花輪精工株式会社 検査")
        #expect(sheet.value(TrainingPlanWorkbook.firstDataRow, 1) == "1003")
        #expect(sheet.value(TrainingPlanWorkbook.firstDataRow + 1, 0) == TrainingPlanWorkbook.plannedTotalLabel)
    }

    @Test func printsOnA3LandscapeOnePageWideWithHeadingsRepeated() throws {
        let (data, _) = try Self.written(TrainingPlanWorkbook(companyName: "A&B工業", plan: Self.plan()))
        let zip = try ZipArchive(data)
        let sheetXML = String(decoding: try #require(try zip.member("xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheetXML.contains("paperSize=\"8\""), "A3")
        #expect(sheetXML.contains("orientation=\"landscape\""))
        #expect(sheetXML.contains("fitToPage=\"1\"") && sheetXML.contains("fitToHeight=\"0\""), "one page wide, any number tall")
        #expect(sheetXML.contains("A&amp;&amp;B工業"), "a literal & in the footer is doubled")
        let workbookXML = String(decoding: try #require(try zip.member("xl/workbook.xml")), as: UTF8.self)
        #expect(workbookXML.contains("_xlnm.Print_Titles") && workbookXML.contains("$1:$3"), "title and headings repeat on every page")
    }
}
