import DenshoDomain
import DenshoStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DenshoWeb

/// 実技確認 through the router: a checklist made from a manual, a sign-off that puts the level in
/// the 力量表 with its evidence, the refusals (no feedback, an NG without a comment, someone of
/// another department), the trainee's 確認, and the history staying append-only.
@Suite("Sign-off pages")
struct SignOffPageTests {
    /// A skill the staff member is below `level` in and that has no check rule (no quiz needed first).
    static func skillToCheck(_ fixture: WebFixture, below level: Int) async throws -> (Company, Employee, Skill) {
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.employee(of: "hanawa-staff")
        let levels = try await fixture.store.levels(of: staff.id, company: hanawa.id)
        let rules = try await fixture.store.checkRules(company: hanawa.id)
        let skill = try #require(try await fixture.store.skills(company: hanawa.id, includeRetired: false)
            .first { (levels[$0.id] ?? 0) < level && rules[$0.id] == nil })
        return (hanawa, staff, skill)
    }

    static func checklist(_ fixture: WebFixture, company: Company, skill: Skill, level: Int) async throws -> Checklist {
        try await fixture.store.saveChecklist(
            Checklist(id: .init(0), companyID: company.id, title: "玉掛け 実技確認", skillID: skill.id, level: level,
                      items: [ChecklistItem(step: "合図を確認する", keyPoint: "指差呼称"), ChecklistItem(step: "地切りする", keyPoint: "10cmで止める")]),
            by: "test")
    }

    /// The id at the end of a redirect (`/checks/signoffs/12`, `/checks/checklists/3?saved=1`).
    static func id(in location: String?) -> Int64? {
        location.flatMap { $0.split(separator: "?").first?.split(separator: "/").last }.flatMap { Int64($0) }
    }

    @Test func aSupervisorMakesAChecklistFromAManualAndASignOffRecordsTheLevel() async throws {
        let fixture = try await WebFixture()
        let (hanawa, staff, skill) = try await Self.skillToCheck(fixture, below: 3)
        let store = fixture.store
        let manual = try await store.approveManual(
            try await store.addManual(
                Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "芯出し", author: "test",
                       steps: [ManualStep(mainStep: "ダイヤルゲージを当てる", keyPoint: "測定子を直角に", start: 0),
                               ManualStep(mainStep: "芯を出す", keyPoint: "振れ0.01以内", start: 0)]),
                by: "test").id,
            company: hanawa.id, by: "test", approverName: "班長")
        try await store.setManualSkills(manual.id, skills: [skill.id], company: hanawa.id, by: "test")
        let supervisor = try await fixture.browser(.supervisor), young = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            // The manual's live steps, 急所 and linked skill fill the new checklist.
            let prefilled = try await client.execute(uri: "/checks/checklists/new?manual=\(manual.id)", method: .get, headers: supervisor.headers())
            #expect(prefilled.status == .ok)
            #expect(prefilled.text.contains("value=\"ダイヤルゲージを当てる\"") && prefilled.text.contains("value=\"振れ0.01以内\""))
            #expect(prefilled.text.contains("<option value=\"\(skill.id)\" selected>"))
            let created = try await PageTests.post(
                client, "/checks/checklists/new",
                "title=芯出し 実技確認&skill=\(skill.id)&level=3&manual=\(manual.id)"
                    + "&step=ダイヤルゲージを当てる&key=測定子を直角に&step=芯を出す&key=振れ0.01以内&step=&key=&step=&key=",
                as: supervisor)
            #expect(created.status == .seeOther)
            let checklistID = try #require(Self.id(in: created.headers[.location]))
            let checklist = try #require(try await store.checklist(.init(checklistID), company: hanawa.id))
            #expect(checklist.items == [ChecklistItem(step: "ダイヤルゲージを当てる", keyPoint: "測定子を直角に"), ChecklistItem(step: "芯を出す", keyPoint: "振れ0.01以内")])
            #expect(checklist.manualID == manual.id && checklist.skillID == skill.id && checklist.level == 3)

            // The phone page: the trainee picker, then each step with its 急所 and OK / NG.
            let picker = try await client.execute(uri: "/checks/checklists/\(checklistID)/signoff", method: .get, headers: supervisor.headers())
            #expect(picker.status == .ok && picker.text.contains("signoff?trainee=\(staff.id)"))
            let page = try await client.execute(uri: "/checks/checklists/\(checklistID)/signoff?trainee=\(staff.id)", method: .get,
                                                headers: supervisor.headers())
            #expect(page.status == .ok && page.text.contains("name=\"mark1\" value=\"ng\"") && page.text.contains("振れ0.01以内"))

            let signed = try await PageTests.post(
                client, "/checks/checklists/\(checklistID)/signoffs",
                "trainee=\(staff.id)&mark0=ok&comment0=&mark1=ng&comment1=振れ0.02で止めた&passed=1&feedback=手順は確実。芯出しの精度を練習すること",
                as: supervisor)
            #expect(signed.status == .seeOther)
            let signOffID = try #require(Self.id(in: signed.headers[.location]))
            #expect(signed.headers[.location] == "/checks/signoffs/\(signOffID)")

            // The 力量表 holds the checklist's level, from a 実技確認 with the sign-off as evidence.
            #expect(try await store.levels(of: staff.id, company: hanawa.id)[skill.id] == 3)
            let history = try await store.evaluations(company: hanawa.id, employee: staff.id, skill: skill.id, state: nil)
            let evaluation = try #require(history.first { $0.evidence == "signoff:\(signOffID)" })
            #expect(evaluation.method == .signOff && evaluation.level == 3 && evaluation.state == .approved)
            #expect(evaluation.manualID == manual.id && evaluation.manualRevision == 1)
            let record = try #require(try await store.signOffRecord(.init(signOffID), company: hanawa.id))
            #expect(record.marks == [SignOffMark(ok: true), SignOffMark(ok: false, comment: "振れ0.02で止めた")] && record.passed)
            #expect(record.evaluationID == evaluation.id && record.acknowledgedAt == nil)

            // The 力量表 cell's history names the method and links the sign-off.
            let cell = try await client.execute(uri: "/skillmap/cell?employee=\(staff.id)&skill=\(skill.id)", method: .get, headers: supervisor.headers())
            #expect(cell.text.contains("href=\"/checks/signoffs/\(signOffID)\"") && cell.text.contains("実技確認"))

            // The trainee reads it on their phone and has the 確認 button.
            let shown = try await client.execute(uri: "/checks/signoffs/\(signOffID)", method: .get, headers: young.headers())
            #expect(shown.status == .ok && shown.text.contains("振れ0.02で止めた") && shown.text.contains("id=\"acknowledge\""))
            #expect(shown.text.contains("/manuals/\(manual.id)/revisions/1"))
            let home = try await client.execute(uri: "/checks", method: .get, headers: young.headers())
            #expect(home.text.contains("/checks/signoffs/\(signOffID)") && home.text.contains("確認待ち"))
        }
    }

    @Test func incompleteSignOffsAreRefusedWithTheReasonAndRecordNothing() async throws {
        let fixture = try await WebFixture()
        let (hanawa, staff, skill) = try await Self.skillToCheck(fixture, below: 2)
        let store = fixture.store
        let checklist = try await Self.checklist(fixture, company: hanawa, skill: skill, level: 2)
        let before = try await store.evaluations(company: hanawa.id, employee: staff.id, skill: nil, state: nil).count
        let supervisor = try await fixture.browser(.supervisor)
        let uri = "/checks/checklists/\(checklist.id)/signoffs"
        try await fixture.application().test(.router) { client in
            // No feedback: the form comes back with the reason and what was typed.
            let noFeedback = try await PageTests.post(client, uri, "trainee=\(staff.id)&mark0=ok&comment0=&mark1=ok&comment1=&passed=1&feedback=+", as: supervisor)
            #expect([400, 422].contains(noFeedback.status.code))
            #expect(noFeedback.text.contains("フィードバックを入力してください"))
            #expect(noFeedback.text.contains("name=\"mark0\" value=\"ok\" required checked"))
            // An NG without a comment.
            let bareNG = try await PageTests.post(client, uri, "trainee=\(staff.id)&mark0=ok&comment0=&mark1=ng&comment1=&passed=0&feedback=もう一度練習", as: supervisor)
            #expect([400, 422].contains(bareNG.status.code))
            #expect(bareNG.text.contains("NGの理由を書いてください") && bareNG.text.contains("もう一度練習"))
            // A step left unmarked, and no overall result.
            let unmarked = try await PageTests.post(client, uri, "trainee=\(staff.id)&mark0=ok&comment0=&comment1=&passed=1&feedback=良い", as: supervisor)
            #expect([400, 422].contains(unmarked.status.code) && unmarked.text.contains("すべての項目をOKかNGで記録してください"))
            let noVerdict = try await PageTests.post(client, uri, "trainee=\(staff.id)&mark0=ok&mark1=ok&feedback=良い", as: supervisor)
            #expect([400, 422].contains(noVerdict.status.code))
            #expect(try await store.signOffs(company: hanawa.id, employee: staff.id).isEmpty)

            // Someone of a department the supervisor does not look after: refused, nothing recorded.
            let account = try await fixture.account("hanawa-sup")
            let supervised = Set(try await store.supervisedDepartments(account.id))
            let outsider = try #require(try await store.employees(company: hanawa.id, filter: .init(activeOn: LocalDate(parsing: WebFixture.today)))
                .first { $0.departmentID.map(supervised.contains) == false })
            let outsiderBefore = try await store.evaluations(company: hanawa.id, employee: outsider.id, skill: nil, state: nil).count
            let outside = try await PageTests.post(client, uri, "trainee=\(outsider.id)&mark0=ok&mark1=ok&passed=1&feedback=良い", as: supervisor)
            #expect([403, 404].contains(outside.status.code))
            let page = try await client.execute(uri: "/checks/checklists/\(checklist.id)/signoff?trainee=\(outsider.id)", method: .get,
                                                headers: supervisor.headers())
            #expect([403, 404].contains(page.status.code))
            #expect(try await store.signOffs(company: hanawa.id, employee: outsider.id).isEmpty)
            #expect(try await store.evaluations(company: hanawa.id, employee: outsider.id, skill: nil, state: nil).count == outsiderBefore)
            // Staff and HR do not sign off at all.
            for persona in [Persona.staff, .hr] {
                let refused = try await PageTests.post(client, uri, "trainee=\(staff.id)&mark0=ok&mark1=ok&passed=1&feedback=良い",
                                                       as: try await fixture.browser(persona))
                #expect(refused.status == .forbidden, "\(persona)")
            }
        }
        #expect(try await store.evaluations(company: hanawa.id, employee: staff.id, skill: nil, state: nil).count == before)
    }

    @Test func onlyTheTraineeAcknowledgesAndTheHistoryStaysAppendOnly() async throws {
        let fixture = try await WebFixture()
        let (hanawa, staff, skill) = try await Self.skillToCheck(fixture, below: 2)
        let store = fixture.store
        let checklist = try await Self.checklist(fixture, company: hanawa, skill: skill, level: 2)
        let supervisorEmployee = try await fixture.employee(of: "hanawa-sup")
        let record = try await store.signOff(
            SignOff(id: .init(0), companyID: hanawa.id, checklistID: checklist.id, traineeID: staff.id, evaluatorID: supervisorEmployee.id,
                    evaluatorName: "班長", skillID: skill.id, level: 2, marks: [SignOffMark(ok: true), SignOffMark(ok: true)], passed: true,
                    feedback: "安全に作業できています", signedOn: LocalDate(parsing: WebFixture.today)!),
            by: "test")
        let uri = "/checks/signoffs/\(record.id)/acknowledge"
        try await fixture.application().test(.router) { client in
            for persona in [Persona.supervisor, .hr, .admin] {
                let refused = try await PageTests.post(client, uri, "", as: try await fixture.browser(persona))
                #expect(refused.status == .forbidden, "\(persona)")
            }
            let other = try await PageTests.post(client, uri, "", as: try await fixture.browser(.other))
            #expect(other.status == .notFound)
            #expect(try await store.signOffRecord(record.id, company: hanawa.id)?.acknowledgedAt == nil)

            let young = try await fixture.browser(.staff)
            let done = try await PageTests.post(client, uri, "", as: young)
            #expect(done.status == .seeOther && done.headers[.location] == "/checks/signoffs/\(record.id)")
            #expect(try await store.signOffRecord(record.id, company: hanawa.id)?.acknowledgedAt != nil)
            let shown = try await client.execute(uri: "/checks/signoffs/\(record.id)", method: .get, headers: young.headers())
            #expect(shown.status == .ok && !shown.text.contains("id=\"acknowledge\"") && shown.text.contains("id=\"acknowledged\""))
        }

        // The database itself refuses to rewrite or delete the sign-off and its evaluation (the
        // sqlite3 shell, when installed, stands in for anyone with the file).
        let evaluation = try #require(record.evaluationID)
        for sql in ["UPDATE sign_off SET feedback = 'x' WHERE id = \(record.id)", "DELETE FROM sign_off WHERE id = \(record.id)",
                    "UPDATE evaluation SET level = 4 WHERE id = \(evaluation)", "DELETE FROM evaluation WHERE id = \(evaluation)"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3", "-cmd", ".timeout 5000", store.path, sql]
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus != 127 else { break }  // no sqlite3 here: the store tests cover the triggers
            #expect(process.terminationStatus != 0, "\(sql) was allowed")
        }
        let after = try #require(try await store.signOffRecord(record.id, company: hanawa.id))
        #expect(after.feedback == "安全に作業できています" && after.acknowledgedAt != nil)
        #expect(try await store.evaluation(evaluation, company: hanawa.id)?.level == 2)
    }
}
