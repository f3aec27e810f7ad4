import ArgumentParser
import DenshoDomain
import Foundation

/// `densho signoff`: practical sign-offs (実技確認) recorded on the floor, and one in full.
struct SignOffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signoff", abstract: "Practical sign-offs (実技確認): the list, or one with its checklist marks.",
        discussion: "Sign-offs are recorded in the web app; a pass records the checklist's level in the 力量表 (method 実技確認).",
        subcommands: [List.self, Show.self])

    /// What every listing needs to name people and skills.
    struct Names {
        var people: [Employee.ID: Employee]
        var skills: [Skill.ID: Skill]

        init(_ context: CLIContext, _ company: Company) async throws {
            people = Dictionary(uniqueKeysWithValues: try await context.store.employees(company: company.id, filter: EmployeeFilter())
                .map { ($0.id, $0) })
            skills = Dictionary(uniqueKeysWithValues: try await context.store.skills(company: company.id, includeRetired: true)
                .map { ($0.id, $0) })
        }

        func person(_ id: Employee.ID) -> String { people[id].map { "\($0.number) \($0.name)" } ?? "#\(id.rawValue)" }
        func skill(_ id: Skill.ID) -> String { skills[id].map { "\($0.code) \($0.name)" } ?? "#\(id.rawValue)" }
    }

    static func acknowledged(_ signOff: SignOff) -> String { signOff.acknowledgedAt.map { "確認済 \($0)" } ?? "未確認" }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Sign-offs, newest first: date, trainee, skill, level, result, evaluator, acknowledged.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this trainee (社員番号 or name).") var employee: String?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let trainee = try await employee.asyncMap { try await Resolver(context: context, company: company).employee($0) }
            let names = try await Names(context, company)
            var table = DataTable([("id", "ID"), ("date", "実施日"), ("trainee", "対象者"), ("skill", "技能"), ("level", "レベル"),
                                   ("result", "結果"), ("ng", "NG"), ("evaluator", "評価者"), ("acknowledged", "本人確認")])
            let signOffs = try await context.store.signOffs(company: company.id, employee: trainee?.id)
            for signOff in signOffs.sorted(by: { ($0.signedOn, $0.id.rawValue) > ($1.signedOn, $1.id.rawValue) }) {
                table.append([
                    .int(Int(signOff.id.rawValue)), .text(signOff.signedOn.slashed), .text(names.person(signOff.traineeID)),
                    .text(names.skill(signOff.skillID)), .int(signOff.level), .text(signOff.passed ? "合格" : "不合格"), .int(signOff.ngCount),
                    .text(signOff.evaluatorName), .text(SignOffCommand.acknowledged(signOff)),
                ])
            }
            context.output.print(table)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One sign-off: the checklist's steps marked OK / NG with comments, feedback and evidence.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Sign-off ID (from `densho signoff list`).") var id: Int64

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            guard let signOff = try await context.store.signOffRecord(SignOff.ID(id), company: company.id) else {
                throw CLIError.message("no sign-off \(id) in \(company.code)")
            }
            if options.format == .json {
                context.output.printJSON(signOff)
                return
            }
            let names = try await Names(context, company)
            let checklist = try await context.store.checklist(signOff.checklistID, company: company.id)
            var manual = ""
            if let manualID = signOff.manualID, let found = try await context.store.manual(manualID, company: company.id) {
                manual = QuizCommand.label(found) + (signOff.manualRevision.map { " 第\($0)版" } ?? "")
            }
            var lines = [
                Terminal.paint("実技確認 #\(signOff.id.rawValue)  \(signOff.passed ? "合格" : "不合格")", .bold),
                "実施日      \(signOff.signedOn.slashed)",
                "対象者      \(names.person(signOff.traineeID))",
                "技能        \(names.skill(signOff.skillID))  レベル \(signOff.level)",
                "評価者      \(signOff.evaluatorName)",
                "チェックリスト \(checklist?.title ?? "#\(signOff.checklistID.rawValue)")",
            ]
            if !manual.isEmpty { lines.append("作業標準書  \(manual)") }
            lines.append("本人確認    \(SignOffCommand.acknowledged(signOff))")
            if let clip = signOff.evidenceClipID { lines.append("証拠の動画  clip \(clip.rawValue)") }
            if let evaluation = signOff.evaluationID { lines.append("力量表の記録 評価 #\(evaluation.rawValue)") }
            lines.append("所見        \(signOff.feedback)")
            print(lines.joined(separator: "\n") + "\n")
            var table = DataTable([("step", "No."), ("item", "手順"), ("key_point", "急所"), ("mark", "判定"), ("comment", "コメント")])
            for (index, mark) in signOff.marks.enumerated() {
                let item = checklist.flatMap { index < $0.items.count ? $0.items[index] : nil }
                table.append([.int(index + 1), Cell(item?.step), Cell(item?.keyPoint), .text(mark.ok ? "OK" : "NG"), .text(mark.comment)])
            }
            context.output.print(table)
        }
    }
}
