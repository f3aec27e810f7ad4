import DenshoDomain
import DenshoStore
import Foundation
import Hummingbird

/// `/api/v1` for 理解度テスト: the quiz as a taker sees it (never which choices are correct), an
/// attempt and its result, and the attempts of oneself or of the people one may view.
extension APIController {
    struct QuizQuestionJSON: Codable { var text: String; var choices: [String]; var multipleAnswers: Bool; var stillAt: Double? }
    struct QuizJSON: Codable {
        var id: Int64; var manualID: Int64; var passPercent: Int; var passMark: Int; var attemptsAllowed: Int?
        var questions: [QuizQuestionJSON]
        /// The caller's own standing (absent for accounts without an employee record).
        var attemptsUsed: Int?; var passed: Bool?; var mayAttempt: Bool?
    }
    struct QuizAnswersJSON: Codable {
        /// Per question, in the quiz's order, the chosen choice indexes.
        var answers: [[Int]]
    }
    struct QuizAttemptJSON: Codable {
        var id: Int64; var quizID: Int64; var manualID: Int64?; var employeeID: Int64; var manualRevision: Int; var answers: [[Int]]
        var right: Int; var total: Int; var passed: Bool; var takenAt: String
    }
    struct QuizMarkJSON: Codable { var chosen: [Int]; var correct: [Int]; var right: Bool }
    struct QuizResultJSON: Codable { var attempt: QuizAttemptJSON; var percent: Int; var marks: [QuizMarkJSON] }

    static func json(_ a: QuizAttempt, manual: Manual.ID?) -> QuizAttemptJSON {
        QuizAttemptJSON(id: a.id.rawValue, quizID: a.quizID.rawValue, manualID: manual?.rawValue, employeeID: a.employeeID.rawValue,
                        manualRevision: a.manualRevision, answers: a.answers.map { $0.sorted() }, right: a.right, total: a.total,
                        passed: a.passed, takenAt: a.takenAt)
    }

    /// The manual's quiz in the caller's company, else 404.
    func takerQuiz(manual id: Int64, company: Company) async throws -> Quiz {
        guard try await env.store.manual(.init(id), company: company.id) != nil,
            let quiz = try await env.store.quiz(manual: .init(id), company: company.id)
        else { throw WebError.notFound }
        return quiz
    }

