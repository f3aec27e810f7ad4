import ArgumentParser
import DenshoDomain

struct EmployeeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "employee", abstract: "Manage employees (社員).",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Retire.self, Story.self], defaultSubcommand: List.self)

    /// Fields shared by `add` and `edit`.
    struct Fields: ParsableArguments {
        @Option(help: "フリガナ (katakana).") var kana: String?
        @Option(name: .customLong("birth-year"), help: "生年 (e.g. 1998).") var birthYear: Int?
        @Option(help: "Department name.") var dept: String?
        @Option(help: "役職 (班長, 主任 …).") var position: String?
        @Option(help: "Grade code on a career track (e.g. G2).") var grade: String?

        func apply(to employee: inout Employee, resolver: Resolver) async throws {
            if let kana { employee.kana = kana }
            if let birthYear { employee.birthYear = birthYear }
            if let dept { employee.departmentID = dept.isEmpty ? nil : try await resolver.department(dept).id }
            if let position { employee.position = position }
            if let grade { employee.gradeID = grade.isEmpty ? nil : try await resolver.grade(grade).1.id }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an employee.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "社員番号.") var number: String
        @Argument(help: "氏名, family and given name separated by a space (\"山田 太郎\").") var name: String
        @Option(help: "入社日.") var hired: LocalDate
        @OptionGroup var fields: Fields

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            var employee = Employee(id: .init(0), companyID: company.id, number: number, name: name, hireDate: hired)
            try await fields.apply(to: &employee, resolver: Resolver(context: context, company: company))
            let saved = try await context.store.addEmployee(employee, by: context.actor)
            print("Added \(saved.number) \(saved.name).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List employees.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this department.") var dept: String?
        @Flag(help: "Include former employees.") var all = false

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let department = try await dept.asyncMap { try await resolver.department($0).id }
            let employees = try await context.store.employees(
                company: company.id, filter: EmployeeFilter(department: department, activeOn: all ? nil : context.today))
            let departments = try await resolver.departmentNames()
            let grades = try await resolver.gradeCodes()
            var table = DataTable([("number", "社員番号"), ("name", "氏名"), ("kana", "フリガナ"), ("department", "部署"),
                                   ("position", "役職"), ("grade", "等級"), ("hire_date", "入社日"), ("service_years", "勤続"),
                                   ("leave_date", "退職日")])
            for e in employees {
                table.append([.text(e.number), .text(e.name), .text(e.kana), Cell(e.departmentID.flatMap { departments[$0] }),
                              .text(e.position), Cell(e.gradeID.flatMap { grades[$0] }), .text(e.hireDate.slashed),
                              .int(e.serviceYears(on: e.leaveDate ?? context.today)), Cell(e.leaveDate?.slashed)])
            }
            context.output.print(table)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an employee: skills, qualifications, targets.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "社員番号 or name.") var employee: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let e = try await resolver.employee(employee)
            let store = context.store
            let skills = try await store.skills(company: company.id, includeRetired: true)
            let levels = try await store.levels(of: e.id, company: company.id)
            let scale = try await store.levelScale(company: company.id)
            let held = try await store.heldQualifications(company: company.id, employee: e.id)
            let qualifications = Dictionary(uniqueKeysWithValues: try await store.qualifications(company: company.id).map { ($0.id, $0) })
            let departments = try await store.departments(company: company.id)
            let tracks = try await store.tracks(company: company.id)
            let grade = tracks.flatMap(\.grades).first { $0.id == e.gradeID }
            if options.format == .json {
                struct Profile: Encodable {
                    var employee: Employee
                    var levels: [String: Int]
                    var qualifications: [HeldQualification]
                }
                context.output.printJSON(Profile(
                    employee: e,
                    levels: Dictionary(uniqueKeysWithValues: skills.compactMap { s in levels[s.id].map { (s.code, $0) } }),
                    qualifications: held))
                return
            }
            print(Terminal.paint("\(e.name)（\(e.kana)）", .bold) + "  社員番号 \(e.number)")
            print("部署 \(departments.first { $0.id == e.departmentID }?.name ?? "—")  役職 \(e.position.isEmpty ? "—" : e.position)"
                + "  等級 \(grade.map { "\($0.code) \($0.name)" } ?? "—")")
            print("入社 \(e.hireDate.japanese)（勤続\(e.serviceYears(on: context.today))年）"
                + (e.birthYear.map { "  \($0)年生まれ（\(context.today.year - $0)歳）" } ?? "")
                + (e.leaveDate.map { "  退職 \($0.japanese) \(e.leaveReason ?? "")" } ?? ""))
            print("\n" + Terminal.paint("スキル", .bold))
            var skillTable = DataTable([("code", "コード"), ("skill", "スキル"), ("level", "レベル"), ("label", "")])
            for s in skills where (levels[s.id] ?? 0) > 0 {
                let level = levels[s.id]!
                skillTable.append([.text(s.code), .text(s.name), .text("\(scale.symbol(level)) \(level)"),
                                   .text(scale.definition(level)?.label ?? "")])
            }
            print(Output(format: .table).renderTable(skillTable), terminator: "")
            print("\n" + Terminal.paint("資格", .bold))
            var qualificationTable = DataTable([("name", "資格"), ("acquired", "取得日"), ("expires", "有効期限")])
            for h in held {
                qualificationTable.append([.text(qualifications[h.qualificationID]?.name ?? "?"), .text(h.acquiredOn.slashed),
                                           Cell(h.expiresOn.map { $0 < context.today ? "\($0.slashed) 期限切れ" : $0.slashed })])
            }
            print(Output(format: .table).renderTable(qualificationTable), terminator: "")
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an employee's details.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "社員番号 or name.") var employee: String
        @Option(help: "New 氏名.") var name: String?
        @Option(help: "New 入社日.") var hired: LocalDate?
        @OptionGroup var fields: Fields

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            var e = try await resolver.employee(employee)
            if let name { e.name = name }
            if let hired { e.hireDate = hired }
            try await fields.apply(to: &e, resolver: resolver)
            try await context.store.updateEmployee(e, by: context.actor)
            print("Updated \(e.number) \(e.name).")
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that an employee left (退職). Their history is kept.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "社員番号 or name.") var employee: String
        @Option(help: "退職日 (default: today).") var date: LocalDate?
        @Option(help: "退職理由.") var reason: String = ""

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            var e = try await resolver.employee(employee)
            guard e.leaveDate == nil else { throw CLIError.message("\(e.name) already left on \(e.leaveDate!.slashed)") }
            e.leaveDate = date ?? context.today
            e.leaveReason = reason
            try await context.store.updateEmployee(e, by: context.actor)
            print("\(e.number) \(e.name): 退職 \(e.leaveDate!.slashed).")
        }
    }
}
