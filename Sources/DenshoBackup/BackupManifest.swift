import Foundation

/// `manifest.json` of a snapshot: the database's checksum and every original it refers to.
public struct BackupManifest: Codable, Sendable, Equatable {
    public struct Database: Codable, Sendable, Equatable {
        public var sha256: String
        public var size: Int64

        public init(sha256: String, size: Int64) {
            self.sha256 = sha256
            self.size = size
        }
    }

    public struct File: Codable, Sendable, Equatable {
        /// Relative to the data folder (`originals/ab/<sha256>.mp4`): where a restore puts it.
        public var path: String
        public var sha256: String
        public var size: Int64
        /// Who refers to it (`clip:12 「段取り」`, `proposal:3`).
        public var refs: [String]

        public init(path: String, sha256: String, size: Int64, refs: [String]) {
            self.path = path
            self.sha256 = sha256
            self.size = size
            self.refs = refs
        }
    }

    public var format: Int
    /// ISO 8601, UTC.
    public var createdAt: String
    public var database: Database
    public var files: [File]
    /// Whether renditions were backed up too (never, for now: they are rebuilt from originals).
    public var renditions: Bool

    public init(format: Int = SnapshotLayout.format, createdAt: String, database: Database, files: [File], renditions: Bool = false) {
        self.format = format
        self.createdAt = createdAt
        self.database = database
        self.files = files
        self.renditions = renditions
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func read(_ path: String) throws(BackupError) -> BackupManifest {
        guard let data = FileManager.default.contents(atPath: path) else { throw .damagedSnapshot("cannot read \(path)") }
        do {
            return try JSONDecoder().decode(BackupManifest.self, from: data)
        } catch {
            throw .damagedSnapshot("\(path) is not a readable manifest (\(error))")
        }
    }
}
