import DenshoDomain
import DenshoStore
import DenshoTestSupport
import Foundation
import Testing
@testable import DenshoWeb

/// The whole day of a supervisor in a real browser (Debian's chromium, headless, via
/// chromedriver) against the real server with a real worker: log in, open the skill map, record
/// an evaluation, upload a clip, wait for processing, play it, open a chapter, write a manual
/// step, log out. Screenshots of each step land in `.build/browser-test/` when something fails
/// (or always, with DENSHO_SCREENSHOTS=1).
@Suite("Browser: a supervisor's day in chromium", .serialized)
struct BrowserTests {
    static let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/browser-test").path

    @Test(.timeLimit(.minutes(10))) func supervisorsDay() async throws {
        let fixture = try await WebFixture()
        let staff = try await fixture.employee(of: "hanawa-staff")
        let clipFile = try MediaFixtures.hardCuts()
        let server = try LiveServer(dataRoot: fixture.directory, workers: 1)
        try await server.start()
        defer { server.kill(SIGTERM) }
        let browser = try await WebDriver()
        let base = server.baseURL
        var step = "start"
        let always = ProcessInfo.processInfo.environment["DENSHO_SCREENSHOTS"] != nil
        func shot(_ name: String) async {
            step = name
            if always { await browser.screenshot(to: "\(Self.screenshots)/\(name).png") }
        }
        do {
            // Log in.
            try await browser.open(base + "/skillmap")
            try await browser.wait("the login form") { try await browser.url.contains("/login") }
            try await browser.type("input[name=login]", "hanawa-sup")
            try await browser.type("input[name=password]", DemoData.password)
            await shot("01-login")
            try await browser.click("button[type=submit]")
            try await browser.wait("the skill map after login") { try await browser.url.hasSuffix("/skillmap") }

            // The skill map of the supervisor's department, then one cell.
            try await browser.wait("the grid") { try await browser.findAll("table.grid td").count > 100 }
            await shot("02-skillmap")
            try await browser.click("tr.open[data-e=\"\(staff.id)\"] td")
            try await browser.wait("the cell page") { try await browser.url.contains("/skillmap/cell") }
            let before = try await browser.findAll("#history tbody tr").count
            try await browser.click("input[name=level][value=\"3\"]")
            try await browser.type("input[name=note]", "ブラウザから記録")
            await shot("03-cell")
            try await browser.click("#evaluate button[type=submit]")
            try await browser.wait("the new history row") { try await browser.findAll("#history tbody tr").count == before + 1 }
            #expect(try await browser.text("#history tbody tr").contains("ブラウザから記録"))

            // The 力量表 edited in Excel: one changed cell previewed, then recorded.
            let book = fixture.directory + "/browser-map.xlsx", edited = fixture.directory + "/browser-edited.xlsx"
            let export = Process()
            export.executableURL = CLIRunner.binary
            export.arguments = ["export", "skillmap", "--xlsx", book, "--data-dir", fixture.directory, "--company", "hanawa"]
            try export.run()
            export.waitUntilExit()
            let hanawa = try await fixture.company("hanawa")
            let today = LocalDate(parsing: WebFixture.today)!
            let current = try await fixture.store.matrix(company: hanawa.id, department: nil, asOf: today)
            let skill = current.skills.sorted { $0.code < $1.code }[1]
            let level = current.level(staff.id, skill.id) == 4 ? 3 : 4
            let cells = try SkillMapImportTests.edit(book, edited, number: staff.number, values: [skill.code: String(level)])
            #expect(cells.count == 1)
            try await browser.open(base + "/skillmap")
            try await browser.click("#import-excel")
            try await browser.wait("the import page") { try await browser.url.hasSuffix("/skillmap/import") }
            try await browser.sendFile("#xlsx-file", edited)
            try await browser.wait("the preview") { try await browser.findAll("#xlsx-changes tbody tr").count == 1 }
            #expect(try await browser.text("#xlsx-changes tbody tr").contains(cells[0]))
            await shot("03b-excel-preview")
            try await browser.click("#xlsx-apply")
            try await browser.wait("the import") { try await browser.text("#xlsx-status").contains("取り込みました") }
            #expect(try await fixture.store.matrix(company: hanawa.id, department: nil, asOf: today).level(staff.id, skill.id) == level)

            // Upload a clip with the resumable uploader and wait for the worker.
            try await browser.open(base + "/clips")
            try await browser.sendFile("#file", clipFile)
            try await browser.type("#upload-title", "ブラウザ試験 段取り")
            await shot("04-upload")
            try await browser.click("form.js-upload button[type=submit]")
            try await browser.wait("the clip page", seconds: 30) { try await browser.url.range(of: #"/clips/\d+$"#, options: .regularExpression) != nil }
            try await browser.wait("processing to finish", seconds: 120) { try await browser.findAll("video#video").count == 1 }
            await shot("05-player")

            // Play it, then open a chapter.
            let played = try await browser.asyncScript(
                "const done = arguments[arguments.length - 1]; const v = document.getElementById('video'); v.muted = true;"
                    + "v.play().then(() => done('ok')).catch(e => done(String(e)));")
            #expect(played as? String == "ok")
            try await browser.wait("playback") { (try await browser.script("return document.getElementById('video').currentTime") as? Double ?? 0) > 0.3 }
            let chapters = try await browser.findAll(".chapters .seek")
            #expect(chapters.count >= 2, "the clip's hard cuts become suggested chapters")
            let target = try #require(try await browser.script("return parseFloat(document.querySelectorAll('.chapters .seek')[1].dataset.time)") as? Double)
            _ = try await browser.script("document.querySelectorAll('.chapters .seek')[1].click()")
            try await browser.wait("the chapter's time") {
                let now = try await browser.script("return document.getElementById('video').currentTime") as? Double ?? -1
                return abs(now - target) < 0.6
            }

            // Write a manual on this clip, with one step; clicking the step seeks the video.
            try await browser.click("form[action=\"/manuals\"] button")
            try await browser.wait("the manual editor") { try await browser.url.range(of: #"/manuals/\d+$"#, options: .regularExpression) != nil }
            try await browser.type("#manual-editor input[name=start]", "0:03")
            try await browser.type("#manual-editor textarea[name=main]", "チャックを清掃する")
            try await browser.type("#manual-editor textarea[name=key]", "切粉を爪の奥まで払う")
            try await browser.type("#manual-editor textarea[name=reason]", "芯ずれを防ぐ")
            await shot("06-manual")
            try await browser.click("#manual-editor button[type=submit]")
            try await browser.wait("the saved step") { try await browser.text("#steps").contains("切粉を爪の奥まで払う") }
            _ = try await browser.script("document.querySelector('#steps .seek').click()")
            try await browser.wait("the step's time") {
                abs((try await browser.script("return document.getElementById('video').currentTime") as? Double ?? -1) - 3) < 0.6
            }
            await shot("07-manual-saved")

            // Log out.
            try await browser.click("#logout")
            try await browser.wait("the login page") { try await browser.url.contains("/login") }
            try await browser.open(base + "/")
            try await browser.wait("the login redirect") { try await browser.url.contains("/login?next=") }
            await browser.quit()
        } catch {
            let path = "\(Self.screenshots)/failed-\(step).png"
            await browser.screenshot(to: path)
            await browser.quit()
            // The server's log lives in the fixture's directory, which goes when the test ends: kept beside the screenshot.
            let log = "\(Self.screenshots)/failed-\(step)-server.log"
            try? FileManager.default.createDirectory(atPath: Self.screenshots, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: log)
            try? FileManager.default.copyItem(atPath: server.log, toPath: log)
            Issue.record("browser test failed after step \(step): \(error) — screenshot: \(path); server log: \(log)")
        }
    }
}
