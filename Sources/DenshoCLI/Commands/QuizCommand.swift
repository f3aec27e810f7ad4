import ArgumentParser
import DenshoDomain

/// `densho quiz`: the 理解度テスト written for manuals and the attempts people made.
struct QuizCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz", abstract: "Manual quizzes (理解度テスト): which manuals have one, and the results.",
        discussion: "Quizzes are written and taken in the web app; attempts are kept for good, each on the manual's 版 it was taken on.",
        subcommands: [List.self, Results.self])

    /// Manuals by id, for titles and 文書番号.
    static func manuals(_ context: CLIContext, _ company: Company) async throws -> [Manual.ID: Manual] {
        Dictionary(uniqueKeysWithValues: try await context.store.manuals(company: company.id, clip: nil).map { ($0.id, $0) })
    }

    /// 「KZ-M-012 NC旋盤 段取り」, or the title alone.
    static func label(_ manual: Manual?) -> String {
        guard let manual else { return "" }
        return manual.documentNumber.isEmpty ? manual.title : "\(manual.documentNumber) \(manual.title)"
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Manuals with a quiz: questions, pass mark, attempts allowed, attempts and people passed.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let manuals = try await QuizCommand.manuals(context, company)
            let attempts = Dictionary(grouping: try await context.store.quizAttempts(company: company.id, quiz: nil, employee: nil), by: \.quizID)
            var table = DataTable([("id", "ID"), ("manual", "作業標準書"), ("questions", "問題数"), ("pass_mark", "合格点"),
                                   ("attempts_allowed", "受験回数"), ("attempts", "受験"), ("passed", "合格者")])
            for quiz in try await context.store.quizzes(company: company.id) {
                let taken = attempts[quiz.id] ?? []
                table.append([
                    .int(Int(quiz.id.rawValue)), .text(QuizCommand.label(manuals[quiz.manualID])), .int(quiz.questions.count),
                    .text("\(quiz.passMark)/\(quiz.questions.count) (\(quiz.passPercent)%)"), Cell(quiz.attemptsAllowed),
                    .int(taken.count), .int(Set(taken.filter(\.passed).map(\.employeeID)).count),
                ])
            }
            context.output.print(table)
        }
    }

    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "results", abstract: "Every attempt, newest first: who, which manual and 版, score, pass or fail.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this person (社員番号 or name).") var employee: String?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let person = try await employee.asyncMap { try await Resolver(context: context, company: company).employee($0) }
            let people = Dictionary(uniqueKeysWithValues: try await context.store.employees(company: company.id, filter: EmployeeFilter())
                .map { ($0.id, $0) })
            let manuals = try await QuizCommand.manuals(context, company)
            let quizzes = Dictionary(uniqueKeysWithValues: try await context.store.quizzes(company: company.id).map { ($0.id, $0) })
            let attempts = try await context.store.quizAttempts(company: company.id, quiz: nil, employee: person?.id)
            var table = DataTable([("id", "ID"), ("taken_at", "受験日時"), ("number", "社員番号"), ("name", "氏名"), ("manual", "作業標準書"),
                                   ("revision", "版"), ("right", "正解"), ("total", "問題数"), ("result", "結果")])
            for attempt in attempts.sorted(by: { ($0.takenAt, $0.id.rawValue) > ($1.takenAt, $1.id.rawValue) }) {
                let who = people[attempt.employeeID]
                let manual = quizzes[attempt.quizID].flatMap { manuals[$0.manualID] }
                table.append([
                    .int(Int(attempt.id.rawValue)), .text(attempt.takenAt), Cell(who?.number), Cell(who?.name), .text(QuizCommand.label(manual)),
                    .int(attempt.manualRevision), .int(attempt.right), .int(attempt.total), .text(attempt.passed ? "合格" : "不合格"),
                ])
            }
            context.output.print(table)
        }
    }
}
