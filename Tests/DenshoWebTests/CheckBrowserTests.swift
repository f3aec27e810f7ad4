import DenshoDomain
import DenshoStore
import DenshoTestSupport
import Foundation
import Testing
@testable import DenshoWeb

/// Checks in real browsers (chromium via chromedriver) against the real server: a supervisor
/// writes a 3-question quiz and a checklist for a manual; the staff member on a phone fails the
/// quiz once and passes it; the supervisor, on a phone on the floor, signs them off with one NG
/// step commented and an overall pass; the trainee confirms it on their phone; the 力量表 cell
/// shows the new level with method 実技確認 and a link to the sign-off, and the ISO 7.2 record PDF
/// lists it.
@Suite("Browser: quiz, sign-off, 力量表, ISO record", .serialized)
struct CheckBrowserTests {
    @Test(.timeLimit(.minutes(10))) func quizSignOffAcknowledgeAndRecord() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.employee(of: "hanawa-staff")
        let skill = try await fixture.store.skills(company: hanawa.id, includeRetired: false)[0]
        var manual = try await fixture.store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "バイスの段取り", documentNumber: "HANAWA-C-01", author: "班長",
                   steps: [ManualStep(mainStep: "バイスの口金を清掃する", keyPoint: "切粉を残さない", start: 0),
                           ManualStep(mainStep: "平行台を入れて材料を挟む", keyPoint: "ハンマーで軽く叩いて密着", start: 10),
                           ManualStep(mainStep: "締め付ける", keyPoint: "ハンドルにパイプを掛けない", start: 20)]), by: "test")
        manual = try await fixture.store.approveManual(manual.id, company: hanawa.id, by: "hanawa-sup", approverName: "班長")
        try await fixture.store.setManualSkills(manual.id, skills: [skill.id], company: hanawa.id, by: "test")
        let server = try LiveServer(dataRoot: fixture.directory)
        try await server.start()
        defer { server.kill(SIGTERM) }
        let base = server.baseURL
        let supervisor = try await WebDriver()
        let phone = try await WebDriver(window: (390, 844))
        let floor = try await WebDriver(window: (390, 844))
        var step = "start"
        do {
            // The supervisor writes a 3-question quiz: the second has two correct choices.
            step = "quiz-edit"
            try await TrainingBrowserTests.login(supervisor, base, "hanawa-sup")
            try await supervisor.open(base + "/manuals/\(manual.id)/quiz")
            _ = try await supervisor.script("""
                const questions = [
                  ['口金の清掃で大切なことは？', ['切粉を残さない', '油を塗る', '布で拭かない'], [0]],
                  ['材料を挟む前に入れるものは？（すべて選ぶ）', ['平行台', 'ウエス', '当て板', '手袋'], [0, 2]],
                  ['締め付けでしてはいけないことは？', ['ハンドルにパイプを掛ける', '手で締める'], [0]],
                ];
                questions.forEach(([text, choices, correct], q) => {
                  document.querySelector('textarea[name=text' + q + ']').value = text;
                  const inputs = document.querySelectorAll('input[name=choice' + q + ']');
                  choices.forEach((c, i) => { inputs[i].value = c; });
                  correct.forEach(i => { document.querySelector('input[name=correct' + q + '][value="' + i + '"]').checked = true; });
                });
                document.querySelector('input[name=pass]').value = '100';
                document.querySelector('input[name=attempts]').value = '3';
                """)
            try await supervisor.click("#save-quiz")
            try await supervisor.wait("the saved quiz") { (try? await supervisor.text("#quiz-saved")) != nil }
            let quiz = try #require(try await fixture.store.quiz(manual: manual.id, company: hanawa.id))
            #expect(quiz.questions.count == 3 && quiz.questions[1].correct == [0, 2])

            // …and a checklist from the manual's steps, for level 3 of the skill.
            step = "checklist"
            try await supervisor.open(base + "/checks/checklists/new?manual=\(manual.id)")
            #expect(try await supervisor.script("return document.querySelector('input[name=key]').value") as? String == "切粉を残さない")
            _ = try await supervisor.script("""
                document.getElementById('checklist-title').value = 'バイス段取り 実技確認';
                document.getElementById('checklist-skill').value = '\(skill.id)';
                document.getElementById('checklist-level').value = '3';
                """)
            try await supervisor.click("#save-checklist")
            try await supervisor.wait("the saved checklist") { !(try await supervisor.url.contains("/new")) }
            let checklist = try #require(try await fixture.store.checklists(company: hanawa.id).first { $0.manualID == manual.id })
            #expect(checklist.items.count == 3 && checklist.level == 3 && checklist.skillID == skill.id)

            // On a phone, the staff member fails the quiz once (one of two protective choices)…
            step = "quiz-fail"
            try await TrainingBrowserTests.login(phone, base, "hanawa-staff")
            try await phone.open(base + "/manuals/\(manual.id)/quiz/take")
            let html = try await phone.script("return document.documentElement.outerHTML") as? String ?? ""
            #expect(!html.contains("正解"), "which choices are correct is not in the page before submission")
            for id in ["q0-0", "q1-0", "q2-0"] { try await phone.click("#\(id)") }
            try await phone.click("#submit-quiz")
            try await phone.wait("the result") { (try? await phone.text("#quiz-verdict")) != nil }
            #expect(try await phone.text("#quiz-verdict").contains("不合格"))
            #expect(try await phone.text("#quiz-wrong").contains("当て板"), "the wrong question shows its correct choices")
            // …then passes it.
            step = "quiz-pass"
            try await phone.click("#quiz-retry")
            try await phone.wait("the quiz again") { (try? await phone.text("#quiz-form")) != nil }
            for id in ["q0-0", "q1-0", "q1-2", "q2-0"] { try await phone.click("#\(id)") }
            try await phone.click("#submit-quiz")
            try await phone.wait("the result") { (try? await phone.text("#quiz-verdict")) != nil }
            #expect(try await phone.text("#quiz-verdict") == "合格")
            let attempts = try await fixture.store.quizAttempts(company: hanawa.id, quiz: quiz.id, employee: staff.id)
            #expect(attempts.map(\.passed) == [false, true] && attempts.allSatisfy { $0.manualRevision == 1 })

            // On the floor, the supervisor signs the trainee off on a phone: one NG step commented, pass.
            step = "signoff"
            try await TrainingBrowserTests.login(floor, base, "hanawa-sup")
            try await floor.open(base + "/checks/checklists/\(checklist.id)/signoff?trainee=\(staff.id)")
            #expect(try await floor.text("#trainee-name") == staff.name)
            try await floor.click("#step-1 label.toggle.ok")
            try await floor.click("#step-2 label.toggle.ng")
            try await floor.type("#step-2 input[name=comment1]", "平行台が浮いていた。叩いて確かめること")
            try await floor.click("#step-3 label.toggle.ok")
            try await floor.click("#verdict label.toggle.ok")
            try await floor.type("#feedback", "段取りは確実。平行台の密着だけ毎回確かめる")
            let widths = try await floor.script("return [window.innerWidth, document.documentElement.scrollWidth]") as? [Double] ?? []
            #expect(widths.first == 390 && widths.last.map { $0 <= 390 } == true, "a phone's viewport, nothing wider: \(widths)")
            let header = try await floor.script("return document.querySelector('header.top').getBoundingClientRect().height") as? Double ?? 999
            #expect(header < 120, "the header takes two short lines on a phone, not a third of the screen: \(header) px")
            try await floor.click("#record-signoff")
            try await floor.wait("the sign-off record") { try await floor.url.contains("/checks/signoffs/") }
            let record = try #require(try await fixture.store.signOffs(company: hanawa.id, employee: staff.id).first)
            #expect(record.passed && record.ngCount == 1 && record.marks[1].comment.contains("平行台") && record.manualRevision == 1)
            #expect(try await floor.text("#verdict").contains("合格"))

            // The trainee confirms it on their phone.
            step = "acknowledge"
            try await phone.open(base + "/checks/signoffs/\(record.id)")
            try await phone.click("#acknowledge")
            try await phone.wait("confirmed") { (try? await phone.text("#acknowledged")) != nil }
            #expect(try await fixture.store.signOffRecord(record.id, company: hanawa.id)?.acknowledgedAt != nil)

            // The 力量表 cell shows level 3 by 実技確認 with a link to the sign-off.
            step = "cell"
            #expect(try await fixture.store.levels(of: staff.id, company: hanawa.id)[skill.id] == 3)
            try await supervisor.open(base + "/skillmap/cell?employee=\(staff.id)&skill=\(skill.id)")
            let history = try await supervisor.text("#history")
            #expect(history.contains("実技確認"))
            try await supervisor.click("#history a[href=\"/checks/signoffs/\(record.id)\"]")
            try await supervisor.wait("the linked sign-off") { try await supervisor.url.hasSuffix("/checks/signoffs/\(record.id)") }

            // The ISO 7.2 record of the person lists it (read by poppler).
            step = "iso"
            let encoded = try await supervisor.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/iso-record/people/\(staff.id).pdf').then(r => r.arrayBuffer()).then(b => {
                  let s = ''; new Uint8Array(b).forEach(x => { s += String.fromCharCode(x); }); done(btoa(s));
                }).catch(e => done(String(e)));
                """) as? String ?? ""
            let pdf = try #require(Data(base64Encoded: encoded))
            let path = fixture.directory + "/iso-\(staff.id).pdf"
            try pdf.write(to: URL(fileURLWithPath: path))
            let text = try PDFInspector(path).text()
            #expect(text.contains("実技確認") && text.contains(skill.name) && text.contains(staff.name))
            #expect(text.contains("#\(record.id.rawValue)"), "the evidence names the sign-off")
            await supervisor.quit()
            await phone.quit()
            await floor.quit()
        } catch {
            await phone.screenshot(to: "\(BrowserTests.screenshots)/checks-failed-\(step)-phone.png")
            await floor.screenshot(to: "\(BrowserTests.screenshots)/checks-failed-\(step)-floor.png")
            await supervisor.screenshot(to: "\(BrowserTests.screenshots)/checks-failed-\(step)-supervisor.png")
            await supervisor.quit()
            await phone.quit()
            await floor.quit()
            throw error
        }
    }
}
