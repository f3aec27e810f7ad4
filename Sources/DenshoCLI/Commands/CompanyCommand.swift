import ArgumentParser
import DenshoDomain

struct CompanyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "company", abstract: "List companies and change company settings.",
        subcommands: [List.self, Show.self, Set.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the companies in this installation.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CLIContext(options)
            var table = DataTable([("code", "コード"), ("name", "会社名"), ("retirement_age", "定年"),
                                   ("multi_skill_threshold", "多能工の基準")])
            for c in try await context.store.companies() {
                table.append([.text(c.code), .text(c.name), .int(c.retirementAge), .int(c.multiSkillThreshold)])
            }
            context.output.print(table)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the company's settings and accounts.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            var table = DataTable([("login", "ログイン"), ("name", "表示名"), ("role", "権限")])
            for a in try await context.store.accounts(company: company.id) {
                table.append([.text(a.login), .text(a.displayName), .text(a.role.rawValue)])
            }
            if options.format == .table {
                print("\(company.name) (\(company.code))  定年 \(company.retirementAge)歳  多能工: レベル2以上が\(company.multiSkillThreshold)スキル以上\n")
            }
            context.output.print(table)
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the company's name or rules.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Company name.") var name: String?
        @Option(name: .customLong("retirement-age"), help: "定年 (50–80), used by the risk analysis.") var retirementAge: Int?
        @Option(name: .customLong("multi-skill-threshold"), help: "N in 多能工化率: level ≥2 in at least N skills.")
        var multiSkillThreshold: Int?

        func run() async throws {
            let context = try CLIContext(options)
            var company = try await context.company()
            if let name { company.name = name }
            if let retirementAge { company.retirementAge = retirementAge }
            if let multiSkillThreshold { company.multiSkillThreshold = multiSkillThreshold }
            try await context.store.updateCompany(company, by: context.actor)
            print("Updated \(company.name) (\(company.code)).")
        }
    }
}
