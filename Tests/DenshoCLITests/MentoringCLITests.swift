import DenshoTestSupport
import Foundation
import Testing

@Suite("CLI: mentoring, proposals, KPIs and company templates")
struct MentoringCLITests {
    @Test func mentorLifecycleFromSuggestionToHistory() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let company = ["--company", "oyu"]
        // The demo already paired its young staff; end those to start afresh.
        for line in try cli.ok(company + ["mentor", "list", "--status", "active", "--format", "csv"]).split(whereSeparator: \.isNewline).dropFirst() {
            _ = try cli.ok(company + ["mentor", "end", String(line.split(separator: ",")[0]), "--reason", "テスト"])
        }
        let none = try cli.ok(company + ["mentor", "suggest", "--dry-run", "--mentee-years", "0"])
        #expect(none.contains("0 mentees"))
        let json = try cli.ok(company + ["mentor", "suggest", "--other-department", "--max-pairs", "1", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        let paired = rows.filter { ($0["mentor"] as? String) != "—" }
        #expect(!paired.isEmpty)
        #expect(paired.allSatisfy { ($0["reasons"] as! String).contains("他部署") })
        let mentors = paired.map { $0["mentor"] as! String }
        #expect(Set(mentors).count == mentors.count, "at most one mentee per mentor with --max-pairs 1")
        _ = try cli.ok(company + ["mentor", "accept", "--all"])
        let active = try cli.ok(company + ["mentor", "list", "--status", "active", "--format", "csv"])
        #expect(active.lineCount == paired.count + 1)
        let id = String(active.split(whereSeparator: \.isNewline)[1].split(separator: ",")[0])
        _ = try cli.ok(company + ["meeting", "add", "--kind", "mentor", "--pairing", id, "--topics", "図面の読み方", "--next", "次回は段取り"])
        let meetings = try cli.ok(company + ["meeting", "list", "--kind", "mentor", "--format", "csv"])
        #expect(meetings.contains("図面の読み方") && meetings.contains("次回は段取り"))
        _ = try cli.ok(company + ["mentor", "end", id, "--reason", "異動"])
        let history = try cli.ok(company + ["mentor", "list", "--status", "ended", "--format", "csv"])
        #expect(history.contains("異動"))
        let again = try cli.run(company + ["mentor", "end", id])
        #expect(again.status != 0 && again.stderr.contains("not active"))
        let mentorless = try cli.run(company + ["meeting", "add", "--kind", "mentor"])
        #expect(mentorless.status != 0 && mentorless.stderr.contains("--pairing"))
    }

    @Test func proposalsCountPerPersonAndDepartment() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let company = ["--company", "osarizawa"]
        let before = try cli.ok(company + ["proposal", "list", "--format", "csv"]).lineCount
        let photo = try cli.file("kaizen.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]))
        let added = try cli.ok(company + ["proposal", "add", "1001", "--title", "段取り台車", "--team", "改善チームB", "--photo", photo])
        let id = added.split(separator: " ")[1]
        _ = try cli.ok(company + ["proposal", "status", String(id), "adopted", "--effect", "段取り時間 10分短縮"])
        let list = try cli.ok(company + ["proposal", "list", "--format", "csv"])
        #expect(list.lineCount == before + 1 && list.contains("段取り時間 10分短縮") && list.contains("採用"))
        let counts = try cli.ok(company + ["proposal", "list", "--counts", "--format", "csv"])
        #expect(counts.contains("部署") && counts.contains("個人"))
        let originals = try FileManager.default.subpathsOfDirectory(atPath: cli.directory.appendingPathComponent("data/originals").path)
        #expect(originals.contains { $0.hasSuffix(".jpg") })
    }

    @Test func kpiTablesAndTheAssociationView() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let years = try cli.ok("--company", "hanawa", "kpi", "--years", "3", "--format", "csv")
        #expect(years.hasPrefix("\u{FEFF}year,") || years.hasPrefix("year,"))
        #expect(years.lineCount == 4)
        let cohorts = try cli.ok("--company", "hanawa", "kpi", "--table", "cohorts", "--format", "json")
        let rows = try JSONSerialization.jsonObject(with: Data(cohorts.utf8)) as! [String: Any]
        #expect((rows["cohorts"] as? [Any])?.isEmpty == false)
        let all = try cli.ok("kpi", "--all-companies", "--format", "json")
        let companies = try JSONSerialization.jsonObject(with: Data(all.utf8)) as! [[String: Any]]
        #expect(companies.count == 3 && companies.allSatisfy { Set($0.keys).isDisjoint(with: ["employeeNumber", "name", "employees_list"]) })
        // No personal data in the association's view: not one employee name of any company.
        let names = try cli.ok("--company", "hanawa", "employee", "list", "--format", "csv").split(whereSeparator: \.isNewline).dropFirst()
            .map { String($0.split(separator: ",")[1]) }
        #expect(!names.contains { all.contains($0) })
    }

    @Test func templateCarriesCatalogueAndTracksButNoPeople() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let file = cli.directory.appendingPathComponent("template.json").path
        _ = try cli.ok("--company", "hanawa", "company", "export-template", "-o", file)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("技能職コース") && text.contains("densho-company-template"))
        let names = try cli.ok("--company", "hanawa", "employee", "list", "--format", "csv").split(whereSeparator: \.isNewline).dropFirst()
            .map { String($0.split(separator: ",")[1]) }
        #expect(!names.contains { text.contains($0) })
        let created = try cli.run(["company", "import-template", file, "--code", "kazuno", "--name", "鹿角新工業"], stdin: "a-long-password\n")
        #expect(created.status == 0, "\(created.output)")
        let paths = try cli.ok("--company", "kazuno", "path", "list", "--format", "csv")
        #expect(paths.contains("技能職コース") && paths.contains("G5 マイスター"))
        #expect(try cli.ok("--company", "kazuno", "employee", "list", "--format", "csv").lineCount <= 1)
        let broken = try cli.file("broken.json", Data(text.replacingOccurrences(of: "\"C01\"", with: "\"ZZ9\"", options: [], range: text.range(of: "\"C01\"")).utf8))
        let refused = try cli.run(["company", "import-template", broken, "--code", "other", "--name", "X"], stdin: "a-long-password\n")
        #expect(refused.status != 0 && refused.stderr.contains("unknown skill code 'C01'"))
    }
}
