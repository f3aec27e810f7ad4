import DenshoDomain
import GRDB

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
    /// The disk holding the data folder is full. The transaction was rolled back: nothing of it
    /// was written, everything written before is intact.
    case diskFull

    public var description: String {
        switch self {
        case .notFound(let entity, let key): "no \(entity) '\(key)' in this company"
        case .duplicate(let entity, let key): "\(entity) '\(key)' already exists"
        case .invalid(let message): message
        case .diskFull: "the disk holding the data folder is full: nothing was written; free some space and try again"
        case .newerSchema(let names):
            "this database was written by a newer version of Densho (unknown migrations: "
                + names.joined(separator: ", ") + "); upgrade Densho instead of using this version"
        }
    }
}

extension StoreError {
    /// `diskFull` for SQLite's "database or disk is full" and the operating system's "no space
    /// left on device"; any other error as it is.
    public static func classify(_ error: any Error) -> any Error {
        if let database = error as? DatabaseError, database.resultCode == .SQLITE_FULL { return StoreError.diskFull }
        return DiskSpace.isFull(error) ? StoreError.diskFull : error
    }
}