    var checkRoutes: [APIRoute] {
        [
            APIRoute(method: .get, path: "/manuals/{id}/quiz", operationID: "getQuiz",
                     summary: "A manual's 理解度テスト as a taker sees it (no correct answers), with the caller's attempts used",
                     response: "Quiz") { _, context in
                let (identity, company) = try context.require { $0.account.role != .association }
                let quiz = try await takerQuiz(manual: try context.parameters.id(), company: company)
                var body = QuizJSON(
                    id: quiz.id.rawValue, manualID: quiz.manualID.rawValue, passPercent: quiz.passPercent, passMark: quiz.passMark,
                    attemptsAllowed: quiz.attemptsAllowed,
                    questions: quiz.questions.map {
                        QuizQuestionJSON(text: $0.text, choices: $0.choices, multipleAnswers: $0.multipleAnswers, stillAt: $0.stillAt)
                    })
                if let employee = identity.account.employeeID {
                    let attempts = try await env.store.quizAttempts(company: company.id, quiz: quiz.id, employee: employee)
                    body.attemptsUsed = attempts.count
                    body.passed = attempts.contains(where: \.passed)
                    body.mayAttempt = QuizScoring.mayAttempt(quiz, attempts: attempts)
                }
                return try JSONResponse.make(body)
            },
            APIRoute(method: .post, path: "/manuals/{id}/quiz/attempts", operationID: "attemptQuiz",
                     summary: "Answer the quiz (indexes in the quiz's own order); scored and recorded; 409 when no attempts are left or it was passed",
                     response: "QuizResult", body: "QuizAnswers") { request, context in
                let (identity, company) = try context.require { $0.account.employeeID != nil && $0.account.role != .association }
                let quiz = try await takerQuiz(manual: try context.parameters.id(), company: company)
                let input: QuizAnswersJSON
                do { input = try await request.decode(as: QuizAnswersJSON.self, context: context) } catch {
                    throw WebError.badRequest("JSONが正しくありません。", "The JSON body is not a QuizAnswers.")
                }
                guard input.answers.count == quiz.questions.count,
                    zip(input.answers, quiz.questions).allSatisfy({ answer, question in answer.allSatisfy(question.choices.indices.contains) })
                else {
                    throw WebError.badRequest("問題ごとに選択肢の番号を答えてください。",
                                              "answers needs one list of choice indexes per question (\(quiz.questions.count)).")
                }
                do {
                    let (attempt, result) = try await env.store.attemptQuiz(
                        quiz.id, employee: identity.account.employeeID!, answers: input.answers.map { Set($0) }, company: company.id,
                        by: identity.account.login)
                    return try JSONResponse.make(
                        QuizResultJSON(attempt: Self.json(attempt, manual: quiz.manualID), percent: result.percent,
                                       marks: result.marks.map { QuizMarkJSON(chosen: $0.chosen.sorted(), correct: $0.correct.sorted(), right: $0.right) }),
                        status: .created)
                } catch StoreError.invalid(let message) {
                    throw WebError(.conflict, storeMessage: message)
                } catch StoreError.notFound {
                    throw WebError.notFound
                }
            },
            APIRoute(method: .get, path: "/quiz-attempts", operationID: "listQuizAttempts",
                     summary: "Quiz attempts: one's own, or of the people one may view (404 for anyone else's employee id)",
                     response: "QuizAttempt", list: true, query: ["employee"]) { request, context in
                let (identity, company) = try context.require { $0.account.role != .association }
                var wanted: Employee.ID?
                if let text = request.query("employee") {
                    wanted = try await env.visibleEmployee(Int64(text), identity, company: company).id
                }
                let people = Dictionary(uniqueKeysWithValues: try await env.store.employees(company: company.id, filter: .init()).map { ($0.id, $0) })
                let manuals = Dictionary(uniqueKeysWithValues: try await env.store.quizzes(company: company.id).map { ($0.id, $0.manualID) })
                let rows = try await env.store.quizAttempts(company: company.id, quiz: nil, employee: wanted).filter { attempt in
                    attempt.employeeID == identity.account.employeeID || people[attempt.employeeID].map(identity.policy.canViewEmployee) == true
                }
                return try JSONResponse.make(rows.map { Self.json($0, manual: manuals[$0.quizID]) })
            },
        ]
    }
}

extension OpenAPIDocument {
    /// Schemas of the quiz operations.
    nonisolated(unsafe) static let checkSchemas: [String: Any] = [
        "QuizQuestion": object(
            ["text": string(), "choices": array(string()), "multipleAnswers": string("boolean"), "stillAt": nullable("number")],
            required: ["text", "choices", "multipleAnswers"]),
        "Quiz": object(
            ["id": string("integer"), "manualID": string("integer"), "passPercent": string("integer"), "passMark": string("integer"),
             "attemptsAllowed": nullable("integer"), "questions": array(ref("QuizQuestion")), "attemptsUsed": nullable("integer"),
             "passed": nullable("boolean"), "mayAttempt": nullable("boolean")],
            required: ["id", "manualID", "passPercent", "passMark", "questions"]),
        "QuizAnswers": object(["answers": array(array(string("integer")))], required: ["answers"]),
        "QuizAttempt": object(
            ["id": string("integer"), "quizID": string("integer"), "manualID": nullable("integer"), "employeeID": string("integer"),
             "manualRevision": string("integer"), "answers": array(array(string("integer"))), "right": string("integer"),
             "total": string("integer"), "passed": string("boolean"), "takenAt": string()],
            required: ["id", "quizID", "employeeID", "manualRevision", "answers", "right", "total", "passed", "takenAt"]),
        "QuizMark": object(["chosen": array(string("integer")), "correct": array(string("integer")), "right": string("boolean")],
                           required: ["chosen", "correct", "right"]),
        "QuizResult": object(["attempt": ref("QuizAttempt"), "percent": string("integer"), "marks": array(ref("QuizMark"))],
                             required: ["attempt", "percent", "marks"]),
    ]
}
