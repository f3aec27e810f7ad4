import DenshoDomain
import DenshoInterchange
import DenshoStore
import DenshoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

/// The company of the onboarding workbooks (`expected.json`: 佐藤　太郎 …, two 中村　優), seeded
/// into the fixture's database beside the demo companies, with an HR login linked to 1005 and an
/// admin (both with the demo password, for the browser).
enum OnboardingCompany {
    static let hr = "kazuno-hr", admin = "kazuno-admin"

    static func seed(_ fixture: WebFixture) async throws -> Company {
        let expected = try OnboardingFixtures.expected().company
        let source = SourcePosition(file: "seed", line: 1)
        var categories: [String] = []
        for skill in expected.skills where !categories.contains(skill.category) { categories.append(skill.category) }
        let hash = Bcrypt.hash(DemoData.password, cost: 4)
        let dataset = CompanyDataset(
            code: "kazuno", name: "鹿角精工",
            levelScale: LevelScale(levels: expected.scale.map { LevelDefinition(level: $0.level, label: $0.label, symbol: $0.symbol) }),
            accounts: [DatasetAccount(account: NewAccount(login: admin, displayName: "管理者", role: .admin, passwordHash: hash)),
                       DatasetAccount(account: NewAccount(login: hr, displayName: "伊藤（人事）", role: .hr, passwordHash: hash), employeeNumber: "1005")],
            departments: expected.departments, categories: categories,
            skills: expected.skills.enumerated().map { index, skill in
                SkillRecord(source: source, category: skill.category, code: String(format: "S-%02d", index + 1), name: skill.name)
            },
            employees: expected.people.map { person in
                EmployeeRecord(source: source, number: person.number, name: person.name, kana: person.furigana,
                               hireDate: LocalDate(year: 2015, month: 4, day: 1)!, department: person.department)
            })
        return try await fixture.store.seed(dataset, by: "test")
    }
}

/// The wizard that imports a company's own Excel 力量表, through the router: HR uploads the
/// workbook, sees the marks read through its legend and the two 中村 優 to choose between,
/// decides, previews and imports; other roles, other companies' uploads and bad files are refused.
@Suite("Onboarding wizard pages")
struct OnboardingPageTests {
    static let xlsx: HTTPFields = [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                   SkillMapImportController.fileNameHeader: "%E5%8A%9B%E9%87%8F%E8%A1%A8.xlsx"]  // 力量表.xlsx

    /// The `<select name="…">` element of a page, up to its end.
    static func select(_ name: String, in html: String) -> String {
        guard let start = html.range(of: "<select name=\"\(name)\"") else { return "" }
        let rest = html[start.lowerBound...]
        return String(rest[..<(rest.range(of: "</select>")?.upperBound ?? rest.endIndex)])
    }

