import ArgumentParser
import DenshoDomain
import Foundation

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the database (safe while Densho is running and writing).")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "Backup file to write (replaced atomically).") var file: String

    func run() async throws {
        let context = try CLIContext(options)
        try await context.store.backup(to: file)
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("Backed up \(context.databasePath) to \(file) (\(size / 1024) KiB).")
    }
}
