import Foundation

/// What a verify found, of the data folder or of a snapshot.
public struct VerifyReport: Sendable, Codable, Equatable {
    /// A file that is missing or whose bytes are not the recorded ones, with who refers to it.
    public struct FileIssue: Sendable, Codable, Hashable {
        /// Relative to the data folder (`originals/ab/<sha256>.mp4`).
        public var path: String
        /// `clip:12 「段取り」`, `proposal:3`, `sign-off:5`.
        public var refs: [String]
        public var detail: String

        public init(path: String, refs: [String], detail: String) {
            self.path = path
            self.refs = refs
            self.detail = detail
        }
    }

    /// The data folder, or `DIR (snapshot STAMP)`.
    public var subject: String
    public var databaseProblems: [String] = []
    public var missing: [FileIssue] = []
    public var corrupt: [FileIssue] = []
    /// Originals no record refers to (older than the sweep's grace): not an error, a hint.
    public var unreferenced: [String] = []
    /// Referenced files looked for.
    public var filesChecked = 0
    /// Files whose bytes were hashed (all, or the sample).
    public var filesHashed = 0
    public var bytesHashed: Int64 = 0
    public var seconds: Double = 0
    /// Percent of the files hashed (100: all).
    public var samplePercent: Double = 100

    public init(subject: String) {
        self.subject = subject
    }

    /// Nothing missing, nothing damaged, the database sound. Unreferenced files do not count.
    public var isClean: Bool { databaseProblems.isEmpty && missing.isEmpty && corrupt.isEmpty }

    public var problemCount: Int { databaseProblems.count + missing.count + corrupt.count }

    /// Hashing speed, MB/s (10^6 bytes).
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytesHashed) / seconds / 1_000_000 : 0 }

    /// The report as lines for a terminal or a log.
    public var text: String {
        var lines: [String] = []
        let sample = samplePercent >= 100 ? "all" : String(format: "a %.0f%% sample", samplePercent)
        lines.append("Verified \(subject): \(filesChecked) file(s) present-checked, \(filesHashed) hashed (\(sample)), "
            + String(format: "%.1f MB in %.1f s (%.0f MB/s).", Double(bytesHashed) / 1_000_000, seconds, megabytesPerSecond))
        for problem in databaseProblems { lines.append("DATABASE  \(problem)") }
        for issue in missing { lines.append("MISSING   \(issue.path) — \(issue.detail) — used by \(Self.refs(issue.refs))") }
        for issue in corrupt { lines.append("CORRUPT   \(issue.path) — \(issue.detail) — used by \(Self.refs(issue.refs))") }
        for path in unreferenced { lines.append("UNUSED    \(path) — no record refers to it (removed by the media sweep)") }
        lines.append(isClean ? "OK: no problem found." : "PROBLEMS: \(problemCount) found.")
        return lines.joined(separator: "\n")
    }

    static func refs(_ refs: [String]) -> String { refs.isEmpty ? "nothing" : refs.joined(separator: ", ") }

    /// Chooses which of `count` files to hash: all at 100 %, else a random `percent` (at least one).
    static func sample(count: Int, percent: Double) -> Set<Int> {
        guard count > 0 else { return [] }
        if percent >= 100 { return Set(0..<count) }
        guard percent > 0 else { return [] }
        let wanted = max(1, Int((Double(count) * percent / 100).rounded(.up)))
        return Set(Array(0..<count).shuffled().prefix(wanted))
    }
}
