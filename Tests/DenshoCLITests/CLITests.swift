import DenshoTestSupport
import Foundation
import Testing

@Suite("densho command line (built binary)")
struct CLITests {
    @Test func initCreatesACompanyAndRefusesADuplicate() throws {
        let cli = try CLIRunner()
        let created = try cli.ok("init", "--code", "kazuno", "--name", "鹿角精機株式会社", "--admin", "boss")
        #expect(created.contains("Initial password: "))
        let json = try cli.ok("company", "list", "--format", "json")
        let companies = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        #expect(companies.first?["name"] as? String == "鹿角精機株式会社")
        let again = try cli.run("init", "--code", "KAZUNO", "--name", "x")
        #expect(again.status != 0)
        #expect(again.stderr.contains("company 'KAZUNO' already exists"))
        #expect(try cli.run("init", "--code", "bad code!", "--name", "x").status != 0)
    }

    @Test func setUpAMapFromScratch() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("init", "--code", "k", "--name", "鹿角精機")
        _ = try cli.ok("dept", "add", "溶接")
        _ = try cli.ok("skill", "add", "W-01", "TIG溶接 ステンレス", "--category", "溶接", "--level", "2=薄板を一人で溶接できる")
        _ = try cli.ok("skill", "add", "W-02", "半自動溶接", "--category", "溶接")
        _ = try cli.ok("employee", "add", "2001", "湯瀬 健太", "--hired", "令和5年4月1日", "--dept", "溶接", "--birth-year", "2004")
        _ = try cli.ok("employee", "add", "2002", "安保 清", "--hired", "1990/4/1", "--dept", "溶接", "--birth-year", "1963")
        _ = try cli.ok("eval", "add", "2002", "W-01", "4", "--date", "2025/4/1")
        _ = try cli.ok("eval", "add", "湯瀬 健太", "w-01", "2", "--by", "2002")
        let pending = try cli.ok("eval", "add", "2001", "半自動溶接", "2", "--self", "--note", "動画で復習")
        #expect(pending.contains("承認待ち"))
        let list = try cli.ok("eval", "list", "--pending", "--format", "json")
        let id = (try JSONSerialization.jsonObject(with: Data(list.utf8)) as! [[String: Any]])[0]["id"] as! Int
        _ = try cli.ok("eval", "approve", String(id), "--by", "2002")
        let map = try cli.ok("skillmap")
        #expect(map.contains("力量表"))
        #expect(map.contains("W-01 TIG溶接 ステンレス"))
        let csv = try cli.ok("skillmap", "--format", "csv")
        #expect(csv.contains("2001,湯瀬 健太,2,2"))
        #expect(csv.contains("2002,安保 清,4,0"))
        let risk = try cli.ok("risk")
        #expect(risk.contains("W-01") && risk.contains("指導者1人のみ") && risk.contains("安保 清(63)"))
        #expect(risk.contains("W-02") && risk.contains("指導者なし"))
        let skill = try cli.ok("skill", "show", "W-01")
        #expect(skill.contains("薄板を一人で溶接できる"))
        let audit = try cli.ok("audit", "--format", "json")
        #expect(audit.contains("\"action\" : \"approve\""))
    }

    @Test func careerPathGapsAndProjection() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("init", "--code", "k", "--name", "鹿角精機")
        _ = try cli.ok("skill", "add", "L-01", "汎用旋盤", "--category", "旋盤")
        _ = try cli.ok("qual", "add", "玉掛け技能講習", "--validity-years", "5")
        _ = try cli.ok("path", "add", "技能職コース")
        _ = try cli.ok("path", "grade", "技能職コース", "G1", "見習い", "--years", "0")
        _ = try cli.ok("path", "grade", "技能職コース", "G2", "技能員", "--years", "3", "--require", "L-01=2", "--qualification", "玉掛け技能講習")
        _ = try cli.ok("employee", "add", "3001", "成田 蓮", "--hired", "2024-04-01", "--grade", "G1", "--birth-year", "2005")
        _ = try cli.ok("eval", "add", "3001", "L-01", "1")
        let gaps = try cli.ok("gaps", "成田 蓮")
        #expect(gaps.contains("次の等級: G2 技能員"))
        #expect(gaps.contains("L-01 汎用旋盤"))
        #expect(gaps.contains("不足資格: 玉掛け技能講習"))
        #expect(gaps.contains("2036年"))
        _ = try cli.ok("qual", "grant", "3001", "玉掛け技能講習", "--acquired", "2026-01-10")
        _ = try cli.ok("eval", "add", "3001", "L-01", "2")
        let json = try cli.ok("gaps", "3001", "--format", "json")
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let next = report["next"] as! [String: Any]
        #expect((next["skillGaps"] as! [Any]).isEmpty && (next["missingQualifications"] as! [Any]).isEmpty)
        let held = try cli.ok("qual", "held", "--format", "csv")
        #expect(held.contains("2031/01/10"))  // expiry from the five-year validity
    }

    @Test func unknownNamesFailWithCloseMatches() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let noCompany = try cli.run("skillmap")
        #expect(noCompany.status != 0 && noCompany.stderr.contains("--company"))
        let typo = try cli.run("--company", "hanawa", "skillmap", "--dept", "機械加")
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("unknown department '機械加'; did you mean '機械加工'"))
        let company = try cli.run("--company", "hanwa", "risk")
        #expect(company.stderr.contains("did you mean 'hanawa'"))
        let level = try cli.run("--company", "oyu", "eval", "add", "1001", "L01", "9")
        #expect(level.status != 0 && level.stderr.contains("level 9 is not on the scale"))
    }

    @Test func demoTellsATrueStory() throws {
        let cli = try CLIRunner()
        let demo = try cli.ok("demo")
        #expect(demo.contains("花輪精工株式会社") && demo.contains("densho-demo"))
        #expect(try cli.run("demo").status != 0)
        #expect(try cli.run("demo", "--if-empty").status == 0)
        let risk = try cli.ok("--company", "hanawa", "risk", "--format", "json")
        let risks = try JSONSerialization.jsonObject(with: Data(risk.utf8)) as! [[String: Any]]
        #expect(risks.contains { ($0["reason"] as! String).contains("定年") })
        let expiring = try cli.ok("--company", "osarizawa", "expiring", "--days", "90")
        #expect(expiring.contains("JIS溶接技能者") || expiring.contains("フォークリフト"))
        let hits = try cli.ok("--company", "hanawa", "search", "旋盤")
        #expect(hits.contains("汎用【旋盤】 ねじ切り"))
        // Readings and romaji, several words, JSON without marks; nothing searchable is an error that says so.
        let json = try cli.ok("--company", "hanawa", "search", "senban", "nejikiri", "--format", "json")
        let found = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        #expect(found.map { $0["title"] as? String } == ["汎用旋盤 ねじ切り"])
        #expect(try cli.ok("--company", "hanawa", "search", "ようせつ").contains("【溶接】"))
        let nothing = try cli.run("--company", "hanawa", "search", "\"*\"")
        #expect(nothing.status != 0 && nothing.stderr.contains("Nothing to search for"))
        let rebuilt = try cli.run("--company", "hanawa", "search", "--rebuild-index", "溶接")
        #expect(rebuilt.status == 0 && rebuilt.stderr.contains("search entries") && rebuilt.stdout.contains("【溶接】"))
    }
}
