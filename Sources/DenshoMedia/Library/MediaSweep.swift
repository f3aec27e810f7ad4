import DenshoDomain
import Foundation

/// Removes what uploads and removed clips leave behind in the data directory: uploads nobody
/// sent a byte to for `staleUploadAge` (record and part file), originals no clip refers to,
/// renditions of clips that no longer exist, and temporary files of interrupted writes.
///
/// Never a file a clip record refers to (a clip that failed keeps its original), and never a file
/// younger than `orphanAge`: one being stored right now (an upload finishing, `densho clip add`)
/// is young, and storing the same bytes again makes an original young again. The records are read
/// before the folders are listed, so a clip registered meanwhile has only young files.
public struct MediaSweep: Sendable {
    /// Seconds an unfinished upload's part file may stay unchanged before the upload is abandoned.
    public var staleUploadAge: Double
    /// Seconds a file no record refers to is kept.
    public var orphanAge: Double

    /// - Parameters:
    ///   - staleUploadAge: Seconds without a byte after which an unfinished upload is removed.
    ///   - orphanAge: Seconds a file no record refers to is kept.
    public init(staleUploadAge: Double = 24 * 3600, orphanAge: Double = MediaLibrary.orphanGrace) {
        self.staleUploadAge = staleUploadAge
        self.orphanAge = orphanAge
    }

    /// What one sweep removed.
    public struct Report: Sendable, Equatable {
        /// Ids of the abandoned uploads.
        public var uploads: [String] = []
        /// Files and folders, relative to the data directory.
        public var files: [String] = []

        public var isEmpty: Bool { uploads.isEmpty && files.isEmpty }
    }

    public func run(store: any DenshoRepository, library: MediaLibrary, now: Date = Date()) async throws -> Report {
        var report = Report()
        let staleBefore = now.addingTimeInterval(-staleUploadAge)
        let orphanBefore = now.addingTimeInterval(-orphanAge)

        // Unfinished uploads whose part file did not change for a day (or is gone).
        for upload in try await store.staleUploads(before: staleBefore.timeIntervalSince1970) {
            let part = library.absolute(upload.partPath)
            if let modified = MediaLibrary.modificationDate(part), modified >= staleBefore { continue }
            try? FileManager.default.removeItem(atPath: part)
            try await store.deleteUpload(upload.id)
            report.uploads.append(upload.id)
        }
        // Part files as old with no record left (their company or account was removed).
        for name in Self.contents(library.absolute("uploads")) where name.hasSuffix(".part") {
            remove("uploads/" + name, olderThan: staleBefore, library: library, report: &report)
        }

        let references = try await store.mediaReferences()
        for shard in Self.contents(library.absolute("originals")) where shard.count == 2 {
            for name in Self.contents(library.absolute("originals/" + shard)) {
                let relative = "originals/\(shard)/\(name)"
                if name.hasPrefix(".incoming-") || (Self.isOriginalName(name) && !references.originals.contains(relative)) {
                    remove(relative, olderThan: orphanBefore, library: library, report: &report)
                }
            }
        }
        for name in Self.contents(library.absolute("renditions")) {
            // Hidden folders are left-overs of an earlier version's placing of shared renditions.
            if name.hasPrefix(".") || Int64(name).map({ !references.clips.contains(Clip.ID($0)) }) == true {
                remove("renditions/" + name, olderThan: orphanBefore, library: library, report: &report)
            }
        }
        return report
    }

    func remove(_ relative: String, olderThan cutoff: Date, library: MediaLibrary, report: inout Report) {
        let path = library.absolute(relative)
        guard let modified = MediaLibrary.modificationDate(path), modified < cutoff else { return }
        if (try? FileManager.default.removeItem(atPath: path)) != nil { report.files.append(relative) }
    }

    /// `<sha256>.<ext>` as `MediaPaths.original` names it: nothing else in the folder is ours to remove.
    static func isOriginalName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 64 && parts[0].allSatisfy(\.isHexDigit)
            && MediaPaths.safeExtension(of: name) == String(parts[1])
    }

    static func contents(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}
