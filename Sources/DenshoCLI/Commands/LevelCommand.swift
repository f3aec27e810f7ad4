import ArgumentParser
import DenshoDomain

struct LevelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "level", abstract: "Show or edit the company's level scale (力量レベル).",
        subcommands: [List.self, Set.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the level scale.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            var table = DataTable([("level", "レベル"), ("symbol", "記号"), ("label", "意味")])
            for d in try await context.store.levelScale(company: company.id).levels {
                table.append([.int(d.level), .text(d.symbol), .text(d.label)])
            }
            context.output.print(table)
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Relabel a level, or add one above the top.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Level number (0–9).") var level: Int
        @Option(help: "What the level means.") var label: String?
        @Option(help: "Mark used in the skill map (e.g. ◎).") var symbol: String?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let scale = try await context.store.levelScale(company: company.id)
            guard (0...9).contains(level) else { throw ValidationError("levels run from 0 to 9") }
            if !scale.contains(level) && level != scale.range.upperBound + 1 {
                throw CLIError.message("level \(level) would leave a hole: the next new level is \(scale.range.upperBound + 1)")
            }
            let current = scale.definition(level)
            guard let label = label ?? current?.label, let symbol = symbol ?? current?.symbol else {
                throw ValidationError("a new level needs --label and --symbol")
            }
            try await context.store.setLevel(LevelDefinition(level: level, label: label, symbol: symbol), company: company.id,
                                             by: context.actor)
            print("Level \(level): \(symbol) \(label)")
        }
    }
}
