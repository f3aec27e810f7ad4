import ArgumentParser
import DenshoDomain

struct DeptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dept", abstract: "Manage departments (部署).",
        subcommands: [Add.self, List.self, Rename.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a department.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Department name (e.g. 機械加工).") var name: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let department = try await context.store.addDepartment(name: name, company: company.id, by: context.actor)
            print("Added department \(department.name).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List departments with their headcount.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let employees = try await context.store.employees(company: company.id, filter: EmployeeFilter(activeOn: context.today))
            var table = DataTable([("name", "部署"), ("employees", "人数")])
            for d in try await context.store.departments(company: company.id) {
                table.append([.text(d.name), .int(employees.filter { $0.departmentID == d.id }.count)])
            }
            context.output.print(table)
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a department.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Current name.") var name: String
        @Argument(help: "New name.") var newName: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let department = try await resolver.department(name)
            try await context.store.renameDepartment(department.id, to: newName, company: company.id, by: context.actor)
            print("Renamed \(name) to \(newName).")
        }
    }
}
