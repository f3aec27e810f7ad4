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

/// 力量表 edited in "Excel" (openpyxl writes the file anew) and uploaded on the web: a preview that
/// writes nothing, then only the changed cells recorded; people outside the supervisor's
/// departments, bad cells and oversized files refused whole.
@Suite("力量表 from Excel on the web")
struct SkillMapImportTests {
    struct Answer: Decodable {
        struct Change: Decodable { var cell: String; var number: String; var name: String; var from: String; var to: String }
        var applied: Bool
        var changes: [Change]
    }
    struct Problems: Decodable { var problems: [String] }
    struct Skipped: Decodable { var changes: [Answer.Change]; var skipped: [String] }

    /// Sets cells of the row whose 社員番号 is `number` (by skill code) and saves as `output`;
    /// returns `sheet!cell` of each.
    static func edit(_ input: String, _ output: String, number: String, values: [String: String]) throws -> [String] {
        let cells = try Python.run("""
            import sys, json, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            number, values, done = sys.argv[3], json.loads(sys.argv[4]), []
            for ws in wb.worksheets:
                if ws["A1"].value != "社員番号":
                    continue
                columns = {ws.cell(1, c).value: c for c in range(3, ws.max_column + 1)}
                for row in range(3, ws.max_row + 1):
                    if str(ws.cell(row, 1).value).removesuffix(".0") == number:
                        for code, value in values.items():
                            cell = ws.cell(row, columns[code])
                            cell.value = int(value) if value.isdigit() else value
                            done.append(ws.title + "!" + cell.coordinate)
            wb.save(sys.argv[2])
            print("|".join(done))
            """, [input, output, number, String(decoding: try JSONEncoder().encode(values), as: UTF8.self)])
        return cells.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map(String.init)
    }

    @Test func supervisorPreviewsThenRecordsOnlyChangedCellsOfTheirPeople() async throws {
        let fixture = try await WebFixture()
        let store = fixture.store
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.employee(of: "hanawa-staff")
        let today = LocalDate(parsing: WebFixture.today)!
        let outsider = try #require(try await store.employees(company: hanawa.id, filter: .init(activeOn: today))
            .first { $0.departmentID != staff.departmentID && $0.departmentID != nil })
        let supervisor = try await fixture.browser(.supervisor)
        let admin = try await fixture.browser(.admin)
        let before = try await store.matrix(company: hanawa.id, department: nil, asOf: today)
        let skills = before.skills.sorted { $0.code < $1.code }
        // Levels that differ from the current ones: a number, a full-width digit.
        let first = before.level(staff.id, skills[0].id) == 1 ? 2 : 1
        let second = before.level(staff.id, skills[1].id) == 3 ? 2 : 3
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-xlsx-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let xlsx: HTTPFields = [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                SkillMapImportController.fileNameHeader: "%E5%8A%9B%E9%87%8F%E8%A1%A8.xlsx"]

