import DenshoTestSupport
import Foundation
import Testing

/// The 力量表 workbook read by an independent reader (Python's openpyxl) and round-tripped through
/// `densho import skillmap`.
@Suite("Excel: 力量表 workbook")
struct WorkbookTests {
    /// Levels as `densho skillmap --format csv` shows them: 社員番号 → skill code → level.
    static func levels(_ cli: CLIRunner) throws -> [String: [String: Int]] {
        let csv = try cli.ok("--company", "hanawa", "skillmap", "--all-skills", "--format", "csv")
        let rows = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0].map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
        var result: [String: [String: Int]] = [:]
        for row in rows.dropFirst() {
            for (index, code) in header.enumerated().dropFirst(2) { result[row[0], default: [:]][code] = Int(row[index]) }
        }
        return result
    }

    @Test func workbookReadsBackInOpenpyxlAndRoundTrips() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let book = cli.directory.appendingPathComponent("skillmap.xlsx").path
        _ = try cli.ok("--company", "hanawa", "export", "skillmap", "--xlsx", book)
        let before = try Self.levels(cli)

        // An independent reader: sheets, frozen panes, values, fills, validation, legend.
        let report = try Python.run("""
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": wb.sheetnames, "cells": {}, "fills": {}, "frozen": [], "validations": [], "conditional": []}
            for ws in wb.worksheets[:-1]:
                out["frozen"].append(ws.freeze_panes)
                out["validations"].append([(v.type, v.operator, v.formula1, v.formula2, str(v.sqref)) for v in ws.data_validations.dataValidation])
                out["conditional"].append(len(ws.conditional_formatting))
                codes = {c: ws.cell(1, c).value for c in range(3, ws.max_column + 1)}
                assert ws["A1"].value == "社員番号" and ws["B1"].value == "氏名"
                for r in range(3, ws.max_row + 1):
                    number = ws.cell(r, 1).value
                    for c, code in codes.items():
                        cell = ws.cell(r, c)
                        out["cells"].setdefault(number, {})[code] = cell.value
                        out["fills"][str(cell.value)] = cell.fill.fgColor.rgb
            legend = wb["凡例"]
            out["legend"] = [[legend.cell(r, c).value for c in range(1, 4)] for r in range(4, 9)]
            print(json.dumps(out, ensure_ascii=False))
            """, [book])
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        let sheets = json["sheets"] as! [String]
        #expect(sheets.first == "機械加工" && sheets.last == "凡例" && sheets.count >= 3)
        #expect((json["frozen"] as! [String]).allSatisfy { $0 == "C3" })
        let validations = json["validations"] as! [[[Any]]]
        #expect(validations.allSatisfy { $0.count == 1 && ($0[0][0] as? String) == "whole" && [nil, "between"].contains($0[0][1] as? String)  // "between" is the default, left out
            && ($0[0][2] as? String) == "0" && ($0[0][3] as? String) == "4" && ($0[0][4] as! String).hasPrefix("C3:") })
        #expect((json["conditional"] as! [Int]).allSatisfy { $0 >= 1 })
        let fills = json["fills"] as! [String: String]
        #expect(fills["0"] == "FFFFFFFF" && fills["1"] == "FFFDF3C4" && fills["2"] == "FFCFE8D5" && fills["3"] == "FF8FD0A6" && fills["4"] == "FF3AA86B")
        let cells = json["cells"] as! [String: [String: Int]]
        #expect(cells.count == before.count)
        #expect(cells.allSatisfy { number, row in row.allSatisfy { before[number]?[$0.key] == $0.value } })
        let legend = json["legend"] as! [[Any]]
        #expect((legend[2][1] as? String) == "○" && (legend[2][2] as? String) == "一人でできる")

        // Edited in "Excel" (openpyxl writes the file anew): two cells change, one becomes a mark.
        let edited = cli.directory.appendingPathComponent("edited.xlsx").path
        let (number, code) = (cells.keys.sorted()[0], cells[cells.keys.sorted()[0]]!.keys.sorted()[0])
        let old = before[number]![code]!
        let newLevel = old == 4 ? 1 : old + 1
        let neighbour = try Python.run("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["機械加工"]
            for r in range(3, ws.max_row + 1):
                if str(ws.cell(r, 1).value) == sys.argv[3]:
                    for c in range(3, ws.max_column):
                        if ws.cell(1, c).value == sys.argv[4]:
                            ws.cell(r, c).value = int(sys.argv[5])
                            ws.cell(r, c + 1).value = "◎"
                            print(ws.cell(1, c + 1).value)
            wb.save(sys.argv[2])
            """, [book, edited, number, code, String(newLevel)]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!neighbour.isEmpty)
        let imported = try cli.ok("--company", "hanawa", "import", "skillmap", edited, "--by", "1001")
        #expect(imported.contains("imported") && !imported.contains("imported 0 new"))
        let after = try Self.levels(cli)
        #expect(after[number]![code] == newLevel)
        #expect(after[number]![neighbour] == 3)
        var changed = 0
        for (person, row) in after { for (skill, level) in row where before[person]?[skill] != level { changed += 1 } }
        #expect(changed == 1 + (before[number]![neighbour] == 3 ? 0 : 1))
        let history = try cli.ok("--company", "hanawa", "eval", "list", "--employee", number, "--format", "csv")
        #expect(history.contains("Excel取込 edited.xlsx 機械加工!"))

        // The original file restores the map as it was: only the two cells change back.
        _ = try cli.ok("--company", "hanawa", "import", "skillmap", book)
        #expect(try Self.levels(cli) == before)
    }

    @Test func badWorkbookIsRefusedWholeWithCellReferences() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let book = cli.directory.appendingPathComponent("skillmap.xlsx").path
        _ = try cli.ok("--company", "hanawa", "export", "skillmap", "--xlsx", book, "--dept", "機械加工")
        let before = try Self.levels(cli)
        let bad = cli.directory.appendingPathComponent("bad.xlsx").path
        _ = try Python.run("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["機械加工"]
            ws["C3"] = 1 if ws["C3"].value != 1 else 2   # a good change, which must not be applied alone
            ws["D4"] = 7
            ws["E5"] = "上手"
            ws["A6"] = "X999"
            ws["F1"] = "ZZ-99"
            wb.save(sys.argv[2])
            """, [book, bad])
        let result = try cli.run("--company", "hanawa", "import", "skillmap", bad)
        #expect(result.status != 0)
        for expected in ["nothing was imported", "bad.xlsx!機械加工:4 [D4]: '7' is not a level", "[E5]: '上手' is not a level",
                         "[A6]: unknown 社員番号 'X999'", "[F1]: unknown skill code 'ZZ-99'"] {
            #expect(result.stderr.contains(expected), "missing \(expected) in \(result.stderr)")
        }
        #expect(try Self.levels(cli) == before)
        let notABook = try cli.run("--company", "hanawa", "import", "skillmap", try cli.file("x.xlsx", Data("not a zip".utf8)))
        #expect(notABook.status != 0 && notABook.stderr.contains("not an xlsx file"))
        let missing = try cli.run("--company", "hanawa", "export", "skillmap")
        #expect(missing.status != 0 && missing.stderr.contains("--xlsx"))
    }

    /// One bad cell among good changes: the command fails, says nothing was imported, and no
    /// evaluation is recorded (not the good changes beside it either).
    @Test func oneBadCellImportsNothing() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let before = try Self.levels(cli)
        let count = try Self.evaluationCount(cli)
        let bad = try Self.editedMachiningWorkbook(cli, name: "one-bad.xlsx", extra: "ws[\"D5\"] = 5")
        let result = try cli.run("--company", "hanawa", "import", "skillmap", bad, "--by", "1001")
        #expect(result.status != 0)
        #expect(result.stderr.contains("nothing was imported") && result.stderr.contains("[D5]"), "\(result.stderr)")
        #expect(!result.stdout.contains("imported"), "\(result.stdout)")
        #expect(try Self.evaluationCount(cli) == count)
        #expect(try Self.levels(cli) == before)
    }

    /// The 機械加工 sheet of hanawa's exported workbook with C3 and C4 changed (and `extra`, a
    /// line of openpyxl on `ws`), saved as `name`.
    static func editedMachiningWorkbook(_ cli: CLIRunner, name: String, extra: String = "") throws -> String {
        let book = cli.directory.appendingPathComponent("skillmap.xlsx").path
        _ = try cli.ok("--company", "hanawa", "export", "skillmap", "--xlsx", book, "--dept", "機械加工")
        let edited = cli.directory.appendingPathComponent(name).path
        _ = try Python.run("""
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb["機械加工"]
            ws["C3"] = 1 if ws["C3"].value != 1 else 2
            ws["C4"] = 1 if ws["C4"].value != 1 else 2
            \(extra)
            wb.save(sys.argv[2])
            """, [book, edited])
        return edited
    }

    /// A rule of this database the workbook's checks cannot know (a trigger) refuses the second of
    /// two changed cells, after the first was written in the same transaction: nothing is kept.
    @Test func aWorkbookTheDatabaseRefusesMidwayImportsNothing() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let before = try Self.levels(cli)
        let count = try Self.evaluationCount(cli)
        let edited = try Self.editedMachiningWorkbook(cli, name: "edited.xlsx")
        // The file itself is good: a dry run would record both cells.
        #expect(try cli.ok("--company", "hanawa", "import", "skillmap", edited, "--dry-run").contains("would import"))
        try cli.refuseEvaluations(where: "NEW.note LIKE '%!C4'")
        let result = try cli.run("--company", "hanawa", "import", "skillmap", edited, "--by", "1001")
        #expect(result.status != 0)
        #expect(result.stderr.contains("nothing was imported") && result.stderr.contains("row refused by this database"), "\(result.stderr)")
        #expect(!result.stdout.contains("imported"), "\(result.stdout)")
        #expect(try Self.evaluationCount(cli) == count)
        #expect(try Self.levels(cli) == before)
    }

    /// Evaluations of hanawa, counted from JSON (notes may hold line breaks).
    static func evaluationCount(_ cli: CLIRunner) throws -> Int {
        let json = try cli.ok("--company", "hanawa", "eval", "list", "--format", "json")
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any]
        return rows?.count ?? -1
    }
}
