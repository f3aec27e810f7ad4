import DenshoDomain
import Foundation
import GRDB

/// Densho's persistence on an embedded SQLite file (GRDB `DatabasePool`, WAL mode).
///
/// Several processes may use the same file at once (`densho serve`, workers, CLI commands): writes
/// take the lock at `BEGIN IMMEDIATE` and wait up to `busyTimeout` for each other.
public struct SQLiteStore: Sendable {
    /// The database file's name inside a data directory.
    public static let fileName = "densho.sqlite"

    let pool: DatabasePool
    /// A read-only connection of its own for `lookup` (see there).
    let lookups: DatabaseQueue
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it.
    /// - Throws: `StoreError.newerSchema` for a database written by a newer Densho.
    public init(path: String, busyTimeout: TimeInterval = 15) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // WAL with NORMAL sync loses no committed transaction when a process dies.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache: a 力量表 of a few hundred people and bulk imports stay in memory.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        let migrator = Migrations.migrator
        try pool.write { db in
            if try migrator.hasBeenSuperseded(db) {
                let known = Set(migrator.migrations)
                let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted()
                throw StoreError.newerSchema(unknownMigrations: unknown)
            }
        }
        try migrator.migrate(pool)
        self.pool = pool
        var lookupConfig = Configuration()
        lookupConfig.readonly = true
        lookupConfig.busyMode = .timeout(busyTimeout)
        lookups = try DatabaseQueue(path: path, configuration: lookupConfig)
        self.path = path
    }

    /// Opens `densho.sqlite` in `directory`, creating the directory if needed.
    public init(dataDirectory directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try self.init(path: (directory as NSString).appendingPathComponent(Self.fileName))
    }

    /// A single indexed lookup on a path every request takes (video ranges, cached catalogues),
    /// run on the calling thread.
    ///
    /// An async read hops to a reader's dispatch queue and back: two thread switches that cost
    /// more than the lookup itself and halved the rate of small video ranges on two cores. A
    /// synchronous read from the pool is no answer: a cooperative thread waiting for a reader
    /// that an async read holds until its task resumes can deadlock. So lookups have their own
    /// read-only connection, which nothing else holds and no holder awaits. Only for statements
    /// that take microseconds: a long read here would hold one of Swift's few cooperative threads.
    /// One statement reads a consistent snapshot by itself, so no transaction is wrapped around it.
    func lookup<T>(_ body: (Database) throws -> T) throws -> T {
        try lookups.inDatabase(body)
    }

    /// `PRAGMA integrity_check`, for tests and health checks.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}

extension SQLiteStore {
    /// Maps SQLite constraint failures to store errors that name what clashed.
    static func translate<T>(entity: String, key: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
        {
            throw StoreError.duplicate(entity: entity, key: key)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.invalid("\(entity) '\(key)': \(error.message ?? "constraint failed")")
        }
    }

    /// Throws `notFound` unless the last statement changed exactly one row.
    static func requireOneChange(_ db: Database, entity: String, key: any CustomStringConvertible) throws {
        if db.changesCount != 1 { throw StoreError.notFound(entity: entity, key: key.description) }
    }

    /// Every id must name an employee of `company`; ids from elsewhere are "not found".
    static func requireEmployees(_ db: Database, _ ids: [Employee.ID], company: Company.ID) throws {
        for id in Set(ids) {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM employee WHERE id = ? AND company_id = ?",
                                    arguments: [id.rawValue, company.rawValue]) == true
            else { throw StoreError.notFound(entity: "employee", key: String(id.rawValue)) }
        }
    }

    /// A JSON list of strings as stored in a TEXT column (tags, reasons, photos); damaged text reads as empty.
    static func decodeStrings(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}
