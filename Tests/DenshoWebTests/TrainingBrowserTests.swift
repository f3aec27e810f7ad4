import DenshoDomain
import DenshoStore
import DenshoTestSupport
import Foundation
import Testing
@testable import DenshoWeb

/// The OJT loop in real browsers (chromium via chromedriver) against the real server: a
/// supervisor assigns a manual to a department with a due date; a staff member on a phone watches
/// it (seeking straight to the end does not count), acknowledges it, and the supervisor sees it
/// completed; the supervisor revises the approved manual (staff keep the live version until the
/// revision is approved) and approves a major change; the staff member's assignment re-opens and a
/// notification appears.
@Suite("Browser: assign, watch, acknowledge, revise", .serialized)
struct TrainingBrowserTests {
    static func login(_ browser: WebDriver, _ base: String, _ login: String) async throws {
        try await browser.open(base + "/login")
        try await browser.type("input[name=login]", login)
        try await browser.type("input[name=password]", DemoData.password)
        try await browser.click("button[type=submit]")
        try await browser.wait("logged in as \(login)") { !(try await browser.url.contains("/login")) }
    }

    static func play(_ browser: WebDriver, from start: Double, rate: Double) async throws {
        let result = try await browser.asyncScript(
            "const done = arguments[arguments.length - 1]; const v = document.getElementById('video'); v.muted = true;"
                + "v.playbackRate = \(rate); v.currentTime = \(start);"
                + "v.addEventListener('ended', () => done('ended'), { once: true });"
                + "v.play().catch(e => done(String(e)));")
        #expect(result as? String == "ended")
    }

