import ArgumentParser
import DenshoDomain

struct TargetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target", abstract: "Set and track individual skill targets (個人目標).",
        subcommands: [Add.self, List.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a target level with a due date.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Employee: 社員番号 or name.") var employee: String
        @Argument(help: "Skill code or name.") var skill: String
        @Argument(help: "Target level.") var level: Int
        @Option(help: "Due date.") var due: LocalDate
        @Option(help: "備考.") var note: String = ""

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let e = try await resolver.employee(employee)
            let s = try await resolver.skill(skill)
            _ = try await context.store.addTarget(
                SkillTarget(id: .init(0), employeeID: e.id, skillID: s.id, level: try await resolver.level(level),
                            dueDate: due, note: note),
                company: company.id, by: context.actor)
            print("Target: \(e.name) · \(s.name) → \(level) by \(due.slashed).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List targets with whether they are met or overdue.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this employee.") var employee: String?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let e = try await employee.asyncMap { try await resolver.employee($0) }
            let matrix = try await context.store.matrix(company: company.id, department: nil, asOf: context.today)
            let employees = Dictionary(uniqueKeysWithValues: matrix.employees.map { ($0.id, $0) })
            let skills = try await resolver.skillsByID()
            var table = DataTable([("name", "氏名"), ("skill", "スキル"), ("current", "現在"), ("target", "目標"),
                                   ("due", "期限"), ("status", "状況"), ("note", "備考")])
            for t in try await context.store.targets(company: company.id, employee: e?.id) {
                guard let person = employees[t.employeeID] else { continue }
                let current = matrix.level(t.employeeID, t.skillID)
                let status = current >= t.level ? "達成" : t.dueDate < context.today ? "期限超過" : "取組中"
                table.append([.text(person.name), Cell(skills[t.skillID]?.name), .int(current), .int(t.level),
                              .text(t.dueDate.slashed), .text(status), .text(t.note)])
            }
            context.output.print(table)
        }
    }
}
