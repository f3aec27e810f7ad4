import ArgumentParser
import DenshoDomain
import Foundation
import HummingbirdBcrypt

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
            guard let password = readLine(strippingNewline: true), password.count >= 10 else {
                throw CLIError.message("give a password of at least 10 characters on standard input")
            }
            let account = try await context.store.addAccount(
                NewAccount(login: login, displayName: name, role: .association, passwordHash: Bcrypt.hash(password, cost: 12)),
                company: nil, employee: nil, by: context.actor)
            print("Added association login \(account.login).")
        }
    }
}