        try await fixture.application().test(.router) { client in
            /// Every evaluation of the company: a refused upload or a preview must leave the count as it was.
            func evaluationCount() async throws -> Int {
                try await store.evaluations(company: hanawa.id, employee: nil, skill: nil, state: nil).count
            }
            func upload(_ path: String, as browser: Browser, apply: Bool) async throws -> TestResponse {
                try await client.execute(uri: "/skillmap/import" + (apply ? "?apply=1" : ""), method: .post,
                                         headers: browser.headers(xlsx), body: ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: path))))
            }
            let page = try await client.execute(uri: "/skillmap/import", method: .get, headers: supervisor.headers())
            #expect(page.status == .ok && page.text.contains("xlsx-file"))
            let map = try await client.execute(uri: "/skillmap", method: .get, headers: supervisor.headers())
            #expect(map.text.contains("/skillmap/import"))

            let download = try await client.execute(uri: "/skillmap.xlsx", method: .get, headers: supervisor.headers())
            try Data(download.body.readableBytesView).write(to: URL(fileURLWithPath: directory + "/map.xlsx"))
            let cells = try Self.edit(directory + "/map.xlsx", directory + "/edited.xlsx", number: staff.number,
                                      values: [skills[0].code: String(first), skills[1].code: ["", "１", "２", "３", "４"][second]])
            #expect(cells.count == 2)

            // The preview lists both cells and writes nothing.
            let beforePreview = try await evaluationCount()
            let preview = try await upload(directory + "/edited.xlsx", as: supervisor, apply: false)
            #expect(preview.status == .ok, "\(preview.text)")
            let previewed = try JSONDecoder().decode(Answer.self, from: Data(preview.body.readableBytesView))
            #expect(!previewed.applied && Set(previewed.changes.map(\.cell)) == Set(cells))
            #expect(previewed.changes.allSatisfy { $0.number == staff.number && $0.name == staff.name })
            #expect(try await store.matrix(company: hanawa.id, department: nil, asOf: today).level(staff.id, skills[0].id)
                == before.level(staff.id, skills[0].id))
            #expect(try await evaluationCount() == beforePreview)

            // Applied: exactly those two levels change, noted with their cells; the file again changes nothing.
            let applied = try await upload(directory + "/edited.xlsx", as: supervisor, apply: true)
            #expect(try JSONDecoder().decode(Answer.self, from: Data(applied.body.readableBytesView)).applied)
            let after = try await store.matrix(company: hanawa.id, department: nil, asOf: today)
            #expect(after.level(staff.id, skills[0].id) == first && after.level(staff.id, skills[1].id) == second)
            var changed = 0
            for person in before.employees {
                for skill in before.skills where before.level(person.id, skill.id) != after.level(person.id, skill.id) { changed += 1 }
            }
            #expect(changed == 2)
            #expect(try await evaluationCount() > beforePreview)
            let history = try await store.evaluations(company: hanawa.id, employee: staff.id, skill: nil, state: nil)
            let judge = try await fixture.employee(of: "hanawa-sup")
            #expect(history.contains {
                $0.note.contains("Excel取込 力量表.xlsx") && $0.note.contains(cells[0].split(separator: "!")[1]) && $0.evaluatorID == judge.id
                    && $0.kind == .supervisor && $0.state == .approved
            })
            let again = try await upload(directory + "/edited.xlsx", as: supervisor, apply: false)
            #expect(try JSONDecoder().decode(Answer.self, from: Data(again.body.readableBytesView)).changes.isEmpty)

            // Someone of another department: their row is skipped unread (listed), never compared or recorded.
            let whole = try await client.execute(uri: "/skillmap.xlsx", method: .get, headers: admin.headers())
            try Data(whole.body.readableBytesView).write(to: URL(fileURLWithPath: directory + "/whole.xlsx"))
            let outsiderLevel = after.level(outsider.id, skills[0].id)
            let outsiderCells = try Self.edit(directory + "/whole.xlsx", directory + "/outsider.xlsx", number: outsider.number,
                                              values: [skills[0].code: String(outsiderLevel == 1 ? 2 : 1)])
            let recorded = try await evaluationCount()
            let foreign = try await upload(directory + "/outsider.xlsx", as: supervisor, apply: true)
            #expect(foreign.status == .ok)
            let skipped = try JSONDecoder().decode(Skipped.self, from: Data(foreign.body.readableBytesView))
            #expect(skipped.changes.isEmpty)
            let outsiderRow = "\(outsiderCells[0].split(separator: "!")[0])!A\(outsiderCells[0].drop { !$0.isNumber })"
            #expect(skipped.skipped.contains(outsiderRow), "\(outsiderRow) in \(skipped.skipped)")
            // The same answer whether or not the foreign cells differ from the stored levels, so a
            // preview cannot be used to read them.
            let untouched = try await upload(directory + "/whole.xlsx", as: supervisor, apply: false)
            let touched = try await upload(directory + "/outsider.xlsx", as: supervisor, apply: false)
            #expect(untouched.status == touched.status)
            #expect(String(buffer: untouched.body) == String(buffer: touched.body))
            #expect(try await store.matrix(company: hanawa.id, department: nil, asOf: today).level(outsider.id, skills[0].id) == outsiderLevel)
            #expect(try await evaluationCount() == recorded, "skipped rows record nothing")

            // Bad cells: every one named in Japanese, nothing recorded (not even the good change beside them).
            _ = try Self.edit(directory + "/map.xlsx", directory + "/bad.xlsx", number: staff.number, values: [skills[2].code: "7", skills[3].code: "上手", skills[0].code: "4"])
            let bad = try await upload(directory + "/bad.xlsx", as: supervisor, apply: true)
            #expect(bad.status == .unprocessableContent)
            let problems = try JSONDecoder().decode(Problems.self, from: Data(bad.body.readableBytesView)).problems
            #expect(problems.contains { $0.contains("「7」はレベルではありません") } && problems.contains { $0.contains("「上手」はレベルではありません") })
            #expect(try await store.matrix(company: hanawa.id, department: nil, asOf: today).level(staff.id, skills[0].id) == first)
            #expect(try await evaluationCount() == recorded, "a file with bad cells records nothing")

            // Not a workbook, and too large.
            let junk = try await client.execute(uri: "/skillmap/import", method: .post, headers: supervisor.headers(xlsx), body: ByteBuffer(string: "PK?"))
            #expect(junk.status == .unprocessableContent && junk.text.contains("Excel ファイル"))
            let huge = try await client.execute(uri: "/skillmap/import", method: .post, headers: supervisor.headers(xlsx),
                                                body: ByteBuffer(repeating: 0x50, count: SkillMapImportController.maxBytes + 1))
            #expect(huge.status == .contentTooLarge)
            // Without the form token nothing is read.
            let forged = try await client.execute(uri: "/skillmap/import?apply=1", method: .post, headers: supervisor.headers(xlsx, csrf: false),
                                                  body: ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: directory + "/edited.xlsx"))))
            #expect(forged.status == .forbidden)
            #expect(try await evaluationCount() == recorded, "refused uploads record nothing")
        }
    }

    @Test func uploadedNamesNeverBecomePaths() {
        #expect(SkillMapImportController.fileName("..%2F..%2Fetc%2Fpasswd") == "passwd")
        #expect(SkillMapImportController.fileName(nil) == "upload.xlsx")
        #expect(SkillMapImportController.fileName("%E5%8A%9B%E9%87%8F%E8%A1%A8.xlsx") == "力量表.xlsx")
        #expect(SkillMapImportController.fileName("a%0Ab.xlsx") == "ab.xlsx")
    }
}
