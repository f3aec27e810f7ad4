import DenshoTestSupport
import Foundation
import Testing

/// `densho iso-record`, `densho quiz` and `densho signoff` on the demo company: the ISO 9001 7.2
/// record as PDF (read by poppler) and as Excel (read by openpyxl); the check listings.
@Suite("CLI: ISO 7.2 record, quizzes and sign-offs")
struct ISORecordCLITests {
    @Test func departmentAndPersonRecordsAsPDFAndExcel() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let pdfPath = cli.directory.appendingPathComponent("dept.pdf").path
        let written = try cli.ok("--company", "hanawa", "iso-record", "--dept", "機械加工", "-o", pdfPath)
        let rows = written.split(separator: "(").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        #expect(written.contains("Wrote \(pdfPath)") && written.contains("rows") && rows > 0, "\(written)")
        let pdf = PDFInspector(pdfPath)
        let pages = try pdf.pageCount
        #expect(pages >= 1 && written.contains("\(pages) page"))
        let sizes = try pdf.pageSizes()
        #expect(sizes.allSatisfy { abs($0.0 - 841.89) < 1 && abs($0.1 - 595.28) < 1 }, "A4 landscape: \(sizes)")
        #expect(try pdf.fonts().allSatisfy(\.embedded))
        let text = try pdf.text()
        for expected in ["力量記録（ISO 9001 7.2）", "機械加工", "2026年11月25日", "社員番号", "評価方法", "評価者", "証拠", "有効期限",
                         "1 / \(pages) ページ", "\(rows)件"] {
            #expect(text.contains(expected), "missing \(expected)")
        }

        // One person of the department's current staff, as Excel: the same columns, a row per skill
        // they have a level in.
        let staff = try cli.ok("--company", "hanawa", "employee", "list", "--dept", "機械加工", "--format", "csv")
        let number = try #require(staff.split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ",").first.map(String.init))
        let book = cli.directory.appendingPathComponent("person.xlsx").path
        let person = try cli.ok("--company", "hanawa", "iso-record", "--employee", number, "--xlsx", "-o", book)
        let personRows = person.split(separator: "(").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? -1
        #expect(person.contains("Wrote \(book)") && personRows >= 0, "\(person)")
        let report = try Python.run("""
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
            print(json.dumps({"title": ws["A1"].value, "headings": [c.value for c in ws[3]],
                              "numbers": sorted({ws.cell(r, 1).value for r in range(4, ws.max_row + 1)}),
                              "titles": str(ws.print_title_rows)}, ensure_ascii=False))
            """, [book])
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        #expect((json["title"] as? String)?.hasPrefix("力量記録（ISO 9001 7.2）") == true)
        #expect((json["headings"] as? [String]) == ["社員番号", "氏名", "所属", "技能コード", "技能", "レベル", "評価方法", "評価者", "評価日", "証拠", "有効期限"])
        #expect((json["numbers"] as? [String]) == (personRows > 0 ? [number] : []))
        #expect(json["titles"] as? String == "$1:$3")

        // Exactly one of --employee and --dept.
        let neither = try cli.run("--company", "hanawa", "iso-record")
        #expect(neither.status != 0 && neither.stderr.contains("--employee"))
        let unknown = try cli.run("--company", "hanawa", "iso-record", "--dept", "加工課")
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown department '加工課'"))
    }

    @Test func quizAndSignOffListingsRunOnACompanyWithoutChecks() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let quizzes = try cli.ok("--company", "hanawa", "quiz", "list", "--format", "csv")
        #expect(quizzes.hasPrefix("id,manual,questions,pass_mark,attempts_allowed,attempts,passed") || quizzes.contains("id,manual,questions"))
        let results = try cli.ok("--company", "hanawa", "quiz", "results", "--format", "csv")
        #expect(results.contains("id,taken_at,number,name,manual,revision,right,total,result"))
        let signOffs = try cli.ok("--company", "hanawa", "signoff", "list", "--format", "csv")
        #expect(signOffs.contains("id,date,trainee,skill,level,result,ng,evaluator,acknowledged"))
        let missing = try cli.run("--company", "hanawa", "signoff", "show", "999999")
        #expect(missing.status != 0 && missing.stderr.contains("no sign-off 999999"))
    }
}
