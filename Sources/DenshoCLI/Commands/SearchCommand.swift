import ArgumentParser
import DenshoDomain

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search employees and skills by name, reading or code (Japanese-aware).")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "Words to find (e.g. 旋盤, ヤマダ, TIG).") var query: String
    @Option(help: "Maximum number of hits.") var limit: Int = 20

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        var table = DataTable([("kind", "種類"), ("id", "ID"), ("title", "名前"), ("snippet", "一致")])
        for hit in try await context.store.search(query, company: company.id, limit: limit) {
            table.append([.text(hit.kind), .int(Int(hit.id)), .text(hit.title), .text(hit.snippet)])
        }
        context.output.print(table)
    }
}
