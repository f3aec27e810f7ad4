import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

/// 理解度テスト through the router: a supervisor writes a quiz, staff fail it once (and are shown
/// the correct choice of what they got wrong), then pass; refusals; other companies; English.
@Suite("Quiz pages")
struct QuizPageTests {
    static let questionOne = "主軸を止めてからチャックを外す理由は？"
    static let questionTwo = "交換前に確かめるものをすべて選ぶ"
    static let questionThree = "締め付けの順番は？"

    /// Three questions (the second with two correct choices, the first with a scene of the clip)
    /// and a blank spare slot, as the editor posts them.
    static let threeQuestions = [
        "text0=\(questionOne)", "choice0=巻き込まれを防ぐため", "choice0=早く終わるため", "choice0=", "choice0=", "correct0=0", "still0=0:01",
        "text1=\(questionTwo)", "choice1=電源が切れている", "choice1=工具の色", "choice1=主軸が止まっている", "choice1=", "correct1=0", "correct1=2",
        "still1=",
        "text2=\(questionThree)", "choice2=対角に", "choice2=時計回りに", "choice2=", "choice2=", "correct2=0", "still2=",
        "text3=", "choice3=", "choice3=", "choice3=", "choice3=", "still3=",
        "pass=100", "attempts=3",
    ].joined(separator: "&")

    static func approvedManual(_ fixture: WebFixture, company code: String = "hanawa", clip: Clip.ID? = nil) async throws -> Manual {
        let company = try await fixture.company(code)
        let manual = try await fixture.store.addManual(
            Manual(id: .init(0), companyID: company.id, clipID: clip, title: "チャック交換", author: "test",
                   steps: [ManualStep(mainStep: "電源を切る", start: 0)]),
            by: "test")
        return try await fixture.store.approveManual(manual.id, company: company.id, by: "test", approverName: "班長")
    }

    /// A one-question quiz saved directly in the store.
    static func simpleQuiz(_ fixture: WebFixture, manual: Manual, attempts: Int?) async throws -> Quiz {
        try await fixture.store.saveQuiz(
            Quiz(id: .init(0), companyID: manual.companyID, manualID: manual.id,
                 questions: [QuizQuestion(text: "保護めがねは必要か", choices: ["必要", "不要"], correct: [0])], passPercent: 100,
                 attemptsAllowed: attempts),
            by: "test")
    }

    /// The `q<question>-<choice>` ids of a take page, in the order shown.
    static func shownOrder(_ html: String) -> [String] {
        html.components(separatedBy: "id=\"q").dropFirst().map { String($0.prefix { $0 != "\"" }) }.filter { $0.first?.isNumber == true }
    }

    static func english(_ browser: Browser) -> HTTPFields {
        var headers = browser.headers()
        headers[.cookie] = (headers[.cookie].map { $0 + "; " } ?? "") + "\(Language.cookieName)=en"
        return headers
    }

