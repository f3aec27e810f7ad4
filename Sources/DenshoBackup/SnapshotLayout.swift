import Foundation

/// The folders and files of a backup folder:
///
///     DIR/densho-backup.json                      {"format":1}: this is a Densho backup folder
///     DIR/objects/ab/<sha256>.<ext>               originals, by content, written once and never again
///     DIR/snapshots/<yyyyMMdd-HHmmss>/densho.sqlite  the database at that moment
///     DIR/snapshots/<yyyyMMdd-HHmmss>/manifest.json  which objects it needs, with their hashes
///     DIR/LATEST                                  the newest complete snapshot's stamp
///
/// A snapshot is built under `<stamp>.partial` and renamed when complete; objects are written as
/// `objects/.tmp-<uuid>` and renamed. So a backup stopped at any moment leaves earlier snapshots whole.
public struct SnapshotLayout: Sendable {
    public static let format = 1
    public static let markerName = "densho-backup.json"
    public static let databaseName = "densho.sqlite"
    public static let manifestName = "manifest.json"
    public static let partialSuffix = ".partial"
    public static let temporaryPrefix = ".tmp-"

    public let root: String

    /// A relative `root` is taken from the current folder (its parent must be known: see `Snapshotter.prepare`).
    public init(root: String) {
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        self.root = (absolute as NSString).standardizingPath
    }

    public var markerPath: String { root + "/" + Self.markerName }
    public var objectsDirectory: String { root + "/objects" }
    public var snapshotsDirectory: String { root + "/snapshots" }
    public var latestPath: String { root + "/LATEST" }
    public var lockPath: String { root + "/.lock" }

    /// `objects/ab/<sha256>.<ext>`, relative to the backup folder.
    public static func objectPath(sha256: String, extension ext: String) -> String {
        "objects/\(sha256.prefix(2))/\(sha256)" + (ext.isEmpty ? "" : ".\(ext)")
    }

    /// The object holding a data-folder file (its extension is the file's).
    public static func objectPath(for file: BackupManifest.File) -> String {
        objectPath(sha256: file.sha256, extension: (file.path as NSString).pathExtension)
    }

    public func absolute(_ relative: String) -> String { root + "/" + relative }

    public func snapshotDirectory(_ stamp: String) -> String { snapshotsDirectory + "/" + stamp }

    public func partialDirectory(_ stamp: String) -> String { snapshotsDirectory + "/" + stamp + Self.partialSuffix }

    public func manifestPath(_ stamp: String) -> String { snapshotDirectory(stamp) + "/" + Self.manifestName }

    public func databasePath(_ stamp: String) -> String { snapshotDirectory(stamp) + "/" + Self.databaseName }

    /// `yyyyMMdd-HHmmss` in the machine's time zone.
    public static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }

    /// The date a stamp names (nil for anything else).
    public static func date(ofStamp stamp: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.date(from: String(stamp.prefix(15)))
    }

    /// The stamp `LATEST` names, if it names a complete snapshot.
    public func latest() -> String? {
        guard let data = FileManager.default.contents(atPath: latestPath) else { return nil }
        let stamp = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !stamp.isEmpty, !stamp.contains("/"), FileManager.default.fileExists(atPath: manifestPath(stamp)) else { return nil }
        return stamp
    }

    /// Complete snapshots (those with a manifest), oldest first.
    public func snapshots() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: snapshotsDirectory)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(Self.partialSuffix) && FileManager.default.fileExists(atPath: manifestPath($0)) }
            .sorted()
    }

    /// The snapshot asked for, else `LATEST`, else the newest complete one.
    public func resolve(_ snapshot: String?) throws(BackupError) -> String {
        if let snapshot {
            guard FileManager.default.fileExists(atPath: manifestPath(snapshot)) else {
                throw .noSnapshot("no snapshot \(snapshot) in \(root) (there are: \(snapshots().joined(separator: ", ")))")
            }
            return snapshot
        }
        if let latest = latest() ?? snapshots().last { return latest }
        throw .noSnapshot("no snapshot in \(root): is it a Densho backup folder?")
    }

    /// Whether DIR is a backup folder (it has the marker).
    public var isBackupFolder: Bool { FileManager.default.fileExists(atPath: markerPath) }
}
