import DenshoTestSupport
import Foundation
import Testing

/// `densho training plan` on the demo company: the terminal table (as CSV), the workbook read by
/// openpyxl, and the A3 sheet read by poppler.
///
/// Relies on `densho assign --manual … --department … --due …` to give people trainings.
@Suite("Training: 年間教育計画")
struct TrainingPlanTests {
    /// Rows of `training plan --format csv`, each keyed by the CSV header.
    static func rows(_ cli: CLIRunner, _ arguments: String...) throws -> [[String: String]] {
        let csv = try cli.ok(["--company", "hanawa", "training", "plan", "--format", "csv"] + arguments)
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0].map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// 社員番号 of a department's current staff.
    static func active(_ cli: CLIRunner, _ department: String) throws -> Set<String> {
        let csv = try cli.ok("--company", "hanawa", "employee", "list", "--dept", department, "--format", "csv")
        return Set(csv.split(whereSeparator: \.isNewline).dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) })
    }

    @Test func planShowsAssignedTrainingsByMonthAcrossFormats() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo", "--clips")  // the manuals HANAWA-M-001 (approved) and -002
        // Due in December for 機械加工; due in June for 研削, so overdue on 2026-11-25.
        _ = try cli.ok("--company", "hanawa", "assign", "--manual", "HANAWA-M-001", "--department", "機械加工", "--due", "2026-12-15")
        _ = try cli.ok("--company", "hanawa", "assign", "--manual", "HANAWA-M-001", "--department", "研削", "--due", "2026-06-30")

        let rows = try Self.rows(cli, "--year", "2026")
        let people = rows.filter { $0["name"] != "合計" }
        let machining = people.filter { $0["department"] == "機械加工" }
        let grinding = people.filter { $0["department"] == "研削" }
        // Assignments go to current staff; people who left during the year are listed with none.
        let activeMachining = try Self.active(cli, "機械加工")
        let activeGrinding = try Self.active(cli, "研削")
        #expect(!activeMachining.isEmpty && !activeGrinding.isEmpty)
        #expect(Set(machining.compactMap { $0["number"] }).isSuperset(of: activeMachining))
        #expect(machining.filter { activeMachining.contains($0["number"] ?? "") }
            .allSatisfy { $0["m12"] == "0/1" && $0["planned"] == "1" && $0["completed"] == "0" })
        #expect(grinding.filter { activeGrinding.contains($0["number"] ?? "") }.allSatisfy { $0["m06"] == "0/1!" })
        #expect(people.filter { !["機械加工", "研削"].contains($0["department"]) }.allSatisfy { $0["planned"] == "0" })
        // Departments in the company's order, 社員番号 ascending within each.
        let departments = people.map { $0["department"] ?? "" }
        #expect(departments.firstIndex(of: "研削")! > departments.lastIndex(of: "機械加工")!)
        let numbers = machining.compactMap { $0["number"].flatMap { Int($0) } }
        #expect(numbers.count == machining.count && numbers == numbers.sorted())
        let total = try #require(rows.last)
        #expect(total["name"] == "合計" && total["planned"] == String(activeMachining.count + activeGrinding.count))
        #expect(total["m12"] == "0/\(activeMachining.count)" && total["m06"] == "0/\(activeGrinding.count)!")

        // The next 年度 has none of it; one department only.
        #expect(try Self.rows(cli, "--year", "2027").last?["planned"] == "0")
        let only = try Self.rows(cli, "--year", "2026", "--department", "研削")
        #expect(only.dropLast().allSatisfy { $0["department"] == "研削" } && only.count == grinding.count + 1)
        #expect(only.last?["m06"] == "0/\(activeGrinding.count)!")

        let table = try cli.ok("--company", "hanawa", "training", "plan")  // the current 年度 by default
        #expect(table.contains("2026年度 年間教育計画 — 花輪精工株式会社") && table.contains("期限なし") && table.contains("合計"))
        let unknown = try cli.run("--company", "hanawa", "training", "plan", "--department", "加工課")
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown department '加工課'"))
        let badYear = try cli.run("--company", "hanawa", "training", "plan", "--year", "26000")
        #expect(badYear.status != 0 && badYear.stderr.contains("--year"))

        // Workbook and A3 sheet for 機械加工.
        let book = cli.directory.appendingPathComponent("plan.xlsx").path
        let sheet = cli.directory.appendingPathComponent("plan.pdf").path
        let written = try cli.run("--company", "hanawa", "training", "plan", "--year", "2026", "--department", "機械加工",
                                  "--xlsx", book, "--pdf", sheet)
        #expect(written.status == 0 && written.stderr.contains("Wrote \(book)") && written.stderr.contains("Wrote \(sheet)"), "\(written.output)")
        #expect(written.stdout.isEmpty)
        let report = try Python.run("""
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            out = {"title": ws["A1"].value, "headings": [c.value for c in ws[3]], "paper": str(ws.page_setup.paperSize),
                   "orientation": ws.page_setup.orientation, "titles": str(ws.print_title_rows),
                   "december": [ws.cell(r, 12).value for r in range(4, ws.max_row + 1)],
                   "names": [ws.cell(r, 3).value for r in range(4, ws.max_row + 1)],
                   "labels": [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]}
            print(json.dumps(out, ensure_ascii=False))
            """, [book])
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        #expect(json["title"] as? String == "2026年度 年間教育計画 — 花輪精工株式会社 機械加工")
        let headings = json["headings"] as! [Any]
        #expect(headings.count == 18 && headings[3] as? String == "4月" && headings[11] as? String == "12月"
            && headings[15] as? String == "期限なし" && headings[17] as? String == "完了")
        #expect(json["paper"] as? String == "8" && json["orientation"] as? String == "landscape")
        #expect(json["titles"] as? String == "$1:$3", "title and headings repeat on every page")
        let december = json["december"] as! [Any]
        #expect(december.filter { ($0 as? String) == "NC旋盤 段取りの基本" }.count == activeMachining.count)
        let names = (json["names"] as! [Any]).map { $0 as? String }
        #expect(names.prefix(machining.count).elementsEqual(machining.map { $0["name"] }))
        #expect((json["labels"] as! [Any]).contains { ($0 as? String) == "合計（計画）" })

        let pdf = PDFInspector(sheet)
        let sizes = try pdf.pageSizes()
        #expect(!sizes.isEmpty && sizes.allSatisfy { abs($0.0 - 1190.55) < 1 && abs($0.1 - 841.89) < 1 }, "A3 landscape: \(sizes)")
        let text = try pdf.text()
        for expected in ["2026年度 年間教育計画", "機械加工", "12月", "NC旋盤", "合計（計画）", "計画 \(activeMachining.count)件",
                         machining[0]["name"] ?? "?"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }
}
