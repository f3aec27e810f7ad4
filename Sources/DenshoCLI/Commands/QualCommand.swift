import ArgumentParser
import DenshoDomain

struct QualCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qual", abstract: "Manage qualifications and licences (資格) and who holds them.",
        subcommands: [Add.self, List.self, Grant.self, Renew.self, Held.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a qualification to the catalogue.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Name (e.g. 玉掛け技能講習).") var name: String
        @Option(help: "発行機関.") var issuer: String = ""
        @Option(name: .customLong("validity-years"), help: "Years a certificate stays valid, if it must be renewed.")
        var validityYears: Int?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            _ = try await context.store.addQualification(
                Qualification(id: .init(0), companyID: company.id, name: name, issuer: issuer, validityYears: validityYears),
                by: context.actor)
            print("Added qualification \(name).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the qualification catalogue with holder counts.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let held = try await context.store.heldQualifications(company: company.id, employee: nil)
            let active = Set(try await context.store.employees(company: company.id, filter: EmployeeFilter(activeOn: context.today)).map(\.id))
            var table = DataTable([("name", "資格"), ("issuer", "発行機関"), ("validity_years", "有効年数"), ("holders", "保有者")])
            for q in try await context.store.qualifications(company: company.id) {
                let holders = Set(held.filter { $0.qualificationID == q.id && active.contains($0.employeeID) && $0.isValid(on: context.today) }.map(\.employeeID))
                table.append([.text(q.name), .text(q.issuer), Cell(q.validityYears), .int(holders.count)])
            }
            context.output.print(table)
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an employee obtained a qualification.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Employee: 社員番号 or name.") var employee: String
        @Argument(help: "Qualification name.") var qualification: String
        @Option(help: "取得日.") var acquired: LocalDate
        @Option(help: "有効期限 (default: from the qualification's validity years).") var expires: LocalDate?
        @Option(help: "Certificate number.") var certificate: String = ""

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let e = try await resolver.employee(employee)
            let q = try await resolver.qualification(qualification)
            let held = try await context.store.grant(
                HeldQualification(id: .init(0), employeeID: e.id, qualificationID: q.id, acquiredOn: acquired,
                                  expiresOn: expires ?? q.validityYears.map { acquired.adding(years: $0) },
                                  certificateNumber: certificate),
                company: company.id, by: context.actor)
            print("#\(held.id) \(e.name): \(q.name)" + (held.expiresOn.map { " (有効期限 \($0.slashed))" } ?? ""))
        }
    }

    struct Renew: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a renewal: set a held qualification's new expiry.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Held qualification ID (from `densho qual held`).") var id: Int64
        @Option(help: "New expiry date.") var expires: LocalDate

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            try await context.store.renew(HeldQualification.ID(id), expiresOn: expires, company: company.id, by: context.actor)
            print("#\(id): 有効期限 \(expires.slashed).")
        }
    }

    struct Held: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List qualifications held.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this employee.") var employee: String?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let e = try await employee.asyncMap { try await resolver.employee($0) }
            let employees = try await resolver.employeesByID()
            let qualifications = try await resolver.qualificationNames()
            var table = DataTable([("id", "ID"), ("number", "社員番号"), ("name", "氏名"), ("qualification", "資格"),
                                   ("acquired", "取得日"), ("expires", "有効期限"), ("certificate", "証明書番号")])
            for h in try await context.store.heldQualifications(company: company.id, employee: e?.id) {
                table.append([.int(Int(h.id.rawValue)), Cell(employees[h.employeeID]?.number), Cell(employees[h.employeeID]?.name),
                              Cell(qualifications[h.qualificationID]), .text(h.acquiredOn.slashed), Cell(h.expiresOn?.slashed),
                              .text(h.certificateNumber)])
            }
            context.output.print(table)
        }
    }
}
