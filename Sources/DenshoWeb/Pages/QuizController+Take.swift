import DenshoDomain
import DenshoStore
import Foundation
import Hummingbird

/// Taking the quiz: the questions in one person's shuffled order, then the result with each wrong
/// answer's correct choice. Answers are posted as `q<index>` = choice index, both in the quiz's
/// own order, so the shuffle never reaches scoring.
extension QuizController {
    struct TakeChoice { var value: Int; var text: String; var inputID: String }
    struct TakeQuestion {
        var label: String
        var text: String
        var name: String
        /// `radio` for one correct choice, `checkbox` for several ("choose all that apply").
        var inputType: String
        var single: Bool
        var hint: String
        /// "動画 0:12 の場面" when the question points at a moment of the clip.
        var scene: String?
        var choices: [TakeChoice]
    }
    struct TakeView {
        var manualID: String
        var manualTitle: String
        var questions: [TakeQuestion]
        var canAttempt: Bool
        var usedText: String
        var passRule: String
        var passedOn: String?
        var noneLeft: Bool
        /// Attempts made when the page was opened: a re-sent form (reload of the result) is refused
        /// instead of spending another attempt.
        var seen: Int
    }

    @Sendable func take(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.employeeID != nil && $0.account.role != .association }
        let manual = try await manual(context, company)
        guard let quiz = try await env.store.quiz(manual: manual.id, company: company.id) else { throw WebError.notFound }
        let employee = identity.account.employeeID!
        let attempts = try await env.store.quizAttempts(company: company.id, quiz: quiz.id, employee: employee)
        let language = context.language
        let canAttempt = QuizScoring.mayAttempt(quiz, attempts: attempts)
        // No questions on the page when there is nothing left to answer.
        let seed = Self.seed(employee: employee, quiz: quiz.id, attempts: attempts.count)
        let order: [(question: Int, choices: [Int])] = canAttempt ? QuizScoring.order(quiz, seed: seed) : []
        let questions: [TakeQuestion] = order.enumerated().map { position, entry in
            let question = quiz.questions[entry.question]
            let multiple = question.multipleAnswers
            return TakeQuestion(
                label: Self.fill(language.text("quizQuestionN"), ["n": String(position + 1)]), text: question.text,
                name: "q\(entry.question)", inputType: multiple ? "checkbox" : "radio", single: !multiple,
                hint: language.text(multiple ? "quizChooseAll" : "quizChooseOne"),
                scene: manual.clipID == nil ? nil : question.stillAt.map { Self.fill(language.text("quizScene"), ["t": ClipTime.clock($0)]) },
                choices: entry.choices.map { TakeChoice(value: $0, text: question.choices[$0], inputID: "q\(entry.question)-\($0)") })
        }
        let passed = attempts.first(where: \.passed)
        let view = TakeView(
            manualID: manual.id.description, manualTitle: manual.title, questions: questions, canAttempt: canAttempt,
            usedText: Self.used(attempts.count, of: quiz, language), passRule: Self.passRule(quiz, language),
            passedOn: passed.map { Self.fill(language.text("quizPassedOn"), ["date": String($0.takenAt.prefix(10))]) },
            noneLeft: !canAttempt && passed == nil, seen: attempts.count)
        return env.renderer.page(.quizTake, title: "\(language.text("quizTitle")) — \(manual.title)", context: context, data: view,
                                 section: "manuals")
    }

    struct WrongAnswer { var label: String; var text: String; var chosen: String; var correct: String }
    struct ResultView {
        var manualID: String
        var manualTitle: String
        var passed: Bool
        var score: String
        var passRule: String
        var usedText: String
        var wrong: [WrongAnswer]
        var allRight: Bool
        var canRetry: Bool
    }

    @Sendable func attempt(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.employeeID != nil && $0.account.role != .association }
        let manual = try await manual(context, company)
        guard let quiz = try await env.store.quiz(manual: manual.id, company: company.id) else { throw WebError.notFound }
        let employee = identity.account.employeeID!
        var request = request
        let form = try await request.form(context: context)
        let before = try await env.store.quizAttempts(company: company.id, quiz: quiz.id, employee: employee)
        if let seen = form.int("seen"), seen != before.count {
            throw WebError(.conflict, ja: "この解答はすでに送信されています。テストのページを開き直してください。",
                           en: "These answers were already sent. Open the quiz again.")
        }
        // Choices the question does not have are dropped (the question then counts as wrong).
        let answers: [Set<Int>] = quiz.questions.enumerated().map { index, question in
            Set(form.all("q\(index)").compactMap { Int($0) }.filter { question.choices.indices.contains($0) })
        }
        let outcome: (attempt: QuizAttempt, result: QuizResult)
        do {
            outcome = try await env.store.attemptQuiz(quiz.id, employee: employee, answers: answers, company: company.id, by: identity.account.login)
        } catch StoreError.invalid(let message) {
            // No attempts left, or already passed: said in the reader's language.
            throw WebError(.conflict, storeMessage: message)
        } catch StoreError.notFound {
            throw WebError.notFound
        }
        let language = context.language
        let result = outcome.result
        // Wrong questions in the order this attempt showed them, choices too.
        let order = QuizScoring.order(quiz, seed: Self.seed(employee: employee, quiz: quiz.id, attempts: before.count))
        var wrong: [WrongAnswer] = []
        for (position, entry) in order.enumerated() where entry.question < result.marks.count && !result.marks[entry.question].right {
            let question = quiz.questions[entry.question], mark = result.marks[entry.question]
            let chosen = entry.choices.filter { mark.chosen.contains($0) }.map { question.choices[$0] }
            let correct = entry.choices.filter { mark.correct.contains($0) }.map { question.choices[$0] }
            wrong.append(WrongAnswer(
                label: Self.fill(language.text("quizQuestionN"), ["n": String(position + 1)]), text: question.text,
                chosen: chosen.isEmpty ? language.text("quizNoAnswer") : chosen.joined(separator: " / "),
                correct: correct.joined(separator: " / ")))
        }
        let view = ResultView(
            manualID: manual.id.description, manualTitle: manual.title, passed: result.passed,
            score: Self.fill(language.text("quizScore"), ["right": String(result.right), "total": String(result.total), "percent": String(result.percent)]),
            passRule: Self.passRule(quiz, language), usedText: Self.used(before.count + 1, of: quiz, language), wrong: wrong,
            allRight: wrong.isEmpty, canRetry: QuizScoring.mayAttempt(quiz, attempts: before + [outcome.attempt]))
        return env.renderer.page(.quizResult, title: "\(language.text("quizResult")) — \(manual.title)", context: context, data: view,
                                 section: "manuals")
    }
}
