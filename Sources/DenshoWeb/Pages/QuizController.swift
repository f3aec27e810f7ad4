import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird

/// 理解度テスト per manual. Supervisors and admins write it (`canWriteChecks`) and see who took it;
/// anyone with an employee record takes it on their phone after watching. The editor is only for
/// writers: staff opening it get 403, as for every other writers' page, and find the quiz through
/// the manual's "take" link. Correct answers reach the browser only on the result page.
struct QuizController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/manuals/{id}/quiz", use: edit)
        router.post("/manuals/{id}/quiz", use: save)
        router.get("/manuals/{id}/quiz/take", use: take)
        router.post("/manuals/{id}/quiz/attempts", use: attempt)
    }

    struct ChoiceField { var position: Int; var label: String; var text: String; var correct: Bool; var textName: String; var correctName: String }
    struct QuestionField { var index: Int; var label: String; var text: String; var still: String; var choices: [ChoiceField] }
    struct AttemptRow { var name: String; var number: String; var count: Int; var best: String; var passed: Bool; var last: String }
    struct EditView {
        var manualID: String
        var manualTitle: String
        /// A quiz is saved (the attempts table and the take link show).
        var exists: Bool
        var hasClip: Bool
        var questions: [QuestionField]
        var pass: String
        var attempts: String
        var error: String?
        var saved: Bool
        var attemptRows: [AttemptRow]
        var hasAttempts: Bool
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteChecks }
        let manual = try await manual(context, company)
        let quiz = try await env.store.quiz(manual: manual.id, company: company.id)
        return try await renderEditor(manual, quiz: quiz, form: QuizForm(quiz), identity: identity, company: company, context: context,
                                      error: nil, saved: request.query("saved") != nil, status: .ok)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canWriteChecks }
        let manual = try await manual(context, company)
        var request = request
        let form = QuizForm(form: try await request.form(context: context))
        let existing = try await env.store.quiz(manual: manual.id, company: company.id)
        let message: String
        let quiz: Quiz
        // Checked here as well as in the store: the refusal comes back in the reader's language.
        do throws(CheckError) {
            let parsed = try form.parsed()
            quiz = try Quiz(id: existing?.id ?? .init(0), companyID: company.id, manualID: manual.id, questions: parsed.questions,
                            passPercent: parsed.passPercent, attemptsAllowed: parsed.attemptsAllowed, updatedBy: identity.account.login)
                .validated()
        } catch {
            return try await renderEditor(manual, quiz: existing, form: form, identity: identity, company: company, context: context,
                                          error: context.language == .ja ? error.japanese : error.english, saved: false, status: .badRequest)
        }
        do {
            _ = try await env.store.saveQuiz(quiz, by: identity.account.login)
            return .redirect(to: "/manuals/\(manual.id)/quiz?saved=1", type: .normal)
        } catch StoreError.invalid(let text) {
            message = WebError(.badRequest, storeMessage: text).message(context.language)
        } catch StoreError.notFound {
            throw WebError.notFound
        }
        // What was typed comes back with the reason, not an error page.
        return try await renderEditor(manual, quiz: existing, form: form, identity: identity, company: company, context: context,
                                      error: message, saved: false, status: .badRequest)
    }

    func renderEditor(
        _ manual: Manual, quiz: Quiz?, form: QuizForm, identity: Identity, company: Company, context: AppRequestContext,
        error: String?, saved: Bool, status: HTTPResponse.Status
    ) async throws -> Response {
        let language = context.language
        let questions: [QuestionField] = form.shownSlots.enumerated().map { index, slot in
            QuestionField(
                index: index, label: Self.fill(language.text("quizQuestionN"), ["n": String(index + 1)]), text: slot.text, still: slot.still,
                choices: slot.choices.enumerated().map { position, text in
                    ChoiceField(position: position, label: Self.fill(language.text("quizChoiceN"), ["n": String(position + 1)]), text: text,
                                correct: slot.correct.contains(position), textName: "choice\(index)", correctName: "correct\(index)")
                })
        }
        var rows: [AttemptRow] = []
        if let quiz {
            let attempts = try await env.store.quizAttempts(company: company.id, quiz: quiz.id, employee: nil)
            let people = Dictionary(uniqueKeysWithValues: try await env.store.employees(company: company.id, filter: .init()).map { ($0.id, $0) })
            // A supervisor sees the results of the people they may see, as everywhere else.
            rows = Dictionary(grouping: attempts, by: \.employeeID).compactMap { entry -> AttemptRow? in
                let list = entry.value
                guard let person = people[entry.key], identity.policy.canViewEmployee(person), let best = list.max(by: { $0.right < $1.right })
                else {
                    return nil
                }
                return AttemptRow(name: person.name, number: person.number, count: list.count, best: "\(best.right)/\(best.total)",
                                  passed: list.contains(where: \.passed), last: String((list.last?.takenAt ?? "").prefix(10)))
            }.sorted { $0.number < $1.number }
        }
        let view = EditView(
            manualID: manual.id.description, manualTitle: manual.title, exists: quiz != nil, hasClip: manual.clipID != nil,
            questions: questions, pass: form.pass, attempts: form.attempts, error: error, saved: saved && quiz != nil,
            attemptRows: rows, hasAttempts: !rows.isEmpty)
        return env.renderer.page(.quizEdit, title: "\(language.text("quizTitle")) — \(manual.title)", context: context, data: view,
                                 status: status, section: "manuals")
    }

    func manual(_ context: AppRequestContext, _ company: Company) async throws -> Manual {
        guard let manual = try await env.store.manual(.init(try context.parameters.id()), company: company.id) else {
            throw WebError.notFound
        }
        return manual
    }

    /// The shuffle of one person's next attempt: the same on every reload, another after each
    /// attempt, different between people (so neighbours on the floor do not share "the third one").
    static func seed(employee: Employee.ID, quiz: Quiz.ID, attempts: Int) -> UInt64 {
        let person: UInt64 = UInt64(bitPattern: employee.rawValue) &* 0x9E37_79B9_7F4A_7C15
        let test: UInt64 = UInt64(bitPattern: quiz.rawValue) &* 0xBF58_476D_1CE4_E5B9
        return (person ^ test) &+ UInt64(max(0, attempts))
    }

    /// A UI string with its `{name}` parts filled in.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    /// "受験回数 1 / 3" (or "/ 無制限").
    static func used(_ count: Int, of quiz: Quiz, _ language: Language) -> String {
        fill(language.text("quizUsed"), ["used": String(count), "allowed": quiz.attemptsAllowed.map { String($0) } ?? language.text("quizUnlimited")])
    }

    /// "合格ライン: 5問中4問" (no word for "correct": the take page must not say which choice is).
    static func passRule(_ quiz: Quiz, _ language: Language) -> String {
        fill(language.text("quizPassRule"), ["total": String(quiz.questions.count), "mark": String(quiz.passMark)])
    }
}
