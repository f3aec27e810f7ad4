import DenshoTestSupport
import Foundation
import Testing

@Suite("CSV import/export and backup through the command line")
struct DataFileTests {
    static let employees = """
        社員番号,氏名,フリガナ,入社日,生年,部署,役職
        5001,髙橋 一郎,タカハシ イチロウ,平成30年4月1日,1999,組立,班長
        5002,工藤 ①葵,クドウ アオイ,2024/04/01,2005,組立,
        """

    @Test func shiftJISImportRoundTripsThroughExport() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("init", "--code", "k", "--name", "鹿角精機")
        _ = try cli.ok("dept", "add", "組立")
        let sjis = try cli.file("employees.csv", Self.employees.data(using: .shiftJIS)!)
        let dry = try cli.ok("import", "employees", sjis, "--dry-run")
        #expect(dry.contains("would import 2 new"))
        #expect(try cli.ok("employee", "list", "--format", "csv").lineCount == 1)
        _ = try cli.ok("import", "employees", sjis)
        let exported = cli.directory.appendingPathComponent("out.csv").path
        _ = try cli.ok("export", "employees", "-o", exported)
        let data = try Data(contentsOf: URL(fileURLWithPath: exported))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.contains("5001,髙橋 一郎,タカハシ イチロウ,2018/04/01,1999,組立,班長"))
        #expect(text.contains("5002,工藤 ①葵"))
        // Re-importing the export changes nothing: every row counts as unchanged.
        #expect(try cli.ok("import", "employees", exported).contains("imported 0 new, 0 changed, 2 unchanged employees."))
        let sjisOut = try cli.run("export", "employees", "--encoding", "sjis")
        #expect(sjisOut.status == 0)
    }

    @Test func badEvaluationFileImportsNothingAndNamesLineAndColumn() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let before = try cli.ok("--company", "oyu", "eval", "list", "--format", "csv").count
        let csv = "社員番号,スキルコード,レベル,評価日\n1001,L01,3,2026/4/1\n1001,L01,3,2026/4/31\n9999,L01,2,2026/4/1\n"
        let path = try cli.file("evals.csv", Data(csv.utf8))
        let result = try cli.run("--company", "oyu", "import", "evaluations", path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("evals.csv:3 [評価日]"))
        #expect(try cli.ok("--company", "oyu", "eval", "list", "--format", "csv").count == before)
        let fixed = "社員番号,スキルコード,レベル,評価日\n1001,L01,3,2026/4/1\n9999,L01,2,2026/4/1\n"
        let second = try cli.run("--company", "oyu", "import", "evaluations", try cli.file("evals2.csv", Data(fixed.utf8)))
        #expect(second.stderr.contains("evals2.csv:3 [社員番号]: unknown employee number '9999'"))
        let broken = try cli.run("--company", "oyu", "import", "evaluations", try cli.file("b.csv", Data([0x82, 0xFF, 0x0A])))
        #expect(broken.status != 0 && broken.stderr.contains("neither UTF-8 nor Shift_JIS"))
    }

    @Test func evaluationHistoryRoundTrips() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let exported = try cli.ok("--company", "oyu", "export", "evaluations")
        let other = try CLIRunner()
        _ = try other.ok("demo")
        // A second installation with the same people already holds every entry: importing the history changes nothing.
        let count = try Self.evaluationCount(other)
        let path = try other.file("history.csv", Data(exported.utf8))
        let output = try other.ok("--company", "oyu", "import", "evaluations", path)
        #expect(output.contains("imported 0 new, 0 changed, \(Self.grouped(count)) unchanged evaluations."), "\(output)")
        #expect(try Self.evaluationCount(other) == count)
        #expect(try other.ok("--company", "oyu", "skillmap", "--format", "csv") == (try cli.ok("--company", "oyu", "skillmap", "--format", "csv")))
        #expect(try other.ok("--company", "oyu", "eval", "list", "--pending", "--format", "csv").lineCount
            == (try cli.ok("--company", "oyu", "eval", "list", "--pending", "--format", "csv").lineCount))
    }

    /// Export, open in Excel, fix one row, save, import the whole file back: only that row is recorded.
    @Test func reimportingAnExportRecordsOnlyTheEditedRowEvenAfterAnExcelResave() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        // A note with a comma and a line break, as people write them.
        _ = try cli.ok("--company", "oyu", "eval", "add", "1001", "L01", "3", "--by", "1002", "--note", "手順書どおり, 一人で3回\n次は段取り替え")
        let count = try Self.evaluationCount(cli)
        let exported = cli.directory.appendingPathComponent("a.csv").path
        _ = try cli.ok("--company", "oyu", "export", "evaluations", "-o", exported)
        let again = try cli.ok("--company", "oyu", "import", "evaluations", exported)
        #expect(again.contains("a.csv: imported 0 new, 0 changed, \(Self.grouped(count)) unchanged evaluations."), "\(again)")
        #expect(try Self.evaluationCount(cli) == count)

        // Excel's re-save (written by Python's csv module, an independent writer): every field quoted,
        // CRLF line ends, LF inside cells, Shift_JIS (CP932). One supervisor row gets another level and
        // a note with a comma and a line break.
        let utf8 = cli.directory.appendingPathComponent("resaved-utf8.csv").path
        let edited = try Python.run("""
            import csv, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
            header = rows[0]
            level, kind, note = header.index("レベル"), header.index("区分"), header.index("備考")
            row = next(r for r in rows[1:] if r[kind] == "上長" and r[note] == "")
            old = int(row[level])
            row[level] = str(old - 1 if old > 1 else old + 1)
            row[note] = "Excelで修正, 班長確認\\n再評価は来期"
            with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
                csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\\r\\n").writerows(rows)
            print(row[0], row[2])
            """, [exported, utf8]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!edited.isEmpty)
        let text = try String(contentsOfFile: utf8, encoding: .utf8)
        #expect(text.hasPrefix("\"社員番号\",\"氏名\",") && text.contains("\"\r\n\"") && text.contains("手順書どおり, 一人で3回\n次は段取り替え"))
        let sjis = try cli.file("resaved.csv", try #require(text.data(using: .shiftJIS)))
        let second = try cli.ok("--company", "oyu", "import", "evaluations", sjis)
        #expect(second.contains("resaved.csv: imported 0 new, 1 changed, \(Self.grouped(count - 1)) unchanged evaluations."), "\(second)")
        #expect(try Self.evaluationCount(cli) == count + 1)

        // The edited row's note (comma, line break) round-trips as well: a fresh export imports as unchanged.
        _ = try cli.ok("--company", "oyu", "export", "evaluations", "-o", exported)
        let third = try cli.ok("--company", "oyu", "import", "evaluations", exported)
        #expect(third.contains("a.csv: imported 0 new, 0 changed, \(Self.grouped(count + 1)) unchanged evaluations."), "\(third)")
        #expect(try Self.evaluationCount(cli) == count + 1)

        // Employees and skills too.
        for kind in ["employees", "skills"] {
            let file = cli.directory.appendingPathComponent("\(kind).csv").path
            _ = try cli.ok("--company", "oyu", "export", kind, "-o", file)
            let result = try cli.ok("--company", "oyu", "import", kind, file)
            #expect(result.contains("imported 0 new, 0 changed, ") && result.hasSuffix(" unchanged \(kind).\n"), "\(result)")
        }
    }

    @Test func anImportTheDatabaseRefusesWritesNothingAndSaysSo() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let before = try Self.evaluationCount(cli)
        // A rule of this database that the file's checks cannot know: a trigger refuses one row in the
        // middle of the import, after the row before it was written.
        try cli.refuseEvaluations(where: "NEW.note = '拒否'")
        let csv = "社員番号,スキルコード,レベル,評価日,備考\n1001,L01,2,2026/4/2,\n1001,L03,2,2026/4/2,拒否\n"
        let result = try cli.run("--company", "oyu", "import", "evaluations", try cli.file("refused.csv", Data(csv.utf8)))
        #expect(result.status != 0)
        #expect(result.stderr.contains("nothing was imported") && result.stderr.contains("row refused by this database"), "\(result.stderr)")
        #expect(!result.stdout.contains("imported"))
        #expect(try Self.evaluationCount(cli) == before)
    }

    /// Evaluations of the demo company oyu, counted from JSON (notes may hold line breaks).
    static func evaluationCount(_ cli: CLIRunner) throws -> Int {
        let json = try cli.ok("--company", "oyu", "eval", "list", "--format", "json")
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any]
        return rows?.count ?? -1
    }

    /// `2945` as `2,945`, as the import summary prints counts.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }
}
