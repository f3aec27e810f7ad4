import DenshoDomain
import DenshoPrint
import DenshoTestSupport
import Foundation
import Testing

/// The ISO 9001 7.2 record drawn from hand-made rows and read back with poppler: A4 landscape, the
/// title, scope and print date, a sign-off's method, evaluator and evidence, the validity, page
/// numbers 「n / N ページ」 and the headings on every page.
@Suite("Print: 力量記録（ISO 9001 7.2）sheet")
struct ISORecordSheetTests {
    static func d(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

    /// `people` × `skills` rows of 機械加工. The first person's first skill (玉掛け) was signed off
    /// (実技確認 #12 on KZ-M-012 第3版, valid through 2028-09-30); everyone's second skill has a
    /// check that expired on 2026-10-31.
    static func rows(people: Int, skills: Int) -> [ISORecordRow] {
        var rows: [ISORecordRow] = []
        for person in 1...people {
            for skill in 1...skills {
                let signed = person == 1 && skill == 1
                rows.append(ISORecordRow(
                    employeeCode: String(1000 + person), employeeName: person == 1 ? "鈴木 花子" : "社員 \(person)号", department: "機械加工",
                    skillCode: "M-\(100 + skill)", skillName: skill == 1 ? "玉掛け" : "技能\(skill)", level: signed ? 3 : skill % 5,
                    method: signed ? .signOff : .supervisor, evaluator: signed ? "山田 班長" : "佐藤 課長", evaluatedOn: d("2026-10-01"),
                    evidence: signed ? ISORecordRow.evidenceText(.signOff(.init(12)), document: "KZ-M-012", revision: 3) : "",
                    validThrough: signed ? d("2028-09-30") : (skill == 2 ? d("2026-10-31") : nil)))
            }
        }
        return rows
    }

    static func printed(_ rows: [ISORecordRow], scope: String = "機械加工") throws -> (PDFInspector, String, PrintedDocument) {
        let document = try ISORecordSheet(companyName: "花輪精工株式会社", scope: scope, rows: rows, printedOn: d("2026-11-25")).render()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("iso-\(UUID().uuidString).pdf").path
        try Data(document.pdf).write(to: URL(fileURLWithPath: path))
        let pdf = PDFInspector(path)
        #expect(try pdf.pageCount == document.pageCount)
        let sizes = try pdf.pageSizes()
        #expect(!sizes.isEmpty && sizes.allSatisfy { abs($0.0 - 841.89) < 1 && abs($0.1 - 595.28) < 1 }, "A4 landscape: \(sizes)")
        #expect(try pdf.fonts().allSatisfy(\.embedded))
        return (pdf, path, document)
    }

    @Test func onePageShowsTitleMethodEvaluatorEvidenceAndValidity() throws {
        let (pdf, path, document) = try Self.printed(Self.rows(people: 2, skills: 3))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(document.pageCount == 1 && document.warnings.isEmpty, "\(document.warnings)")
        let text = try pdf.text()
        for expected in ["力量記録（ISO 9001 7.2）", "花輪精工株式会社", "対象", "機械加工", "2026年11月25日", "2名・6件",
                         "社員番号", "氏名", "所属", "技能コード", "技能", "レベル", "評価方法", "評価者", "評価日", "証拠", "有効期限",
                         "鈴木 花子", "社員 2号", "1001", "1002", "M-101", "玉掛け", "実技確認", "山田 班長", "上長評価", "佐藤 課長",
                         "#12", "KZ-M-012", "第3版", "2026/10/01", "2028/09/30", "2026/10/31", "1 / 1 ページ"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test func longRecordsRepeatTheHeadingsAndNumberThePages() throws {
        let rows = Self.rows(people: 3, skills: 40)
        let (pdf, path, document) = try Self.printed(rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pages = try pdf.text().split(separator: "\u{0C}").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(document.pageCount >= 3 && pages.count == document.pageCount)
        for (index, page) in pages.enumerated() {
            #expect(page.contains("社員番号") && page.contains("評価方法") && page.contains("有効期限"), "headings on page \(index + 1)")
            #expect(page.contains("\(index + 1) / \(pages.count) ページ"), "page number on page \(index + 1)")
            // Whoever the page starts with is named on it, not only on the page before.
            #expect(page.contains("100"), "an employee number on page \(index + 1)")
        }
        // The title block only on the first page; every person and the last skill are printed.
        #expect(pages[0].contains("3名・120件") && !pages[1].contains("3名・120件"))
        #expect(pages.contains { $0.contains("社員 3号") } && pages.last!.contains("技能40"))
    }

    @Test func textTheFontOrCellCannotTakeIsStillPrinted() throws {
        // Too long for its column (set by pango, shrunk) and a character outside the CJK font.
        var rows = Self.rows(people: 1, skills: 2)
        rows[1].skillName = "クレーン運転（つり上げ荷重5トン以上）・玉掛け合図の確認と荷の振れ止め"
        rows[1].evaluator = "髙橋 𠮷男"
        let (pdf, path, _) = try Self.printed(rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try pdf.text()
        #expect(text.contains("クレーン運転") && text.contains("髙橋"))
    }

    @Test func anEmptyRecordStillPrintsItsFrame() throws {
        let (pdf, path, document) = try Self.printed([], scope: "1001 鈴木 花子（機械加工）")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(document.pageCount == 1)
        let text = try pdf.text()
        #expect(text.contains("記録がありません") && text.contains("1001 鈴木 花子") && text.contains("0名・0件") && text.contains("1 / 1 ページ"))
    }
}
