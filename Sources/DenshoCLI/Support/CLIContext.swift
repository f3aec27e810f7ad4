import ArgumentParser
import DenshoDomain
import DenshoStore
import Foundation

/// What a command works with: the open store, the chosen company, today's date and who is acting.
struct CLIContext {
    /// Commands see only the repository protocols; SQLite is chosen here and nowhere else.
    let store: any DenshoRepository
    /// Where the database lives, for messages.
    let databasePath: String
    let options: GlobalOptions
    let today: LocalDate
    /// Recorded in the audit log for every change made from the command line.
    let actor: String

    init(_ options: GlobalOptions) throws {
        self.options = options
        let store = try SQLiteStore(dataDirectory: options.resolvedDataDirectory)
        self.store = store
        self.databasePath = store.path
        self.today = try options.today()
        self.actor = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown")
    }

    /// The company to work on: `--company`, `$DENSHO_COMPANY`, or the only one there is.
    func company() async throws -> Company {
        let companies = try await store.companies()
        if let code = options.company ?? ProcessInfo.processInfo.environment["DENSHO_COMPANY"] {
            if let company = companies.first(where: { $0.code.lowercased() == code.lowercased() }) { return company }
            throw CLIError.unknown("company", code, candidates: companies.map(\.code))
        }
        switch companies.count {
        case 0: throw CLIError.message("no company yet: run `densho init` (or `densho demo` for demo data)")
        case 1: return companies[0]
        default:
            throw CLIError.message(
                "this installation serves several companies (\(companies.map(\.code).joined(separator: ", "))): "
                    + "choose one with --company CODE or DENSHO_COMPANY")
        }
    }

    var output: Output { Output(format: options.format) }
}

/// Errors shown to the user as one clear line; the exit code is 1.
enum CLIError: Error, CustomStringConvertible {
    case message(String)

    static func unknown(_ what: String, _ value: String, candidates: [String]) -> CLIError {
        let close = NameMatcher.closeMatches(for: value, in: candidates)
        return .message("unknown \(what) '\(value)'"
            + (close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?"))
    }

    var description: String {
        switch self {
        case .message(let text): text
        }
    }
}
