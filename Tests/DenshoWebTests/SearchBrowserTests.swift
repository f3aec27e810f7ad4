import DenshoDomain
import DenshoTestSupport
import Foundation
import Testing
@testable import DenshoWeb

/// The header's search box in a real browser on a phone (chromium via chromedriver, 390×844) against the real
/// server: staff type ようせつ, see suggestions with 溶接 marked, reach the first by the arrow key and open it with
/// Enter; then search senban with the keyboard alone and read the results page.
@Suite("Browser: searching from the header on a phone", .serialized)
struct SearchBrowserTests {
    @Test(.timeLimit(.minutes(10))) func staffSearchByReadingOnAPhone() async throws {
        let fixture = try await WebFixture()
        let server = try LiveServer(dataRoot: fixture.directory)
        try await server.start()
        defer { server.kill(SIGTERM) }
        let base = server.baseURL
        let phone = try await WebDriver(window: (390, 844))
        var step = "start"
        do {
            try await TrainingBrowserTests.login(phone, base, "hanawa-staff")
            step = "suggestions"
            try await phone.type("#site-search-q", "ようせつ")
            try await phone.wait("suggestions") { try await phone.findAll("#site-search-list a").count > 0 }
            let marks = try await phone.script("return Array.from(document.querySelectorAll('#site-search-list mark')).map(m => m.textContent)")
                as? [String] ?? []
            #expect(marks.contains("溶接"), "\(marks)")
            let widths = try await phone.script("return [window.innerWidth, document.documentElement.scrollWidth]") as? [Double] ?? []
            #expect(widths.first == 390 && widths.last.map { $0 <= 390 } == true, "nothing wider than the phone: \(widths)")
            await phone.screenshot(to: "\(BrowserTests.screenshots)/search-suggestions.png")

            step = "keyboard"
            try await phone.keys("#site-search-q", "\u{E015}")  // ArrowDown moves to the first suggestion
            let focused = try await phone.script("return document.activeElement.getAttribute('href')") as? String
            let first = try await phone.script("return document.querySelector('#site-search-list a').getAttribute('href')") as? String
            #expect(focused != nil && focused == first)
            _ = try await phone.script("document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))")
            #expect(try await phone.script("return document.getElementById('site-search-list').hidden") as? Bool == true)

            step = "results"
            try await phone.type("#site-search-q", "senban\u{E007}")  // Enter submits the box
            try await phone.wait("the results page") { try await phone.url.contains("/search?q=senban") }
            let results = try await phone.findAll("ul.hits li")
            #expect(results.count >= 4)
            let marked = try await phone.script("return document.querySelector('ul.hits mark').textContent") as? String
            #expect(marked == "旋盤")
            await phone.screenshot(to: "\(BrowserTests.screenshots)/search-results.png")
            await phone.quit()
        } catch {
            await phone.screenshot(to: "\(BrowserTests.screenshots)/search-failed-\(step).png")
            await phone.quit()
            throw error
        }
    }
}
