import DenshoDomain
import DenshoMedia
import Foundation

/// How `densho serve` runs: where it listens, where its data and templates are, and its limits.
public struct WebConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// The data root (database, originals, renditions, uploads in progress).
    public var dataRoot: String
    /// The Mustache templates (`Templates/` of the source tree by default).
    public var templatesDirectory: String
    /// Mark cookies `Secure` (when served behind TLS).
    public var secureCookies = false
    /// Largest clip accepted by an upload, in bytes.
    public var maxUploadBytes: Int64 = 4 << 30
    /// How many unfinished uploads, of how many declared bytes, an account and a company may hold.
    public var uploadQuota = UploadQuota()
    /// Bytes left free on the data directory's file system beyond an upload's declared length
    /// (for the database, renditions and other uploads); an upload that does not fit is refused.
    public var minimumFreeBytes: Int64 = defaultMinimumFreeBytes
    public static let defaultMinimumFreeBytes: Int64 = 1 << 30
    /// What the sweep beside the server removes (abandoned uploads, unreferenced files), and how
    /// often it runs, in seconds.
    public var sweep = MediaSweep()
    public var sweepInterval: Double = 3600
    /// How the notification e-mails and webhook posts beside the server are sent and retried.
    public var delivery = DeliveryOptions()
    /// A session lasts this long after its last use...
    public var sessionLifetime: Double = 12 * 3600
    /// ...and never longer than this after logging in, however often it is used.
    public var sessionMaxAge: Double = 7 * 24 * 3600
    /// How failed logins slow further tries (per login and address, with backoff).
    public var loginThrottle = LoginThrottle()
    /// A bearer token `/metrics` asks for; nil leaves it open (to the address the server listens on).
    public var metricsToken: String?
    /// The "today" of analyses (tests pin it); nil means the real date in Japan.
    public var today: String?
    /// The `densho` executable, run as a child process for work that decodes video (the stills
    /// of a 作業標準書), so that a decoder crash cannot take the service down.
    public var executable: String?

    public init(dataRoot: String, templatesDirectory: String) {
        self.dataRoot = dataRoot
        self.templatesDirectory = templatesDirectory
    }

    /// Finds `Templates/` next to the working directory or above the executable (the build tree).
    public static func defaultTemplatesDirectory() -> String {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["DENSHO_TEMPLATES"] { return env }
        var candidates = [fm.currentDirectoryPath + "/Templates"]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("Templates").path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0 + "/layout.mustache") } ?? candidates[0]
    }
}
