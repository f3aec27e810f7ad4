import DenshoDomain
import DenshoMedia
import Foundation

/// Random tokens for sessions, CSRF, API access and upload ids, and the digests we store.
enum Tokens {
    /// 32 random bytes as hex (the system's CSPRNG).
    static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func digest(_ token: String) -> String { SHA256.hex(of: Array(token.utf8)) }

    /// Compares in time independent of where the strings differ (tokens are secrets).
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
