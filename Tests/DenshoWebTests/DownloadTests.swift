import DenshoDomain
import DenshoStore
import DenshoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

/// Printed sheets and the workbook as the web app hands them out.
@Suite("Downloads: PDF sheets and the 力量表 workbook")
struct DownloadTests {
    @Test func workStandardSheetHasStillsAndQRCodesThatOpenTheClipAtEachStep() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let clip = try await fixture.readyClip()
        try await fixture.store.updateSettings(
            CompanySettings(publicBaseURL: "https://densho.example.jp/"), company: hanawa.id, by: "test")
        let steps = [
            ManualStep(mainStep: "チャックを清掃する", keyPoint: "切粉を残さない", reason: "芯ずれを防ぐ", start: 0),
            ManualStep(mainStep: "材料を取り付ける", keyPoint: "突き出しは直径の3倍以内", reason: "びびりを防ぐ", start: 1.5),
            ManualStep(mainStep: "試し削り", keyPoint: "初品は全箇所測る", reason: "段取りの誤りは初品でしか止められない", start: 3),
        ]
        let manual = try await fixture.store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: clip.id, title: "段取り手順", documentNumber: "HW-M-900",
                   author: "test", steps: steps), by: "test")
        _ = try await fixture.store.approveManual(manual.id, company: hanawa.id, by: "hanawa-sup", approverName: "班長")
        let browser = try await fixture.browser(.staff)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-download-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/manuals/\(manual.id)/sheet.pdf", method: .get, headers: browser.headers())
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/pdf")
            #expect(response.headers[.contentDisposition]?.contains("filename*=UTF-8''HW-M-900.pdf") == true)
            let path = directory + "/sheet.pdf"
            try Data(response.body.readableBytesView).write(to: URL(fileURLWithPath: path))
            let pdf = PDFInspector(path)
            let text = try pdf.text()
            for expected in ["作業標準書", "段取り手順", "HW-M-900", "第1版", "チャックを清掃する", "突き出しは直径の3倍以内", "びびりを防ぐ"] {
                #expect(text.contains(expected), "missing \(expected)")
            }
            #expect(!text.contains("動画を処理中") && !text.contains("フレームを取得できません"))
            let pages = try pdf.render(dpi: 200, into: directory + "/pages")
            let codes = try pages.flatMap(PDFInspector.qrCodes(in:)).sorted()
            #expect(codes == ["https://densho.example.jp/clips/\(clip.id)#t=0", "https://densho.example.jp/clips/\(clip.id)#t=1.5",
                              "https://densho.example.jp/clips/\(clip.id)#t=3"])
            // Each step has a still from the clip: three images in the PDF, each as wide as asked (480 px).
            let images = try PDFInspector.output("/usr/bin/pdfimages", ["-list", path]).split(separator: "\n").dropFirst(2)
            #expect(images.count == 3 && images.allSatisfy { $0.split(separator: " ", omittingEmptySubsequences: true)[3] == "480" })
            #expect(try pdf.fonts().allSatisfy(\.embedded))

            // Another company's manual is not found.
            let other = try await fixture.browser(.other)
            let hidden = try await client.execute(uri: "/manuals/\(manual.id)/sheet.pdf", method: .get, headers: other.headers())
            #expect(hidden.status == .notFound)
        }
    }

    /// Document control on paper: the live 版 prints with its approver while a revision is
    /// drafted; the draft prints with a watermark and no approver (and only for those who write or
    /// approve manuals); an old 版 prints marked 旧版 with the date it was superseded.
    @Test func theLiveVersionADraftAndAnOldVersionPrintAsWhatTheyAre() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let draft = try await fixture.store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "保護具の着用", documentNumber: "HW-S-01", author: "test",
                   steps: [ManualStep(mainStep: "保護めがねを掛ける", keyPoint: "側板付き", start: 0)]), by: "test")
        let manual = try await fixture.store.approveManual(draft.id, company: hanawa.id, by: "hanawa-sup", approverName: "職長 一郎")
        _ = try await fixture.store.updateManual(
            manual.id, title: manual.title, documentNumber: "HW-S-01", steps: [ManualStep(mainStep: "保護めがねを掛ける", keyPoint: "側板付き・曇り止め", start: 0)],
            reason: "曇り止めを追加", majorChange: false, company: hanawa.id, by: "hanawa-staff")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-versions-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let staff = try await fixture.browser(.staff), hr = try await fixture.browser(.hr)
        try await fixture.application().test(.router) { client in
            func text(_ query: String, as browser: Browser, raw: Bool = false) async throws -> String {
                let response = try await client.execute(uri: "/manuals/\(manual.id)/sheet.pdf\(query)", method: .get, headers: browser.headers())
                try #require(response.status == .ok, "\(query): \(response.status)")
                let path = directory + "/\(UUID().uuidString).pdf"
                try Data(response.body.readableBytesView).write(to: URL(fileURLWithPath: path))
                // -raw keeps the content stream's order: the turned watermark comes out as one line.
                return raw ? try PDFInspector.output("/usr/bin/pdftotext", ["-raw", path, "-"]) : try PDFInspector(path).text()
            }
            let live = try await text("", as: staff)
            #expect(live.contains("第1版") && live.contains("職長 一郎") && live.contains("側板付き") && !live.contains("曇り止め"))
            #expect(!live.contains("下書き"))
            let draft = try await text("?version=draft", as: staff)
            #expect(draft.contains("下書き（未承認）") && draft.contains("曇り止め"))
            #expect(try await text("?version=draft", as: staff, raw: true).contains("下書き・未承認"), "the watermark")
            #expect(!(try await text("", as: staff, raw: true).contains("下書き・未承認")))
            #expect(!draft.contains("職長 一郎"), "a draft names no approver")
            let refused = try await client.execute(uri: "/manuals/\(manual.id)/sheet.pdf?version=draft", method: .get, headers: hr.headers())
            #expect(refused.status == .notFound, "HR neither writes nor approves manuals")
            let missing = try await client.execute(uri: "/manuals/\(manual.id)/sheet.pdf?version=7", method: .get, headers: staff.headers())
            #expect(missing.status == .notFound)

            _ = try await fixture.store.approveManual(manual.id, company: hanawa.id, by: "hanawa-sup", approverName: "職長 一郎")
            let old = try await text("?version=1", as: staff)
            #expect(old.contains("第1版（旧版・") && old.contains("改訂）") && !old.contains("曇り止め"))
            let second = try await text("", as: staff)
            #expect(second.contains("第2版") && second.contains("曇り止めを追加") && second.contains("曇り止め"))
        }
    }

    @Test func skillMapDownloadsFollowTheCallersDepartments() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let departments = try await fixture.store.departments(company: hanawa.id)
        let staff = try await fixture.employee(of: "hanawa-staff")
        let own = try #require(departments.first { $0.id == staff.departmentID })
        let foreign = try #require(departments.first { $0.id != staff.departmentID })
        let staffBrowser = try await fixture.browser(.staff)
        let hr = try await fixture.browser(.hr)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-download-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try await fixture.application().test(.router) { client in
            let mine = try await client.execute(uri: "/skillmap.pdf", method: .get, headers: staffBrowser.headers())
            #expect(mine.status == .ok && mine.headers[.contentType] == "application/pdf")
            try Data(mine.body.readableBytesView).write(to: URL(fileURLWithPath: directory + "/mine.pdf"))
            let text = try PDFInspector(directory + "/mine.pdf").text()
            #expect(text.contains("力量表") && text.contains(own.name))
            let theirs = try await client.execute(uri: "/skillmap.pdf?dept=\(foreign.id)", method: .get, headers: staffBrowser.headers())
            #expect(theirs.status == .notFound)
            let workbook = try await client.execute(uri: "/skillmap.xlsx", method: .get, headers: hr.headers())
            #expect(workbook.status == .ok)
            #expect(workbook.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            try Data(workbook.body.readableBytesView).write(to: URL(fileURLWithPath: directory + "/map.xlsx"))
            let sheets = try Python.run("import sys, openpyxl; print('|'.join(openpyxl.load_workbook(sys.argv[1]).sheetnames))",
                                        [directory + "/map.xlsx"])
            #expect(sheets.contains(own.name) && sheets.contains(foreign.name) && sheets.contains("凡例"))
            let staffBook = try await client.execute(uri: "/skillmap.xlsx", method: .get, headers: staffBrowser.headers())
            try Data(staffBook.body.readableBytesView).write(to: URL(fileURLWithPath: directory + "/staff.xlsx"))
            let staffSheets = try Python.run("import sys, openpyxl; print('|'.join(openpyxl.load_workbook(sys.argv[1]).sheetnames))",
                                             [directory + "/staff.xlsx"])
            #expect(staffSheets.contains(own.name) && !staffSheets.contains(foreign.name))
        }
    }

    @Test func publishingSettingsAndConsentedStoriesReachTheCareerPathSheet() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let track = try await fixture.store.tracks(company: hanawa.id)[0]
        let author = try await fixture.employee(of: "hanawa-staff")
        let hr = try await fixture.browser(.hr)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-publishing-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try await fixture.application().test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            func post(_ uri: String, _ body: String) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .post, headers: hr.headers(form), body: ByteBuffer(string: body))
            }
            #expect(try await post("/admin/publishing", "recruitingURL=javascript%3Aalert(1)").status == .badRequest)
            #expect(try await post("/admin/publishing", "recruitingURL=https%3A%2F%2Fexample.jp%2Fjobs&support=%E5%8F%97%E9%A8%93%E6%96%99%E3%82%92%E8%B2%A0%E6%8B%85").status == .seeOther)
            #expect(try await post("/admin/stories", "employee=\(author.id)&text=%E5%85%88%E8%BC%A9%E3%81%8C%E4%B8%81%E5%AF%A7&consent=1").status == .seeOther)
            func sheetText(_ name: String) async throws -> (String, [String]) {
                let sheet = try await client.execute(uri: "/paths/\(track.id)/sheet.pdf", method: .get, headers: hr.headers())
                #expect(sheet.status == .ok)
                let path = directory + "/\(name).pdf"
                try Data(sheet.body.readableBytesView).write(to: URL(fileURLWithPath: path))
                let pdf = PDFInspector(path)
                return (try pdf.text(), try pdf.render(dpi: 150, into: directory + "/\(name)").flatMap(PDFInspector.qrCodes(in:)))
            }
            let (text, codes) = try await sheetText("with-story")
            #expect(text.contains("受験料を負担") && text.contains("先輩が丁寧") && !text.contains(author.name))
            #expect(codes == ["https://example.jp/jobs"])
            let story = try #require(try await fixture.store.stories(company: hanawa.id, consentedOnly: true).first)
            #expect(try await post("/admin/stories/\(story.id)/consent", "consented=0").status == .seeOther)
            let (withdrawn, _) = try await sheetText("withdrawn")
            #expect(!withdrawn.contains("先輩が丁寧"))
        }
    }
}
