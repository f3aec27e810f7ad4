import DenshoDomain
@testable import DenshoInterchange
import Foundation
import Testing

/// The ISO 9001 7.2 record workbook read back with the xlsx reader: title, scope, headings and a
/// row per level with method, evaluator, evidence and validity.
@Suite("Excel: 力量記録（ISO 9001 7.2）workbook")
struct ISORecordWorkbookTests {
    static func d(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

    static let rows = [
        ISORecordRow(employeeCode: "1001", employeeName: "鈴木 花子", department: "機械加工", skillCode: "M-101", skillName: "玉掛け", level: 3,
                     method: .signOff, evaluator: "山田 班長", evaluatedOn: d("2026-10-01"),
                     evidence: ISORecordRow.evidenceText(.signOff(.init(12)), document: "KZ-M-012", revision: 3), validThrough: d("2028-09-30")),
        ISORecordRow(employeeCode: "1001", employeeName: "鈴木 花子", department: "機械加工", skillCode: "M-102", skillName: "NC旋盤 段取り", level: 2,
                     method: .quiz, evaluator: "", evaluatedOn: d("2024-04-01"),
                     evidence: ISORecordRow.evidenceText(.quizAttempt(.init(5)), document: nil, revision: nil), validThrough: d("2026-03-31")),
        ISORecordRow(employeeCode: "1002", employeeName: "佐藤 太郎", department: "機械加工", skillCode: "M-101", skillName: "玉掛け", level: 1,
                     method: .import, evaluator: "", evaluatedOn: d("2025-04-01"), evidence: ""),
    ]

    @Test func rowsReadBackWithTheirColumns() throws {
        let workbook = ISORecordWorkbook(companyName: "花輪精工株式会社", scope: "機械加工", rows: Self.rows, printedOn: Self.d("2026-11-25"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("iso-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try workbook.write(to: path)
        let values = try XLSXWorkbookValues(contentsOf: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(values.sheets.count == 1)
        let sheet = values.sheets[0]
        #expect(sheet.name == ISORecordWorkbook.sheetName)
        #expect(sheet.value(0, 0) == "力量記録（ISO 9001 7.2） — 花輪精工株式会社")
        #expect(sheet.value(1, 0)?.contains("機械加工") == true && sheet.value(1, 0)?.contains("2026年11月25日") == true)
        #expect(sheet.value(1, 0)?.contains("2名・3件") == true)
        let headings = (0..<11).map { sheet.value(ISORecordWorkbook.headingRow, $0) }
        #expect(headings == ["社員番号", "氏名", "所属", "技能コード", "技能", "レベル", "評価方法", "評価者", "評価日", "証拠", "有効期限"])
        let first = ISORecordWorkbook.firstDataRow
        #expect((0..<11).map { sheet.value(first, $0) ?? "" }
            == ["1001", "鈴木 花子", "機械加工", "M-101", "玉掛け", "3", "実技確認", "山田 班長", "2026/10/01", "実技確認 #12 (KZ-M-012 第3版)", "2028/09/30"])
        #expect(sheet.value(first + 1, 6) == "筆記" && sheet.value(first + 1, 9) == "筆記 #5" && sheet.value(first + 1, 10) == "2026/03/31")
        #expect(sheet.value(first + 2, 6) == "Excel取込" && (sheet.value(first + 2, 10) ?? "").isEmpty)
    }

    @Test func anEmptyRecordIsStillAWorkbook() throws {
        let workbook = ISORecordWorkbook(companyName: "花輪精工株式会社", scope: "1001 鈴木 花子", rows: [], printedOn: Self.d("2026-11-25"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("iso-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try workbook.write(to: path)
        let values = try XLSXWorkbookValues(contentsOf: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(values.sheets[0].value(ISORecordWorkbook.headingRow, 0) == "社員番号")
        #expect(values.sheets[0].value(ISORecordWorkbook.firstDataRow, 0) == nil)
    }
}
