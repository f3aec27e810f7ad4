import DenshoDomain
import Foundation
import Synchronization

/// Who is behind a session cookie or API token, remembered for a few seconds so a page's
/// requests (the page, its video ranges, status polls) do not each read the account, company
/// and scope from the database. Logging out, changing a password, disabling an account or
/// revoking a token in this server clears the entries at once; a change made by another process
/// (the CLI) is seen within `ttl` seconds.
final class IdentityCache: Sendable {
    struct Entry { var identity: Identity; var until: Double }

    let ttl: Double
    private let entries = Mutex<[String: Entry]>([:])

    init(ttl: Double = 5) { self.ttl = ttl }

    func get(_ key: String, now: Double) -> Identity? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.until > now else {
                entries.removeValue(forKey: key)
                return nil
            }
            return entry.identity
        }
    }

    func put(_ key: String, _ identity: Identity, now: Double) {
        entries.withLock { entries in
            if entries.count > 10_000 { entries = entries.filter { $0.value.until > now } }
            entries[key] = Entry(identity: identity, until: now + ttl)
        }
    }

    func remove(_ key: String) { _ = entries.withLock { $0.removeValue(forKey: key) } }

    func remove(account: Account.ID) { entries.withLock { $0 = $0.filter { $0.value.identity.account.id != account } } }

    func removeAll() { entries.withLock { $0.removeAll() } }

    static func sessionKey(_ tokenHash: String) -> String { "s:" + tokenHash }
    static func tokenKey(_ tokenHash: String) -> String { "t:" + tokenHash }
}
