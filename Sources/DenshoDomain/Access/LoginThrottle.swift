/// How failed logins slow down further tries, without a hard lock that anyone could trigger for
/// anyone's account.
///
/// Attempts are counted under three keys: the login from one client address (someone guessing one
/// account), the login from anywhere (guessing from many addresses) and the address for any login
/// (one machine trying many accounts). Each key allows some free failures; after that every further
/// try must wait a delay that doubles with each failure, up to `maximumDelay`. The real user, on
/// another address, is slowed only after the much larger per-login allowance.
///
/// An attempt is counted *before* its password is checked (`SQLiteStore.beginLoginAttempt` does
/// that in one transaction), so parallel guesses cannot all slip through while bcrypt runs.
public struct LoginThrottle: Sendable, Hashable {
    /// One counter: which kind, and how many failures it allows before delays begin.
    public enum Scope: String, Sendable, CaseIterable {
        case pair, login, address
    }

    /// Login IDs are short; a longer one is refused before anything is counted, stored or echoed.
    public static let maximumLoginLength = 100

    public var freeFailures: [Scope: Int]
    /// The wait after the first failure past the allowance, in seconds; each further one doubles it.
    public var firstDelay: Double
    public var maximumDelay: Double
    /// Counters untouched this long are forgotten.
    public var forgetAfter: Double

    public init(
        freeFailures: [Scope: Int] = [.pair: 5, .login: 20, .address: 50], firstDelay: Double = 30,
        maximumDelay: Double = 15 * 60, forgetAfter: Double = 24 * 3600
    ) {
        self.freeFailures = freeFailures
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.forgetAfter = forgetAfter
    }

    /// The counter keys for an attempt. The login is folded to lower case; the address is the
    /// client's IP ("local" when there is none, as in router tests).
    ///
    /// `knownDevice` is the digest of a device cookie that this very login has logged in with
    /// before: that browser then counts only its own failures (5 free, then the same doubling
    /// waits), so failures from anywhere else cannot lock the person out of their usual browser.
    public static func keys(login: String, address: String?, knownDevice: String? = nil) -> [(scope: Scope, key: String)] {
        let login = login.lowercased()
        if let knownDevice { return [(.pair, "device:\(knownDevice) \(login)")] }
        let address = address ?? "local"
        return [(.pair, "pair:\(address) \(login)"), (.login, "login:\(login)"), (.address, "address:\(address)")]
    }

    /// Seconds the next attempt must still wait, for a counter with `failures` counted and the last
    /// one at `last` (Unix seconds); nil when it may go ahead.
    public func wait(scope: Scope, failures: Int, last: Double, now: Double) -> Double? {
        let free = freeFailures[scope] ?? 5
        guard failures >= free else { return nil }
        let delay = min(maximumDelay, firstDelay * Double(1 << min(failures - free, 30)))
        let remaining = last + delay - now
        return remaining > 0 ? remaining : nil
    }
}
