import DenshoTestSupport
import Foundation
import Testing

/// `densho print …` checked with independent tools: the text poppler extracts, embedded fonts,
/// page sizes, every page rendered, and every QR code decoded by zbar to the expected URL.
@Suite("Print: PDF sheets")
struct PrintTests {
    static let a4 = (595.28, 841.89)
    static let a3Landscape = (1190.55, 841.89)

    static func close(_ size: (Double, Double), _ expected: (Double, Double)) -> Bool {
        abs(size.0 - expected.0) < 1 && abs(size.1 - expected.1) < 1
    }

    /// Fonts embedded, every page renders, every page the expected size.
    static func checkDocument(_ pdf: PDFInspector, size: (Double, Double), cli: CLIRunner) throws -> [String] {
        let fonts = try pdf.fonts()
        #expect(!fonts.isEmpty && fonts.allSatisfy(\.embedded), "fonts: \(fonts)")
        #expect(fonts.contains { $0.name.contains("NotoSansCJK") })
        let sizes = try pdf.pageSizes()
        #expect(sizes.count == (try pdf.pageCount) && sizes.allSatisfy { close($0, size) }, "sizes: \(sizes)")
        let pages = try pdf.render(dpi: 200, into: cli.directory.appendingPathComponent("pages-\(UUID().uuidString)").path)
        #expect(pages.count == (try pdf.pageCount))
        return pages
    }