    @Test(.timeLimit(.minutes(10))) func assignWatchAcknowledgeReviseReopen() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.employee(of: "hanawa-staff")
        let clip = try await fixture.readyClip()
        let duration = try #require(clip.manifest?.duration)
        let half = (duration / 2).rounded(.down)
        var manual = try await fixture.store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: clip.id, title: "主軸の暖機運転", documentNumber: "HANAWA-T-01", author: "班長",
                   steps: [ManualStep(mainStep: "暖機プログラムを呼び出す", keyPoint: "回転数は低速から", start: 0, end: half),
                           ManualStep(mainStep: "異音を確かめる", keyPoint: "耳を主軸に近づけない", start: half)]), by: "test")
        manual = try await fixture.store.approveManual(manual.id, company: hanawa.id, by: "hanawa-sup", approverName: "班長")
        let server = try LiveServer(dataRoot: fixture.directory)
        try await server.start()
        defer { server.kill(SIGTERM) }
        let base = server.baseURL
        let supervisor = try await WebDriver()
        let phone = try await WebDriver(window: (390, 844))
        var step = "start"
        func assignment() async throws -> Assignment? {
            try await fixture.store.assignments(company: hanawa.id, employee: staff.id, item: .manual(manual.id)).first
        }
        do {
            // The supervisor assigns the manual to the staff member's department, due at the end of the month.
            step = "assign"
            try await Self.login(supervisor, base, "hanawa-sup")
            try await supervisor.open(base + "/training")
            _ = try await supervisor.script("""
                document.getElementById('assign-item').value = 'manual:\(manual.id)';
                document.getElementById('audience-department').checked = true;
                document.getElementById('assign-department').value = '\(staff.departmentID!)';
                document.getElementById('assign-due').value = '2026-04-30';
                """)
            try await supervisor.click("#assign-button")
            try await supervisor.wait("the confirmation") { (try? await supervisor.text("#flash")) != nil }
            let given = try #require(try await assignment())
            #expect(given.dueOn == LocalDate(parsing: "2026-04-30") && given.requiredRevision == 1)

            // On a phone, the staff member finds it under 今週見るもの and opens it.
            step = "phone-home"
            try await Self.login(phone, base, "hanawa-staff")
            try await phone.open(base + "/")
            try await phone.wait("今週見るもの") { try await phone.text("#to-watch").contains("主軸の暖機運転") }
            #expect(try await phone.text("#notifications-link").contains("1"), "the assignment is a notification")
            try await phone.click("#to-watch a[href=\"/manuals/\(manual.id)\"]")
            try await phone.wait("the manual") { try await phone.url.hasSuffix("/manuals/\(manual.id)") }
            let widths = try await phone.script("return [window.innerWidth, document.documentElement.scrollWidth]") as? [Double] ?? []
            #expect(widths.first == 390 && widths.last.map { $0 <= 390 } == true, "a phone's viewport, nothing wider: \(widths)")
            #expect(try await phone.script("return document.getElementById('acknowledge-button').disabled") as? Bool == true)

            // Seeking straight to the end plays only the last second: not watched.
            step = "seek-to-end"
            try await Self.play(phone, from: max(0, duration - 1), rate: 1)
            try await Task.sleep(for: .seconds(6))
            #expect(try await assignment()?.watchedShare ?? 1 < 0.5)
            #expect(try await phone.script("return document.getElementById('acknowledge-button').disabled") as? Bool == true)
            let refused = try await phone.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/training/acknowledge', { method: 'POST', body: new URLSearchParams({ _csrf: document.querySelector('main').dataset.csrf, manual: '\(manual.id)' }) })
                  .then(r => done(r.status)).catch(e => done(String(e)));
                """)
            #expect(refused as? Int == 409, "the server refuses 読了確認 before every step was played")

            // Watching it through (at 2×) covers every step; then 読了確認.
            step = "watch"
            try await Self.play(phone, from: 0, rate: 2)
            try await phone.wait("the watch record", seconds: 15) { (try await assignment()?.watchedShare ?? 0) >= 0.9 }
            try await phone.wait("読了確認 enabled") {
                try await phone.script("return document.getElementById('acknowledge-button').disabled") as? Bool == false
            }
            try await phone.click("#acknowledge-button")
            try await phone.wait("acknowledged") { try await phone.text("#acknowledge").contains("読了確認済み") }
            #expect(try await assignment()?.completedAt != nil)

            // The supervisor sees it completed, per manual.
            step = "supervisor-report"
            try await supervisor.open(base + "/training/manuals/\(manual.id)")
            #expect(try await supervisor.text("#manual-people").contains("完了"))
            #expect(try await supervisor.text("#manual-people").contains("第1版"))

            // The supervisor revises the approved manual: staff keep seeing 第1版 until it is approved.
            step = "revise"
            try await supervisor.open(base + "/manuals/\(manual.id)/draft")
            _ = try await supervisor.script("document.querySelectorAll('#manual-editor textarea[name=key]')[1].value = '耳を近づけず、聴診棒を使う';")
            try await supervisor.type("#revision-reason", "聴診棒の使用を追加")
            try await supervisor.click("#major-change")
            try await supervisor.click("#manual-editor button[type=submit]")
            try await supervisor.wait("the saved draft") { try await supervisor.url.hasSuffix("/draft") }
            try await phone.open(base + "/manuals/\(manual.id)")
            #expect(try await phone.text("#steps").contains("耳を主軸に近づけない"))
            #expect(!(try await phone.text("#steps").contains("聴診棒")))
            try await supervisor.click("#approve-manual")
            try await supervisor.wait("the approved 第2版") { try await supervisor.text("#manual-status").contains("第2版") }

            // The staff member's assignment re-opened, and they were told.
            step = "reopened"
            let reopened = try #require(try await assignment())
            #expect(reopened.completedAt == nil && reopened.requiredRevision == 2 && reopened.reopenedAt != nil)
            try await phone.open(base + "/")
            try await phone.wait("the re-opened item") { try await phone.text("#to-watch").contains("改訂で再視聴") }
            try await phone.open(base + "/notifications")
            #expect(try await phone.text("main").contains("主軸の暖機運転"))
            try await phone.open(base + "/manuals/\(manual.id)")
            #expect(try await phone.text("#steps").contains("聴診棒"))
            await supervisor.quit()
            await phone.quit()
        } catch {
            await phone.screenshot(to: "\(BrowserTests.screenshots)/training-failed-\(step)-phone.png")
            await supervisor.screenshot(to: "\(BrowserTests.screenshots)/training-failed-\(step)-supervisor.png")
            await supervisor.quit()
            await phone.quit()
            throw error
        }
    }
}
