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

/// The ISO 9001 7.2 record as the web app hands it out: a passed 実技確認 is listed with its
/// method, evaluator and evidence in the person's record (which staff download themselves) and in
/// the department's (the supervisor's 力量表 links to it; staff's does not).
@Suite("Downloads: ISO 9001 7.2 力量記録")
struct ISORecordDownloadTests {
    @Test func aSignOffIsListedInThePersonsAndTheDepartmentsRecord() async throws {
        let fixture = try await WebFixture()
        let store = fixture.store
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.employee(of: "hanawa-staff")
        let supervisor = try await fixture.employee(of: "hanawa-sup")
        let department = try #require(staff.departmentID)
        let today = LocalDate(parsing: WebFixture.today)!
        let skill = try await store.skills(company: hanawa.id, includeRetired: false)[0]
        let checklist = try await store.saveChecklist(
            Checklist(id: .init(0), companyID: hanawa.id, title: "実技確認 \(skill.name)", skillID: skill.id, level: 3,
                      items: [ChecklistItem(step: "合図を確認する", keyPoint: "指差呼称")]), by: "test")
        let signOff = try await store.signOff(
            SignOff(id: .init(0), companyID: hanawa.id, checklistID: checklist.id, traineeID: staff.id, evaluatorID: supervisor.id,
                    evaluatorName: supervisor.name, skillID: skill.id, level: 3, marks: [SignOffMark(ok: true)], passed: true,
                    feedback: "合図が明確でした", signedOn: today), by: "test")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-iso-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let staffBrowser = try await fixture.browser(.staff)
        let supervisorBrowser = try await fixture.browser(.supervisor)

        try await fixture.application().test(.router) { client in
            func text(_ response: TestResponse, _ name: String) throws -> String {
                let path = directory + "/" + name
                try Data(response.body.readableBytesView).write(to: URL(fileURLWithPath: path))
                return try PDFInspector(path).text()
            }
            // Staff download their own record, as PDF and as Excel.
            let own = try await client.execute(uri: "/iso-record/people/\(staff.id).pdf", method: .get, headers: staffBrowser.headers())
            #expect(own.status == .ok && own.headers[.contentType] == "application/pdf")
            #expect(own.headers[.contentDisposition]?.contains("\(staff.number)_\(WebFixture.today).pdf") == true)
            let ownText = try text(own, "own.pdf")
            for expected in ["力量記録（ISO 9001 7.2）", staff.number, skill.code, "実技確認 #\(signOff.id)", supervisor.name, "ページ"] {
                #expect(ownText.contains(expected), "missing \(expected)")
            }
            let book = try await client.execute(uri: "/iso-record/people/\(staff.id).xlsx", method: .get, headers: staffBrowser.headers())
            #expect(book.status == .ok
                && book.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(book.body.readableBytesView.starts(with: Array("PK".utf8)), "an xlsx is a zip file")

            // The supervisor's department record lists it too; staff may not have the department's.
            let team = try await client.execute(uri: "/iso-record/departments/\(department).pdf", method: .get, headers: supervisorBrowser.headers())
            #expect(team.status == .ok)
            let teamText = try text(team, "team.pdf")
            #expect(teamText.contains(staff.number) && teamText.contains("実技確認 #\(signOff.id)"))
            let refused = try await client.execute(uri: "/iso-record/departments/\(department).pdf", method: .get, headers: staffBrowser.headers())
            #expect(refused.status == .forbidden)

            // Where the links are: the supervisor's 力量表, staff home; not staff's 力量表.
            let map = try await client.execute(uri: "/skillmap?dept=\(department)", method: .get, headers: supervisorBrowser.headers())
            #expect(map.text.contains("/iso-record/departments/\(department).pdf") && map.text.contains("/iso-record/departments/\(department).xlsx"))
            let staffMap = try await client.execute(uri: "/skillmap", method: .get, headers: staffBrowser.headers())
            #expect(staffMap.status == .ok && !staffMap.text.contains("/iso-record/departments/"))
            let home = try await client.execute(uri: "/", method: .get, headers: staffBrowser.headers())
            #expect(home.text.contains("/iso-record/people/\(staff.id).pdf"))
            let profile = try await client.execute(uri: "/employees/\(staff.id)", method: .get, headers: supervisorBrowser.headers())
            #expect(profile.text.contains("/iso-record/people/\(staff.id).xlsx"))
        }
    }
}
