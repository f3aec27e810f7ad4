import ArgumentParser
import DenshoDomain
import Foundation
import DenshoWeb

/// The association (産業未来創造会) that rolls Densho out to member companies: its logins see
/// aggregated figures across companies and no personal records.
struct AssociationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "association", abstract: "Logins for the association: aggregated KPIs across member companies only.",
        subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an association login (password from standard input).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Login name.") var login: String
        @Option(help: "Display name.") var name: String = "産業未来創造会 事務局"

        func run() async throws {
            let context = try CLIContext(options)
            guard let password = readLine(strippingNewline: true), PasswordHashing.problem(password) == nil else {
                throw CLIError.message("give a password of at least \(PasswordHashing.minimumLength) characters on standard input")
            }
            let account = try await context.store.addAccount(
                NewAccount(login: login, displayName: name, role: .association, passwordHash: PasswordHashing.hash(password)),
                company: nil, employee: nil, by: context.actor)
            print("Added association login \(account.login).")
        }
    }
}
