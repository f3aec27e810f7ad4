import ArgumentParser
import DenshoDomain
import Foundation

extension LocalDate: ExpressibleByArgument {
    /// Dates on the command line: 2024-04-01, 2024/4/1, 令和6年4月1日, R6.4.1.
    public init?(argument: String) { self.init(parsing: argument) }
}

/// `CODE=LEVEL` (a requirement) or `LEVEL=TEXT` (level wording) pairs.
struct KeyValue: ExpressibleByArgument {
    var key: String
    var value: String

    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "=") else { return nil }
        key = String(argument[..<eq]).trimmingCharacters(in: .whitespaces)
        value = String(argument[argument.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        if key.isEmpty { return nil }
    }
}
