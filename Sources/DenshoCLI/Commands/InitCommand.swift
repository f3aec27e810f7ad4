import ArgumentParser
import DenshoDomain
import Foundation
import DenshoWeb

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a company and its first administrator account.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Short company code used in commands (e.g. yanagisawa).")
    var code: String

    @Option(help: "Company name (e.g. 株式会社柳澤鉄工所).")
    var name: String

    @Option(help: "Login of the first administrator.")
    var admin: String = "admin"

    @Option(name: .customLong("admin-name"), help: "Display name of the administrator.")
    var adminName: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the administrator's password from standard input.")
    var passwordFromStdin = false

    func validate() throws {
        guard code.range(of: "^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$", options: .regularExpression) != nil else {
            throw ValidationError("--code takes letters, digits, '-' and '_' (at most 32), e.g. yanagisawa")
        }
    }

    func run() async throws {
        let context = try CLIContext(options)
        let password: String
        var generated = false
        if passwordFromStdin {
            guard let line = readLine(), PasswordHashing.problem(line) == nil else {
                throw CLIError.message("the password from standard input must have at least \(PasswordHashing.minimumLength) characters")
            }
            password = line
        } else if let fromEnvironment = ProcessInfo.processInfo.environment["DENSHO_ADMIN_PASSWORD"] {
            if let problem = PasswordHashing.problem(fromEnvironment) { throw CLIError.message("DENSHO_ADMIN_PASSWORD: \(problem.en)") }
            password = fromEnvironment
        } else {
            password = Self.randomPassword()
            generated = true
        }
        let company = try await context.store.createCompany(
            code: code, name: name,
            admin: NewAccount(login: admin, displayName: adminName ?? admin, role: .admin,
                              passwordHash: PasswordHashing.hash(password)))
        print("Created \(company.name) (\(company.code)) with administrator '\(admin)'.")
        if generated { print("Initial password: \(password)  (change it after the first login)") }
        print("Next: densho dept add 機械加工, densho skill add …, or densho import employees FILE.csv")
    }

    /// 16 characters without look-alikes (0/O, 1/l/I).
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