    @Test func aSupervisorWritesAQuizAndStaffFailOnceThenPass() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let manual = try await Self.approvedManual(fixture, clip: try await fixture.readyClip().id)
        let supervisor = try await fixture.browser(.supervisor), staff = try await fixture.browser(.staff)
        let staffName = try await fixture.employee(of: "hanawa-staff").name
        try await fixture.application().test(.router) { client in
            // The manual offers to write one; the editor is the writers'.
            let manualPage = try await client.execute(uri: "/manuals/\(manual.id)", method: .get, headers: supervisor.headers()).text
            #expect(manualPage.contains("id=\"edit-quiz\"") && manualPage.contains("理解度テストを作る"))
            #expect(try await client.execute(uri: "/manuals/\(manual.id)/quiz", method: .get, headers: staff.headers()).status == .forbidden)

            let saved = try await PageTests.post(client, "/manuals/\(manual.id)/quiz", Self.threeQuestions, as: supervisor)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/manuals/\(manual.id)/quiz?saved=1")
            let quiz = try #require(try await fixture.store.quiz(manual: manual.id, company: hanawa.id))
            #expect(quiz.questions.count == 3, "the blank slot is not a question")
            #expect(quiz.questions[1].correct == [0, 2] && quiz.questions[1].choices == ["電源が切れている", "工具の色", "主軸が止まっている"])
            #expect(quiz.questions[0].stillAt == 1 && quiz.questions[0].choices.count == 2)
            #expect(quiz.passPercent == 100 && quiz.attemptsAllowed == 3)
            let editor = try await client.execute(uri: "/manuals/\(manual.id)/quiz?saved=1", method: .get, headers: supervisor.headers()).text
            #expect(editor.contains("id=\"quiz-saved\"") && editor.contains(Self.questionTwo) && editor.contains("まだ誰も受験していません"))

            // Staff: radio buttons, check boxes for the two-answer question, the scene; the same order on a reload.
            let staffManual = try await client.execute(uri: "/manuals/\(manual.id)", method: .get, headers: staff.headers()).text
            #expect(staffManual.contains("/manuals/\(manual.id)/quiz/take") && !staffManual.contains("id=\"edit-quiz\""))
            let take = try await client.execute(uri: "/manuals/\(manual.id)/quiz/take", method: .get, headers: staff.headers())
            #expect(take.status == .ok)
            #expect(take.text.contains("type=\"radio\" name=\"q0\"") && take.text.contains("type=\"checkbox\" name=\"q1\""))
            #expect(take.text.contains("動画 0:01 の場面") && take.text.contains("受験回数 0 / 3"))
            let reload = try await client.execute(uri: "/manuals/\(manual.id)/quiz/take", method: .get, headers: staff.headers())
            #expect(Self.shownOrder(take.text).count == 7 && Self.shownOrder(take.text) == Self.shownOrder(reload.text))

            // One of the two correct choices only: the second question is wrong, and its correct choices are shown.
            let failed = try await PageTests.post(client, "/manuals/\(manual.id)/quiz/attempts", "seen=0&q0=0&q1=0&q2=0", as: staff)
            #expect(failed.status == .ok)
            #expect(failed.text.contains("id=\"quiz-verdict\">不合格<") && failed.text.contains("3問中2問正解（66%）"))
            #expect(failed.text.contains(Self.questionTwo) && failed.text.contains("主軸が止まっている"))
            #expect(!failed.text.contains(Self.questionOne) && !failed.text.contains(Self.questionThree), "only the wrong question is listed")
            #expect(failed.text.contains("id=\"quiz-retry\""))
            // The same form sent again (a reload of the result) does not spend an attempt.
            let resent = try await PageTests.post(client, "/manuals/\(manual.id)/quiz/attempts", "seen=0&q0=0&q1=0&q2=0", as: staff)
            #expect(resent.status == .conflict)
            #expect(try await fixture.store.quizAttempts(company: hanawa.id, quiz: quiz.id, employee: nil).count == 1)

            let passed = try await PageTests.post(client, "/manuals/\(manual.id)/quiz/attempts", "seen=1&q0=0&q1=0&q1=2&q2=0", as: staff)
            #expect(passed.status == .ok)
            #expect(passed.text.contains("id=\"quiz-verdict\">合格<") && passed.text.contains("全問正解です。") && !passed.text.contains("id=\"quiz-retry\""))
            let after = try await client.execute(uri: "/manuals/\(manual.id)/quiz/take", method: .get, headers: staff.headers()).text
            #expect(after.contains("id=\"quiz-passed\"") && !after.contains("id=\"quiz-form\""))
            let again = try await PageTests.post(client, "/manuals/\(manual.id)/quiz/attempts", "q0=0&q1=0&q1=2&q2=0", as: staff)
            #expect(again.status == .conflict && again.text.contains("合格済み"))

            // The writer sees who took it and their best result.
            let summary = try await client.execute(uri: "/manuals/\(manual.id)/quiz", method: .get, headers: supervisor.headers()).text
            #expect(summary.contains(staffName) && summary.contains("3/3") && summary.contains("badge ok"))
        }
        let attempts = try await fixture.store.quizAttempts(company: hanawa.id, quiz: nil, employee: try await fixture.employee(of: "hanawa-staff").id)
        #expect(attempts.map(\.passed) == [false, true] && attempts.map(\.right) == [2, 3])
    }

    @Test func anInvalidQuizIsRefusedWithItsReasonAndWhatWasTypedKept() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let manual = try await Self.approvedManual(fixture, clip: try await fixture.readyClip().id)
        let supervisor = try await fixture.browser(.supervisor)
        let noCorrect = "text0=ボルトの締め方&choice0=対角に締める&choice0=順番は自由&choice0=&choice0=&still0=&pass=80&attempts=2"
        let badScene = "text0=ボルトの締め方&choice0=対角に締める&choice0=順番は自由&choice0=&choice0=&correct0=0&still0=いつか&pass=80&attempts="
        try await fixture.application().test(.router) { client in
            let refused = try await PageTests.post(client, "/manuals/\(manual.id)/quiz", noCorrect, as: supervisor)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("問1: 正解を1つ以上選んでください。"))
            #expect(refused.text.contains("ボルトの締め方") && refused.text.contains("value=\"対角に締める\"") && refused.text.contains("name=\"attempts\" value=\"2\""))
            let scene = try await PageTests.post(client, "/manuals/\(manual.id)/quiz", badScene, as: supervisor)
            #expect(scene.status == .badRequest && scene.text.contains("場面の時刻") && scene.text.contains("value=\"いつか\""))
            let empty = try await PageTests.post(client, "/manuals/\(manual.id)/quiz", "text0=&choice0=&choice0=&choice0=&choice0=&still0=&pass=80&attempts=", as: supervisor)
            #expect(empty.status == .badRequest && empty.text.contains("問題を1問以上入力してください。"))
            // In English, the same refusal in English.
            var english = Self.english(supervisor)
            english[.contentType] = "application/x-www-form-urlencoded"
            let inEnglish = try await client.execute(uri: "/manuals/\(manual.id)/quiz", method: .post, headers: english,
                                                     body: ByteBuffer(string: noCorrect))
            #expect(inEnglish.status == .badRequest && inEnglish.text.contains("Question 1: mark at least one correct choice."))
        }
        #expect(try await fixture.store.quiz(manual: manual.id, company: hanawa.id) == nil)
    }

    @Test func attemptsBeyondTheAllowedNumberAreRefused() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let manual = try await Self.approvedManual(fixture)
        let quiz = try await Self.simpleQuiz(fixture, manual: manual, attempts: 2)
        let staff = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            for _ in 0..<2 {
                let wrong = try await PageTests.post(client, "/manuals/\(manual.id)/quiz/attempts", "q0=1", as: staff)
                #expect(wrong.status == .ok && wrong.text.contains("不合格"))
            }
            let third = try await PageTests.post(client, "/manuals/\(manual.id)/quiz/attempts", "q0=0", as: staff)
            #expect(third.status == .conflict && third.text.contains("受験できる回数を使い切りました"))
            let page = try await client.execute(uri: "/manuals/\(manual.id)/quiz/take", method: .get, headers: staff.headers()).text
            #expect(page.contains("id=\"quiz-none-left\"") && !page.contains("id=\"quiz-form\"") && page.contains("受験回数 2 / 2"))
            // The API says the same, in problem+json.
            var json = staff.headers()
            json[.contentType] = "application/json"
            let api = try await client.execute(uri: "/api/v1/manuals/\(manual.id)/quiz/attempts", method: .post, headers: json,
                                               body: ByteBuffer(string: #"{"answers": [[0]]}"#))
            #expect(api.status == .conflict && api.text.contains("受験できる回数を使い切りました"))
        }
        #expect(try await fixture.store.quizAttempts(company: hanawa.id, quiz: quiz.id, employee: nil).count == 2)
    }

    @Test func anotherCompanysManualIsNotFound() async throws {
        let fixture = try await WebFixture()
        let elsewhere = try await Self.approvedManual(fixture, company: "osarizawa")
        _ = try await Self.simpleQuiz(fixture, manual: elsewhere, attempts: nil)
        let supervisor = try await fixture.browser(.supervisor), staff = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client async throws in
            #expect(try await client.execute(uri: "/manuals/\(elsewhere.id)/quiz", method: .get, headers: supervisor.headers()).status == .notFound)
            #expect(try await PageTests.post(client, "/manuals/\(elsewhere.id)/quiz", Self.threeQuestions, as: supervisor).status == .notFound)
            #expect(try await client.execute(uri: "/manuals/\(elsewhere.id)/quiz/take", method: .get, headers: staff.headers()).status == .notFound)
            #expect(try await PageTests.post(client, "/manuals/\(elsewhere.id)/quiz/attempts", "q0=0", as: staff).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/manuals/\(elsewhere.id)/quiz", method: .get, headers: staff.headers()).status == .notFound)
        }
        #expect(try await fixture.store.quizAttempts(company: elsewhere.companyID, quiz: nil, employee: nil).isEmpty)
    }

    /// Which choices are correct reaches the browser only with the result: not in the take page,
    /// not in the API's quiz.
    @Test func theTakePageNeverSaysWhichChoicesAreCorrect() async throws {
        let fixture = try await WebFixture()
        let manual = try await Self.approvedManual(fixture)
        let staff = try await fixture.browser(.staff), supervisor = try await fixture.browser(.supervisor)
        try await fixture.application().test(.router) { client in
            #expect(try await PageTests.post(client, "/manuals/\(manual.id)/quiz", Self.threeQuestions, as: supervisor).status == .seeOther)
            for headers in [staff.headers(), Self.english(staff)] {
                let page = try await client.execute(uri: "/manuals/\(manual.id)/quiz/take", method: .get, headers: headers).text
                #expect(page.contains(Self.questionOne))
                for leak in ["correct", "Correct", "正解", "checked"] { #expect(!page.contains(leak), "the take page says \(leak)") }
            }
            let api = try await client.execute(uri: "/api/v1/manuals/\(manual.id)/quiz", method: .get, headers: staff.headers())
            #expect(api.status == .ok && api.text.contains(Self.questionOne) && !api.text.contains("correct"))
            #expect(api.text.contains("\"attemptsUsed\":0") && api.text.contains("\"mayAttempt\":true"))
        }
    }

    @Test func englishModeSpeaksEnglish() async throws {
        let fixture = try await WebFixture()
        let manual = try await Self.approvedManual(fixture)
        _ = try await Self.simpleQuiz(fixture, manual: manual, attempts: nil)
        let staff = try await fixture.browser(.staff), supervisor = try await fixture.browser(.supervisor)
        try await fixture.application().test(.router) { client in
            let take = try await client.execute(uri: "/manuals/\(manual.id)/quiz/take", method: .get, headers: Self.english(staff)).text
            #expect(take.contains("<html lang=\"en\">") && take.contains("Comprehension quiz") && take.contains("Choose one"))
            #expect(take.contains("Submit the answers") && take.contains("Attempts: 0 of unlimited") && !take.contains("受験回数"))
            var form = Self.english(staff)
            form[.contentType] = "application/x-www-form-urlencoded"
            form[CSRFMiddleware.headerName] = staff.csrf
            let result = try await client.execute(uri: "/manuals/\(manual.id)/quiz/attempts", method: .post, headers: form,
                                                  body: ByteBuffer(string: "q0=1"))
            #expect(result.status == .ok && result.text.contains("Not passed") && result.text.contains("Correct answer") && result.text.contains("必要"))
            let editor = try await client.execute(uri: "/manuals/\(manual.id)/quiz", method: .get, headers: Self.english(supervisor)).text
            #expect(editor.contains("Save the quiz") && editor.contains("Who took it") && !editor.contains("テストを保存"))
        }
    }
}
