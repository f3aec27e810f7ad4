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
