import ArgumentParser
import DenshoDomain

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit log: who changed what, and when.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Number of entries, newest first.") var limit: Int = 30

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        var table = DataTable([("at", "日時 (UTC)"), ("actor", "実行者"), ("entity", "対象"), ("id", "ID"), ("action", "操作"),
                               ("before", "変更前"), ("after", "変更後")])
        for entry in try await context.store.auditLog(company: company.id, limit: limit) {
            let short = { (text: String?) in text.map { $0.count > 60 && context.options.format == .table ? String($0.prefix(59)) + "…" : $0 } }
            table.append([.text(entry.at), .text(entry.actor), .text(entry.entity), .int(Int(entry.entityID)), .text(entry.action),
                          Cell(short(entry.before)), Cell(short(entry.after))])
        }
        context.output.print(table)
    }
}
