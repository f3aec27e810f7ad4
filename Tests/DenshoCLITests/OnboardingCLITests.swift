import DenshoTestSupport
import Foundation
import Testing

/// The first hour with Densho from the command line: the payroll 社員名簿 and the company's own
/// Excel 力量表, imported as they are.
@Suite("Onboarding through the command line")
struct OnboardingCLITests {
    /// A company holding the people and skills the generated workbooks name.
    static func company() throws -> CLIRunner {
        let cli = try CLIRunner()
        let expected = try OnboardingFixtures.expected().company
        _ = try cli.ok("init", "--code", "onb", "--name", "鹿角精工")
        for department in expected.departments { _ = try cli.ok("dept", "add", department) }
        let employees = ["社員番号,氏名,フリガナ,入社日,部署"] + expected.people.map { "\($0.number),\($0.name),\($0.furigana),2015/4/1,\($0.department)" }
        _ = try cli.ok("import", "employees", try cli.file("people.csv", Data(employees.joined(separator: "\n").utf8)))
        let skills = ["カテゴリ,スキルコード,スキル名"] + expected.skills.enumerated().map { "\($1.category),S-\($0 + 1),\($1.name)" }
        _ = try cli.ok("import", "skills", try cli.file("skills.csv", Data(skills.joined(separator: "\n").utf8)))
        return cli
    }

    @Test func aHandMadeSkillMapImportsOnceItsAmbiguousNameIsPicked() throws {
        let cli = try Self.company()
        let file = try cli.file("力量表_2025年4月.xlsx", try OnboardingFixtures.data("merged-headers.xlsx"))
        let undecided = try cli.run("import", "workbook", file)
        #expect(undecided.status != 0)
        #expect(undecided.stderr.contains("中村 優") && undecided.stderr.contains("nothing was imported"))
        #expect(undecided.stdout.contains("marks: ") && undecided.stdout.contains("◎→3"))

        let dry = try cli.ok("import", "workbook", file, "--pick", "中村 優=1008", "--dry-run")
        #expect(dry.contains("would record 18 levels"))
        #expect(dry.contains("skill 突っ切り") && dry.contains("new, in 旋盤"))
        let done = try cli.ok("import", "workbook", file, "--pick", "中村 優=1008")
        #expect(done.contains("recorded 18 levels"))
        // Next month's file of the same name: the pick is remembered, nothing new to record.
        let next = try cli.file("力量表_2025年5月.xlsx", try OnboardingFixtures.data("merged-headers.xlsx"))
        #expect(try cli.ok("import", "workbook", next).contains("recorded 0 levels (18 unchanged)"))
        let map = try cli.ok("skillmap", "--format", "csv")
        #expect(map.contains("XL-001"))  // 突っ切り, added from the workbook
    }

    @Test func aPasswordProtectedWorkbookIsRefusedWithAnswer() throws {
        let cli = try Self.company()
        let result = try cli.run("import", "workbook", try cli.file("locked.xlsx", try OnboardingFixtures.data("protected.xlsx")))
        #expect(result.status != 0)
        #expect(result.stderr.contains("password-protected"))
        let old = try cli.run("import", "workbook", try cli.file("old.xls", try OnboardingFixtures.data("old-format.xls")))
        #expect(old.stderr.contains("save it as .xlsx"))
    }

    @Test func aPayrollExportImportsAsItIs() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("init", "--code", "pay", "--name", "鹿角金属")
        _ = try cli.ok("dept", "add", "製造部")
        let payroll = """
            従業員番号,氏名,ﾌﾘｶﾞﾅ,入社年月日,生年,部門,採用区分
            0012,佐藤　太郎,ｻﾄｳ ﾀﾛｳ,H20.4.1,S55,製造部,中途
            0013,鈴木　花子,ｽｽﾞｷ ﾊﾅｺ,令和7年4月1日,H17,製造部,新卒
            """
        let output = try cli.run("import", "employees", try cli.file("社員名簿.csv", payroll.data(using: .shiftJIS)!))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("採用区分"))
        let list = try cli.ok("employee", "list", "--format", "csv")
        #expect(list.contains("0012") && list.contains("サトウ タロウ") && list.contains("2008"))
        #expect(list.contains("スズキ ハナコ") && list.contains("2025"))

        // A column under another name: refused until it is named with --map.
        let renamed = "社員No,名前,採用日\n0014,田中　健,R6.10.1\n"
        let path = try cli.file("名簿2.csv", Data(renamed.utf8))
        #expect(try cli.run("import", "employees", path).status != 0)
        #expect(try cli.ok("import", "employees", path, "--map", "採用日=入社日").contains("imported 1 new"))
    }
}
