import ArgumentParser
import DenshoDomain
import Foundation
import HummingbirdBcrypt

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create demo data: three Kazuno manufacturers with skills, evaluations, qualifications and careers.")

    @OptionGroup var options: GlobalOptions

    @Flag(name: .customLong("if-empty"), help: "Do nothing (and succeed) when the database already has companies.")
    var ifEmpty = false

    func run() async throws {
        let context = try CLIContext(options)
        let existing = try await context.store.companies()
        if ifEmpty && !existing.isEmpty { return }
        let datasets = DemoData.companies(asOf: context.today, passwordHash: Bcrypt.hash(DemoData.password, cost: 10))
        if let clash = datasets.first(where: { d in existing.contains { $0.code == d.code } }) {
            throw CLIError.message("demo company '\(clash.code)' already exists in \(context.databasePath)")
        }
        for dataset in datasets {
            let company = try await context.store.seed(dataset, by: context.actor)
            let active = dataset.employees.filter { $0.leaveDate == nil }.count
            print("\(company.name) (\(company.code)): \(active) employees, \(dataset.skills.count) skills, "
                + "\(dataset.evaluations.count) evaluations, \(dataset.heldQualifications.count) qualifications")
        }
        print("\nDemo logins (password: \(DemoData.password)): "
            + datasets.flatMap { $0.accounts.map(\.account.login) }.joined(separator: ", "))
        print("Try: densho --company hanawa skillmap --dept 機械加工   ·   densho --company hanawa risk")
    }
}