    @Test func careerPathSheetForRecruiting() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        let out = cli.directory.appendingPathComponent("path.pdf").path
        let printed = try cli.run("--company", "hanawa", "print", "career-path", "技能職コース", "-o", out)
        #expect(printed.status == 0, "\(printed.output)")
        let pdf = PDFInspector(out)
        let pages = try Self.checkDocument(pdf, size: Self.a4, cli: cli)
        let text = try pdf.text()
        for expected in ["技能職コース", "見習い", "マイスター", "20年目", "求められるスキル", "必要な資格", "機械加工技能士 1級",
                         "資格取得支援", "先輩の声", "2年目でNC旋盤", "採用情報"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        // Stories are printed without names: the byline gives years, grade and age band only.
        let stories = try cli.ok("--company", "hanawa", "employee", "story", "--format", "csv")
        for line in stories.split(whereSeparator: \.isNewline).dropFirst() {
            let name = line.split(separator: ",")[1]
            #expect(!text.contains(String(name)), "the story's author \(name) is named")
        }
        #expect(text.contains("入社") && text.contains("代"))
        let codes = try pages.flatMap(PDFInspector.qrCodes(in:))
        #expect(codes == ["https://example.jp/hanawa/recruit"])

        let unknown = try cli.run("--company", "hanawa", "print", "career-path", "技能職", "-o", out)
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown career track '技能職'") && unknown.stderr.contains("技能職コース"))
        // Without a recruiting URL the sheet still prints, with a warning and no QR code.
        _ = try cli.ok("--company", "hanawa", "company", "set", "--recruiting-url", "")
        let bare = try cli.run("--company", "hanawa", "print", "career-path", "技能職コース", "-o", out)
        #expect(bare.status == 0 && bare.stderr.contains("no recruiting URL"))
        #expect(try PDFInspector(out).render(dpi: 150, into: cli.directory.appendingPathComponent("bare").path)
            .flatMap(PDFInspector.qrCodes(in:)).isEmpty)
    }

    @Test func developmentSheetShowsGapsTargetsAndPlan() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo")
        // A young employee with a target and a qualification that runs out soon.
        _ = try cli.ok("--company", "hanawa", "target", "add", "1041", "L01", "3", "--due", "2027-03-31", "--note", "先輩の段取りを動画で復習")
        let out = cli.directory.appendingPathComponent("dev.pdf").path
        let printed = try cli.run("--company", "hanawa", "print", "development", "1041", "-o", out)
        #expect(printed.status == 0, "\(printed.output)")
        let pdf = PDFInspector(out)
        _ = try Self.checkDocument(pdf, size: Self.a4, cli: cli)
        let text = try pdf.text()
        let employee = try cli.ok("--company", "hanawa", "employee", "show", "1041")
        let name = employee.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        for expected in ["個人育成シート", "次の等級", "スキルの現状と目標", "育成計画", "2027/03/31", "先輩の段取りを動画で復習", "メンター", "未設定"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        #expect(name.split(separator: " ").contains { text.contains($0) }, "the employee's name is on the sheet")
        let unknown = try cli.run("--company", "hanawa", "print", "development", "9999", "-o", out)
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown employee '9999'"))
    }

    @Test func skillMapFitsFortyBySixtyOnOneA3PageAndPaginatesBeyond() throws {
        let cli = try CLIRunner()
        let created = try cli.run(["init", "--code", "kazuno", "--name", "鹿角テスト工業", "--password-stdin"], stdin: "password-123\n")
        #expect(created.status == 0, "\(created.output)")
        _ = try cli.ok("dept", "add", "製造")
        _ = try cli.ok("dept", "add", "その他")
        func skills(_ range: ClosedRange<Int>) -> Data {
            Data(("カテゴリ,スキルコード,スキル名\n" + range.map { "\($0 <= 30 ? "加工" : "検査"),S\(String(format: "%02d", $0)),技能\($0)番の作業\n" }.joined()).utf8)
        }
        _ = try cli.ok("import", "skills", try cli.file("skills.csv", skills(1...60)))
        var employees = "社員番号,氏名,フリガナ,入社日,生年,部署\n"
        var evaluations = "社員番号,スキルコード,レベル,評価日\n"
        for n in 1...81 {
            employees += "E\(n),社員 \(n)号,シャイン,2015-04-01,1990,\(n <= 40 ? "製造" : "その他")\n"
            for s in 1...61 where (n + s) % 3 == 0 { evaluations += "E\(n),S\(String(format: "%02d", s)),\((n * s) % 5),2026-04-01\n" }
        }
        _ = try cli.ok("import", "employees", try cli.file("employees.csv", Data(employees.utf8)))

        // 40 employees × 60 skills: one page.
        let one = cli.directory.appendingPathComponent("one.pdf").path
        _ = try cli.ok("print", "skillmap", "--dept", "製造", "-o", one)
        let pdf = PDFInspector(one)
        _ = try Self.checkDocument(pdf, size: Self.a3Landscape, cli: cli)
        #expect(try pdf.pageCount == 1)
        let text = try pdf.text()
        for n in [1, 17, 40] { #expect(text.contains("社員 \(n)号")) }
        #expect(!text.contains("社員 41号"))
        for code in ["S01", "S30", "S31", "S60"] { #expect(text.contains(code), "missing \(code)") }
        #expect(text.contains("凡例") && text.contains("指導できる") && text.contains("一人でできる"))

        // 81 employees × 61 skills: more pages, each with the headings and legend repeated.
        _ = try cli.ok("import", "skills", try cli.file("more.csv", skills(61...61)))
        _ = try cli.ok("import", "evaluations", try cli.file("evaluations.csv", Data(evaluations.utf8)))
        let all = cli.directory.appendingPathComponent("all.pdf").path
        _ = try cli.ok("print", "skillmap", "-o", all)
        let big = PDFInspector(all)
        _ = try Self.checkDocument(big, size: Self.a3Landscape, cli: cli)
        #expect(try big.pageCount == 4)  // 2 pages of rows × 2 of columns
        let pages = try big.text().split(separator: "\u{0C}").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(pages.count == 4 && pages.allSatisfy { $0.contains("社員番号") && $0.contains("凡例") })
        #expect(pages.contains { $0.contains("S61") } && pages.contains { $0.contains("社員 81号") })
    }

    @Test func manualSheetWithoutProcessedClipPrintsPlaceholdersAndWarns() throws {
        let cli = try CLIRunner()
        _ = try cli.ok("demo", "--clips")  // clips queued, not processed: no stills yet
        let out = cli.directory.appendingPathComponent("manual.pdf").path
        let printed = try cli.run("--company", "hanawa", "print", "manual", "HANAWA-M-001", "-o", out)
        #expect(printed.status == 0, "\(printed.output)")
        #expect(printed.stderr.contains("warning: step 1: no still"))
        #expect(printed.stderr.contains("which opens only on this PC"))
        let pdf = PDFInspector(out)
        let pages = try Self.checkDocument(pdf, size: (841.89, 595.28), cli: cli)
        let text = try pdf.text()
        for expected in ["作業標準書", "HANAWA-M-001", "第1版", "主なステップ", "急所", "急所の理由", "動画を処理中です"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        let codes = try pages.flatMap(PDFInspector.qrCodes(in:))
        #expect(codes.count == 4 && codes.allSatisfy { $0.hasPrefix("http://localhost:8080/clips/") && $0.contains("#t=") })
        // For this print, codes that lead where staff open Densho (the web passes the address it was opened at).
        let lan = try cli.run("--company", "hanawa", "print", "manual", "HANAWA-M-001", "--base-url", "http://192.0.2.10:8080", "-o", out)
        #expect(lan.status == 0 && !lan.stderr.contains("opens only on this PC"), "\(lan.output)")
        let lanCodes = try PDFInspector(out).render(dpi: 150, into: cli.directory.appendingPathComponent("lan").path)
            .flatMap(PDFInspector.qrCodes(in:))
        #expect(lanCodes.count == 4 && lanCodes.allSatisfy { $0.hasPrefix("http://192.0.2.10:8080/clips/") })
        let bad = try cli.run("--company", "hanawa", "print", "manual", "HANAWA-M-001", "--base-url", "javascript:alert(1)", "-o", out)
        #expect(bad.status != 0 && bad.stderr.contains("--base-url"))
        let unknown = try cli.run("--company", "hanawa", "print", "manual", "NOPE-1", "-o", out)
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown manual 'NOPE-1'"))
    }
}
