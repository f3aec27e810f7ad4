import ArgumentParser
import DenshoDomain

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Record, list and approve skill evaluations (評価).",
        subcommands: [Add.self, List.self, Approve.self, Reject.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an evaluation. Supervisor evaluations count at once; self-assessments wait for approval.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Employee: 社員番号 or name.") var employee: String
        @Argument(help: "Skill code or name.") var skill: String
        @Argument(help: "Level on the company's scale.") var level: Int
        @Option(help: "評価日 (default: today).") var date: LocalDate?
        @Option(help: "Evaluator: 社員番号 or name.") var by: String?
        @Flag(name: .customLong("self"), help: "A self-assessment (自己評価), pending until approved.") var isSelf = false
        @Option(help: "備考.") var note: String = ""

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let e = try await resolver.employee(employee)
            let s = try await resolver.skill(skill)
            let evaluator = try await by.asyncMap { try await resolver.employee($0) }
            let kind: EvaluationKind = isSelf ? .self : .supervisor
            let evaluation = try await context.store.addEvaluation(
                Evaluation(id: .init(0), employeeID: e.id, skillID: s.id, level: try await resolver.level(level),
                           evaluatorID: evaluator?.id ?? (isSelf ? e.id : nil), evaluatedOn: date ?? context.today,
                           note: note, kind: kind, state: Evaluation.initialState(for: kind)),
                company: company.id, by: context.actor)
            print("Recorded #\(evaluation.id): \(e.name) · \(s.name) → \(level) (\(evaluation.state.label)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List evaluation history.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this employee.") var employee: String?
        @Option(help: "Only this skill.") var skill: String?
        @Flag(help: "Only self-assessments waiting for approval.") var pending = false

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let e = try await employee.asyncMap { try await resolver.employee($0) }
            let s = try await skill.asyncMap { try await resolver.skill($0) }
            let evaluations = try await context.store.evaluations(
                company: company.id, employee: e?.id, skill: s?.id, state: pending ? .pending : nil)
            let employees = try await resolver.employeesByID()
            let skills = try await resolver.skillsByID()
            var table = DataTable([("id", "ID"), ("date", "評価日"), ("number", "社員番号"), ("name", "氏名"), ("skill", "スキル"),
                                   ("level", "レベル"), ("kind", "区分"), ("state", "状態"), ("evaluator", "評価者"), ("note", "備考")])
            for v in evaluations {
                table.append([.int(Int(v.id.rawValue)), .text(v.evaluatedOn.slashed), Cell(employees[v.employeeID]?.number),
                              Cell(employees[v.employeeID]?.name), Cell(skills[v.skillID].map { "\($0.code) \($0.name)" }),
                              .int(v.level), .text(v.kind.label), .text(v.state.label),
                              Cell(v.evaluatorID.flatMap { employees[$0]?.name }), .text(v.note)])
            }
            context.output.print(table)
        }
    }

    /// Shared by approve and reject.
    struct Decision: ParsableArguments {
        @Argument(help: "Evaluation ID (from `densho eval list --pending`).") var id: Int64
        @Option(help: "Who decides: 社員番号 or name of the supervisor.") var by: String?
    }

    static func decide(_ options: GlobalOptions, _ decision: Decision, approve: Bool) async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        let resolver = Resolver(context: context, company: company)
        let supervisor = try await decision.by.asyncMap { try await resolver.employee($0) }
        let result = try await context.store.decide(
            Evaluation.ID(decision.id), approve: approve, decidedBy: supervisor?.id, company: company.id, by: context.actor)
        print("Evaluation #\(result.id): \(result.state.label).")
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a pending self-assessment.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var decision: Decision
        func run() async throws { try await EvalCommand.decide(options, decision, approve: true) }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a pending self-assessment back (差し戻し).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var decision: Decision
        func run() async throws { try await EvalCommand.decide(options, decision, approve: false) }
    }
}
