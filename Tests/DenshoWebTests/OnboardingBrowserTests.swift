import DenshoDomain
import DenshoStore
import DenshoTestSupport
import Foundation
import Testing
@testable import DenshoWeb

/// The onboarding wizard in a real browser on a phone (chromium via chromedriver, 390×844) against
/// the real server: HR of the workbooks' company (seeded beside the demo companies) opens the
/// wizard from the 力量表, uploads merged-headers.xlsx, reads ○ as level 1 instead of the legend's
/// 2, picks 1008 for 中村 優, previews, imports, and finds the levels in 佐藤's row of the 力量表.
@Suite("Browser: importing the company's own Excel 力量表 on a phone", .serialized)
struct OnboardingBrowserTests {
    @Test(.timeLimit(.minutes(10))) func hrImportsTheCompanysWorkbookOnAPhone() async throws {
        let fixture = try await WebFixture()
        let company = try await OnboardingCompany.seed(fixture)
        let workbook = try OnboardingFixtures.directory().appendingPathComponent("merged-headers.xlsx").path
        let sato = try await fixture.employee(number: "1001", company: "kazuno")
        let production = try #require(try await fixture.store.departments(company: company.id).first { $0.name == "製造部" })
        let server = try LiveServer(dataRoot: fixture.directory)
        try await server.start()
        defer { server.kill(SIGTERM) }
        let base = server.baseURL
        let phone = try await WebDriver(window: (390, 844))
        var step = "start"
        func commitDisabled() async throws -> Bool? {
            try await phone.script("return document.getElementById('onboarding-commit').disabled") as? Bool
        }
        do {
            step = "upload"
            try await TrainingBrowserTests.login(phone, base, OnboardingCompany.hr)
            try await phone.open(base + "/skillmap")
            try await phone.click("#onboard-excel")
            try await phone.wait("the wizard") { try await phone.url.hasSuffix("/onboarding/skillmap") }
            try await phone.sendFile("#onboarding-file", workbook)
            try await phone.click("#onboarding-send")
            try await phone.wait("the plan", seconds: 30) {
                try await phone.url.range(of: #"/onboarding/skillmap/[0-9a-f]{32}$"#, options: .regularExpression) != nil
            }
            #expect(try await phone.text("#onboarding-file-name") == "merged-headers.xlsx")
            // The legend reads ○ as 一人でできる (2); 中村 優 is two people, so it cannot be imported yet.
            #expect(try await phone.script("return document.querySelector('tr[data-mark=\"○\"] select').value") as? String == "2")
            #expect(try await phone.findAll("#onboarding-problems li").count >= 1)
            #expect(try await commitDisabled() == true)
            let widths = try await phone.script("return [window.innerWidth, document.documentElement.scrollWidth]") as? [Double] ?? []
            #expect(widths.first == 390 && widths.last.map { $0 <= 390 } == true, "a phone's viewport, nothing wider: \(widths)")

            step = "decide"
            _ = try await phone.script("""
                const set = (select, value) => { select.value = value; select.dispatchEvent(new Event('change', { bubbles: true })); };
                set(document.querySelector('tr[data-mark="○"] select'), '1');
                set(document.querySelector('tr[data-match="ambiguous"] select'), 'e:1008');
                """)
            #expect(try await phone.script("return document.querySelector('.onboarding-dirty').hidden") as? Bool == false,
                    "a changed choice is previewed before it is imported")
            try await phone.click("#onboarding-apply")
            try await phone.wait("the preview") {
                let problems = try await phone.findAll("#onboarding-problems")
                let disabled = try await commitDisabled()
                return problems.isEmpty && disabled == false
            }
            #expect(try await phone.script("return document.querySelector('tr[data-mark=\"○\"] select').value") as? String == "1")
            #expect(try await phone.script("return document.querySelector('tr[data-match=\"ambiguous\"] select').value") as? String == "e:1008")
            #expect(try await phone.text("#onboarding-changes").contains("力量表!C6"))

            step = "commit"
            try await phone.click("#onboarding-commit")
            try await phone.wait("the import") { (try? await phone.text("#onboarding-done")) != nil }

            step = "skillmap"
            try await phone.click("#onboarding-open-map")
            try await phone.wait("the 力量表") { try await phone.url.hasSuffix("/skillmap") }
            try await phone.open(base + "/skillmap?dept=\(production.id)")
            let row = try await phone.script("return document.querySelector('tr[data-e=\"\(sato.id)\"]').textContent") as? String ?? ""
            #expect(row.contains("◎") && row.contains("△"), "佐藤's row shows the imported levels: \(row)")
            await phone.quit()
        } catch {
            await phone.screenshot(to: "\(BrowserTests.screenshots)/onboarding-failed-\(step).png")
            await phone.quit()
            throw error
        }
    }
}
