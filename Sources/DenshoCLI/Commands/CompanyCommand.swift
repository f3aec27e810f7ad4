import ArgumentParser
import DenshoDomain
import DenshoInterchange
import Foundation
import DenshoWeb

struct CompanyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "company", abstract: "List companies and change company settings.",
        subcommands: [List.self, Show.self, Set.self, ExportTemplate.self, ImportTemplate.self], defaultSubcommand: List.self)

    struct ExportTemplate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-template",
            abstract: "Write the skill catalogue, level scale, qualifications and career tracks as a template (no personal data).")
        @OptionGroup var options: GlobalOptions
        @Option(name: [.short, .customLong("output")], help: "JSON file to write.") var output: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let template = try await CompanyTemplate.export(company: company, from: context.store, on: context.today)
            try template.encoded().write(to: URL(fileURLWithPath: output), options: .atomic)
            print("Wrote \(output): \(template.skills.count) skills, \(template.qualifications.count) qualifications, "
                + "\(template.tracks.count) career tracks.")
        }
    }

    struct ImportTemplate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-template",
            abstract: "Start a new member company from another company's template (password of its administrator on standard input).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Template JSON file.") var file: String
        @Option(help: "Code of the new company.") var code: String
        @Option(help: "Name of the new company.") var name: String
        @Option(help: "Login of its first administrator.") var admin: String = "admin"

        func run() async throws {
            let context = try CLIContext(options)
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.message("cannot read \(file)") }
            let template = try CompanyTemplate.decode(data, file: (file as NSString).lastPathComponent)
            guard let password = readLine(strippingNewline: true), PasswordHashing.problem(password) == nil else {
                throw CLIError.message("give the administrator's password (at least \(PasswordHashing.minimumLength) characters) on standard input")
            }
            let account = NewAccount(login: admin, displayName: "\(name) 管理者", role: .admin, passwordHash: PasswordHashing.hash(password))
            let company = try await context.store.seed(template.dataset(code: code, name: name, admin: account), by: context.actor)
            print("Created \(company.name) (\(company.code)) from \(template.source)'s template: \(template.skills.count) skills, "
                + "\(template.tracks.count) career tracks. Log in as \(admin).")
        }
    }

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
                let settings = try await context.store.settings(company: company.id)
                print("\(company.name) (\(company.code))  定年 \(company.retirementAge)歳  多能工: レベル2以上が\(company.multiSkillThreshold)スキル以上")
                print("採用ページ: \(settings.recruitingURL ?? "未設定")  公開URL: \(settings.publicBaseURL ?? "未設定")")
                for program in settings.supportPrograms { print("支援: \(program)") }
                print("")
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
        @Option(name: .customLong("recruiting-url"), help: "Where the career-path sheet's QR code leads (empty to remove).")
        var recruitingURL: String?
        @Option(name: .customLong("base-url"), help: "The address staff open Densho at; 作業標準書 QR codes point there.")
        var baseURL: String?
        @Option(name: .customLong("support"), help: "What the company supports (資格取得支援 …); repeat for each line.")
        var support: [String] = []
        @Flag(name: .customLong("clear-support"), help: "Remove the listed support programmes.") var clearSupport = false
        @Option(name: .customLong("recruiting-message"), help: "A line for applicants on the career-path sheet.")
        var recruitingMessage: String?

        func validate() throws {
            for url in [recruitingURL, baseURL].compactMap({ $0 }) where !url.isEmpty {
                guard CompanySettings.isWebAddress(url) else {
                    throw ValidationError("'\(url)' is not an http(s) URL")
                }
            }
        }

        func run() async throws {
            let context = try CLIContext(options)
            var company = try await context.company()
            if name != nil || retirementAge != nil || multiSkillThreshold != nil {
                if let name { company.name = name }
                if let retirementAge { company.retirementAge = retirementAge }
                if let multiSkillThreshold { company.multiSkillThreshold = multiSkillThreshold }
                try await context.store.updateCompany(company, by: context.actor)
            }
            if recruitingURL != nil || baseURL != nil || !support.isEmpty || clearSupport || recruitingMessage != nil {
                var settings = try await context.store.settings(company: company.id)
                if let recruitingURL { settings.recruitingURL = recruitingURL.isEmpty ? nil : recruitingURL }
                if let baseURL { settings.publicBaseURL = baseURL.isEmpty ? nil : baseURL }
                if clearSupport { settings.supportPrograms = [] }
                settings.supportPrograms += support
                if let recruitingMessage { settings.recruitingMessage = recruitingMessage }
                try await context.store.updateSettings(settings, company: company.id, by: context.actor)
            }
            print("Updated \(company.name) (\(company.code)).")
        }
    }
}
