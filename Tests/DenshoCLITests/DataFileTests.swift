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
        // Re-importing the export changes nothing but counts as updates.
        #expect(try cli.ok("import", "employees", exported).contains("0 new and 2 updated"))
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
        // A second installation with the same people: importing the history doubles every entry but not the levels.
        let path = try other.file("history.csv", Data(exported.utf8))
        _ = try other.ok("--company", "oyu", "import", "evaluations", path)
        #expect(try other.ok("--company", "oyu", "skillmap", "--format", "csv") == (try cli.ok("--company", "oyu", "skillmap", "--format", "csv")))
        #expect(try other.ok("--company", "oyu", "eval", "list", "--pending", "--format", "csv").lineCount
            == 2 * (try cli.ok("--company", "oyu", "eval", "list", "--pending", "--format", "csv").lineCount) - 1)
    }
}
