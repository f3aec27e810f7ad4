import DenshoDomain
import Foundation

/// Workbooks uploaded to the 力量表 onboarding wizard, kept between its steps under
/// `<data root>/imports/`: `<token>.xlsx` as it was sent and `<token>.json` saying whose it is and
/// the decisions made so far. The token is a random name the server made, never the user's file
/// name, and is checked to be exactly 32 lowercase hex digits before it becomes part of a path.
/// Nothing here is worth keeping for long: uploads older than a day are gone (`sweep`).
struct OnboardingUploads: Sendable {
    struct Upload: Codable, Sendable {
        var company: Int64
        var login: String
        /// The name the file had on the user's computer (shown, and the name decisions are saved under).
        var file: String
        var uploadedAt: Double
        /// Decisions saved for a file of this name were found at upload (the page says they are used).
        var remembered: Bool
        /// The wizard's decisions so far; nil until its form is first posted (the saved ones apply).
        var mapping: OnboardingMapping?
    }

    static let lifetime: TimeInterval = 24 * 3600
    let directory: String

    init(dataRoot: String) { directory = dataRoot + "/imports" }

    static func isToken(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// Keeps `data` under a new token, after removing what expired.
    func save(_ data: Data, _ upload: Upload, now: Date = Date()) throws -> String {
        sweep(now: now)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        keepNewest(Self.perPerson - 1, of: upload)
        let token = Tokens.random(bytes: 16)
        try data.write(to: url(token, "xlsx"), options: .atomic)
        do {
            try update(token, upload, creating: true)
        } catch {
            try? FileManager.default.removeItem(at: url(token, "xlsx"))
            throw error
        }
        return token
    }

    /// The upload and its bytes, if `token` names one of `login` in `company` that has not
    /// expired; else 404 (another company's or person's token is not confirmed to exist).
    func load(_ token: String, company: Company.ID, login: String, now: Date = Date()) throws -> (Upload, Data) {
        guard Self.isToken(token), let json = try? Data(contentsOf: url(token, "json")),
            let upload = try? JSONDecoder().decode(Upload.self, from: json),
            upload.company == company.rawValue, upload.login == login, now.timeIntervalSince1970 - upload.uploadedAt < Self.lifetime,
            let data = try? Data(contentsOf: url(token, "xlsx"))
        else { throw WebError.notFound }
        return (upload, data)
    }

    /// Saves the upload's decisions. Only while it is still there: a commit that claimed it (or
    /// removed it) must not see it come back from a form posted a moment earlier.
    func update(_ token: String, _ upload: Upload, creating: Bool = false) throws {
        precondition(Self.isToken(token))
        guard creating || FileManager.default.fileExists(atPath: url(token, "json").path) else { throw WebError.notFound }
        try JSONEncoder().encode(upload).write(to: url(token, "json"), options: .atomic)
    }

    /// Uploads one person may have waiting: each is a workbook on the server's disk for a day.
    static let perPerson = 5

    /// Removes all but the newest `count` waiting uploads of the same person in the same company.
    func keepNewest(_ count: Int, of upload: Upload) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var mine: [(token: String, at: Double)] = []
        for name in names where name.hasSuffix(".json") {
            let token = String(name.dropLast(5))
            guard Self.isToken(token), let data = try? Data(contentsOf: url(token, "json")),
                  let other = try? JSONDecoder().decode(Upload.self, from: data),
                  other.company == upload.company, other.login == upload.login
            else { continue }
            mine.append((token, other.uploadedAt))
        }
        for old in mine.sorted(by: { $0.at > $1.at }).dropFirst(max(count, 0)) { remove(old.token) }
    }

    /// Takes the upload for a commit: its json is renamed, so a second click (or a second tab)
    /// finds nothing and cannot import the same cells twice. False when it was already taken.
    func claim(_ token: String) -> Bool {
        guard Self.isToken(token) else { return false }
        return (try? FileManager.default.moveItem(at: url(token, "json"), to: url(token, "claimed"))) != nil
    }

    /// Gives a claimed upload back (its commit failed: the person may change something and retry).
    func release(_ token: String) {
        guard Self.isToken(token) else { return }
        try? FileManager.default.moveItem(at: url(token, "claimed"), to: url(token, "json"))
    }

    func remove(_ token: String) {
        guard Self.isToken(token) else { return }
        for suffix in ["xlsx", "json", "claimed"] { try? FileManager.default.removeItem(at: url(token, suffix)) }
    }

    /// Removes every upload with a file older than a day (the workbook is the oldest: its upload time).
    func sweep(now: Date = Date()) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] {
            let token = String(name.prefix { $0 != "." })
            guard Self.isToken(token), let modified = (try? fm.attributesOfItem(atPath: directory + "/" + name))?[.modificationDate] as? Date,
                now.timeIntervalSince(modified) >= Self.lifetime
            else { continue }
            remove(token)
        }
    }

    private func url(_ token: String, _ suffix: String) -> URL {
        URL(fileURLWithPath: directory).appendingPathComponent("\(token).\(suffix)")
    }
}
