/// Why a store operation was refused. Messages are English (CLI); the web layer maps them.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A record was not found in the caller's company (another company's ids look the same).
    case notFound(entity: String, key: String)
    /// A unique name or code is already taken.
    case duplicate(entity: String, key: String)
    /// A value breaks a rule (level outside the scale, a date before hiring …).
    case invalid(String)
    /// The database was written by a newer Densho: refuse rather than damage it.
    case newerSchema(unknownMigrations: [String])

    public var description: String {
        switch self {
        case .notFound(let entity, let key): "no \(entity) '\(key)' in this company"
        case .duplicate(let entity, let key): "\(entity) '\(key)' already exists"
        case .invalid(let message): message
        case .newerSchema(let names):
            "this database was written by a newer version of Densho (unknown migrations: "
                + names.joined(separator: ", ") + "); upgrade Densho instead of using this version"
        }
    }
}
