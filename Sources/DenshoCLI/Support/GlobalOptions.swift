import ArgumentParser
import DenshoDomain
import Foundation

/// How data is printed.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv
}

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Data directory holding densho.sqlite and media (default: $DENSHO_DATA or ./Media).", valueName: "dir"))
    var dataDirectory: String?

    @Option(name: .long, help: ArgumentHelp(
        "Company code, when the installation serves several (default: $DENSHO_COMPANY, or the only company).",
        valueName: "code"))
    var company: String?

    @Option(name: .long, help: "Output format for data: table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Evaluate as of this date instead of today in Japan (2025-04-01, 2025/4/1, 令和7年4月1日).", valueName: "date"))
    var asOf: String?

    /// The data directory: `--data-dir`, then `$DENSHO_DATA`, then `Media` in the current directory.
    var resolvedDataDirectory: String {
        dataDirectory ?? ProcessInfo.processInfo.environment["DENSHO_DATA"] ?? "Media"
    }

    func today() throws -> LocalDate {
        guard let text = asOf ?? ProcessInfo.processInfo.environment["DENSHO_TODAY"] else { return LocalDate(Date()) }
        guard let date = LocalDate(parsing: text) else { throw ValidationError("'\(text)' is not a date") }
        return date
    }
}

extension GlobalOptions {
    /// Options that may be written before the subcommand (`densho --data-dir X skillmap`).
    static let globalNames = ["--data-dir", "--company", "--format", "--as-of"]

    /// Moves global options written before the subcommand to after it, where every subcommand's
    /// `@OptionGroup` parses them; ArgumentParser does not pass a parent's options down.
    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first, let name = globalNames.first(where: { first == $0 || first.hasPrefix($0 + "=") }) {
            leading.append(first)
            rest = rest.dropFirst()
            if first == name, let value = rest.first {
                leading.append(value)
                rest = rest.dropFirst()
            }
        }
        guard !leading.isEmpty else { return arguments }
        var result = Array(rest)
        let end = result.firstIndex(of: "--") ?? result.endIndex
        result.insert(contentsOf: leading, at: end)
        return result
    }
}