    static func files(_ fixture: WebFixture) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: fixture.directory + "/imports")) ?? []
    }

    @Test func hrUploadsDecidesPreviewsAndImports() async throws {
        let fixture = try await WebFixture()
        let store = fixture.store
        let company = try await OnboardingCompany.seed(fixture)
        let today = LocalDate(parsing: WebFixture.today)!
        let data = try OnboardingFixtures.data("merged-headers.xlsx")
        // The plan as the engine makes it, for the numbering of the form's fields.
        let plan = try await OnboardingImport.plan(data, file: "力量表.xlsx", company: company.id, store: store, asOf: today, evaluator: nil)
        let circle = try #require(plan.marks.firstIndex { $0.mark == "○" })
        let nakamura = try #require(plan.people.firstIndex { $0.match == .ambiguous })
        let hr = try await fixture.browser(login: OnboardingCompany.hr)
        let otherHR = try await fixture.browser(.hr)  // hanawa's
        let colleague = try await fixture.browser(login: OnboardingCompany.admin)

        try await fixture.application().test(.router) { client in
            let form = try await client.execute(uri: "/onboarding/skillmap", method: .get, headers: hr.headers())
            #expect(form.status == .ok && form.text.contains("お使いの Excel の力量表をそのまま取り込めます") && form.text.contains("id=\"onboarding-file\""))
            let map = try await client.execute(uri: "/skillmap", method: .get, headers: hr.headers())
            #expect(map.text.contains("href=\"/onboarding/skillmap\""), "the 力量表 page links to the wizard for HR")

            let uploaded = try await client.execute(uri: "/onboarding/skillmap", method: .post, headers: hr.headers(Self.xlsx), body: ByteBuffer(bytes: data))
            #expect(uploaded.status == .seeOther, "\(uploaded.text)")
            let location = try #require(uploaded.headers[.location])
            let token = String(location.dropFirst("/onboarding/skillmap/".count))
            #expect(location.hasPrefix("/onboarding/skillmap/") && OnboardingUploads.isToken(token))
            #expect(Set(Self.files(fixture)) == ["\(token).xlsx", "\(token).json"])

            // The marks as the legend reads them, 中村 優 to choose between 1008 and 1009, problems until then.
            let page = try await client.execute(uri: location, method: .get, headers: hr.headers())
            #expect(page.status == .ok)
            #expect(page.text.contains("力量表.xlsx"))
            for (index, mark) in plan.marks.enumerated() {
                let level = try #require(["◎": 3, "○": 2, "△": 1][mark.mark], "mark \(mark.mark)")
                #expect(Self.select("m\(index)", in: page.text).contains("<option value=\"\(level)\" selected>"), "\(mark.mark)")
                #expect(Self.select("m\(index)", in: page.text).contains("value=\"none\""), "評価なし offered")
            }
            let choices = Self.select("p\(nakamura)", in: page.text)
            #expect(choices.contains("value=\"e:1008\"") && choices.contains("value=\"e:1009\"") && choices.contains("マサル"))
            #expect(choices.contains("value=\"skip\"") && !choices.contains("value=\"create\""))
            let kobayashi = try #require(plan.people.firstIndex { $0.match == .unmatched })
            #expect(Self.select("p\(kobayashi)", in: page.text).contains("<option value=\"skip\" selected>"), "someone not found is left out by default")
            let cutoff = try #require(plan.skills.firstIndex { $0.name == "突っ切り" })
            #expect(Self.select("s\(cutoff)", in: page.text).contains("<option value=\"create\" selected>"))
            #expect(page.text.contains("name=\"sc\(cutoff)\" id=\"sc\(cutoff)\" value=\"旋盤\""))
            #expect(page.text.contains("id=\"onboarding-problems\"") && page.text.contains("中村 優"))
            #expect(page.text.contains("id=\"onboarding-commit\" disabled"))

            // Another company's HR and a colleague of the same company do not find it.
            for browser in [otherHR, colleague] {
                #expect(try await client.execute(uri: location, method: .get, headers: browser.headers()).status == .notFound)
                #expect(try await PageTests.post(client, location, "m0=none", as: browser).status == .notFound)
                #expect(try await PageTests.post(client, location + "/commit", "", as: browser).status == .notFound)
            }
            #expect(try await client.execute(uri: "/onboarding/skillmap/" + token.uppercased(), method: .get, headers: hr.headers()).status == .notFound)

            // 1008 for 中村 優 and ○ read as level 1: no problem left, the preview shows it.
            let decided = try await PageTests.post(client, location, "m\(circle)=1&p\(nakamura)=e:1008", as: hr)
            #expect(decided.status == .seeOther && decided.headers[.location] == location)
            let preview = try await client.execute(uri: location, method: .get, headers: hr.headers())
            #expect(!preview.text.contains("id=\"onboarding-problems\""), "\(preview.text)")
            #expect(Self.select("m\(circle)", in: preview.text).contains("<option value=\"1\" selected>"))
            #expect(Self.select("p\(nakamura)", in: preview.text).contains("<option value=\"e:1008\" selected>"))
            #expect(preview.text.contains("力量表!C6") && !preview.text.contains("id=\"onboarding-commit\" disabled"))

            let done = try await PageTests.post(client, location + "/commit", "", as: hr)
            #expect(done.status == .ok && done.text.contains("id=\"onboarding-done\"") && done.text.contains("href=\"/skillmap\""))
            #expect(Self.files(fixture).isEmpty, "the upload is gone once imported")
            #expect(try await PageTests.post(client, location + "/commit", "", as: hr).status == .notFound, "imported once only")
        }

        // The levels of the workbook, ○ as 1, 中村 優 as 1008, recorded by HR's 1005 from the cells.
        let sato = try await fixture.employee(number: "1001", company: "kazuno")
        let suzuki = try await fixture.employee(number: "1002", company: "kazuno")
        let nakamura1008 = try await fixture.employee(number: "1008", company: "kazuno")
        let skills = Dictionary(uniqueKeysWithValues: try await store.skills(company: company.id, includeRetired: false).map { ($0.name, $0.id) })
        let turning = try #require(skills["外径加工"])
        #expect(try await store.levels(of: sato.id, company: company.id)[turning] == 3)
        #expect(try await store.levels(of: suzuki.id, company: company.id)[turning] == 1)
        #expect(try await store.levels(of: nakamura1008.id, company: company.id)[turning] == 1)
        #expect(skills["突っ切り"] != nil, "the new skill was added")
        let recorded = try await store.evaluations(company: company.id, employee: nil, skill: nil, state: nil)
        let ito = try await fixture.employee(number: "1005", company: "kazuno")
        #expect(!recorded.isEmpty && recorded.allSatisfy { $0.evaluatorID == ito.id && $0.method == .import && $0.evidence.hasPrefix("xlsx:力量表.xlsx!") })
        // The decisions are kept for next month's file of the same name.
        let saved = try #require(try await store.onboardingMapping(company: company.id, name: OnboardingImport.mappingName("力量表_2025年5月.xlsx")))
        #expect(saved.marks[MarkLegend.key("○")] == .some(1))
    }

    @Test func onlyHRAndAdminsMayUseTheWizard() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let data = try OnboardingFixtures.data("merged-headers.xlsx")
        let token = try OnboardingUploads(dataRoot: fixture.directory).save(data, OnboardingUploads.Upload(
            company: hanawa.id.rawValue, login: "hanawa-hr", file: "力量表.xlsx", uploadedAt: Date().timeIntervalSince1970, remembered: false, mapping: nil))
        try await fixture.application().test(.router) { client in
            for persona in [Persona.staff, .supervisor] {
                let browser = try await fixture.browser(persona)
                #expect(try await client.execute(uri: "/onboarding/skillmap", method: .get, headers: browser.headers()).status == .forbidden)
                #expect(try await client.execute(uri: "/onboarding/skillmap", method: .post, headers: browser.headers(Self.xlsx),
                                                 body: ByteBuffer(bytes: data)).status == .forbidden)
                #expect(try await client.execute(uri: "/onboarding/skillmap/\(token)", method: .get, headers: browser.headers()).status == .forbidden)
                #expect(try await PageTests.post(client, "/onboarding/skillmap/\(token)", "m0=none", as: browser).status == .forbidden)
                #expect(try await PageTests.post(client, "/onboarding/skillmap/\(token)/commit", "", as: browser).status == .forbidden)
                let map = try await client.execute(uri: "/skillmap", method: .get, headers: browser.headers())
                #expect(!map.text.contains("/onboarding/skillmap"), "\(persona) is not offered the wizard")
            }
        }
        #expect(Set(Self.files(fixture)) == ["\(token).xlsx", "\(token).json"], "nobody refused touched the upload")
    }

    @Test func aBadFileIsRefusedWithItsReasonAndNothingIsKept() async throws {
        let fixture = try await WebFixture()
        let hr = try await fixture.browser(.hr)
        try await fixture.application().test(.router) { client in
            for (file, error) in [("protected.xlsx", OnboardingError.passwordProtected), ("old-format.xls", .legacyXLS), ("no-table.xlsx", .noTable)] {
                let refused = try await client.execute(uri: "/onboarding/skillmap", method: .post, headers: hr.headers(Self.xlsx),
                                                       body: ByteBuffer(bytes: try OnboardingFixtures.data(file)))
                #expect(refused.status == .unprocessableContent, "\(file)")
                let answer = try JSONDecoder().decode(OnboardingController.Problems.self, from: Data(refused.body.readableBytesView))
                #expect(answer.problems == [error.japanese], "\(file)")
            }
            // Larger than the limit: refused before it is read.
            let big = ByteBuffer(repeating: 0, count: OnboardingImport.maxBytes + 1)
            let tooLarge = try await client.execute(uri: "/onboarding/skillmap", method: .post, headers: hr.headers(Self.xlsx), body: big)
            #expect(tooLarge.status == .contentTooLarge && tooLarge.text.contains("MB"))
        }
        #expect(Self.files(fixture).isEmpty)
    }

    @Test func uploadsOlderThanADayAreSweptWhenTheNextIsSaved() async throws {
        let fixture = try await WebFixture()
        let uploads = OnboardingUploads(dataRoot: fixture.directory)
        let upload = OnboardingUploads.Upload(company: 1, login: "hanawa-hr", file: "a.xlsx", uploadedAt: Date().timeIntervalSince1970,
                                              remembered: false, mapping: nil)
        let old = try uploads.save(Data("old".utf8), upload)
        let yesterday = Date().addingTimeInterval(-OnboardingUploads.lifetime - 60)
        for suffix in ["xlsx", "json"] {
            try FileManager.default.setAttributes([.modificationDate: yesterday], ofItemAtPath: fixture.directory + "/imports/\(old).\(suffix)")
        }
        let fresh = try uploads.save(Data("new".utf8), upload)
        #expect(Set(Self.files(fixture)) == ["\(fresh).xlsx", "\(fresh).json"])
        #expect(!OnboardingUploads.isToken("../../etc/passwd") && !OnboardingUploads.isToken(fresh.uppercased()) && OnboardingUploads.isToken(fresh))
    }
}
