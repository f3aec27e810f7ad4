import DenshoDomain
import HummingbirdBcrypt
import NIOPosix

/// The one password policy: how long a password must be, how it is hashed and checked.
///
/// Every account — made by `densho init`, `company`, `association add`, the demo or the admin page —
/// is hashed at the same cost, and a login that does not exist is checked against a dummy hash of
/// that same cost: a failed login takes the same time whether or not the account exists, so the
/// timing does not tell an attacker which logins are real.
public enum PasswordHashing {
    /// bcrypt's work factor (about 0.2 s of one core here). Raising it re-hashes nothing: old hashes
    /// carry their own cost and keep verifying.
    public static let cost = 11
    /// Shortest password accepted when one is set.
    public static let minimumLength = 10
    /// Longest accepted: bcrypt reads 72 bytes, and a megabyte "password" is only a way to burn CPU.
    public static let maximumLength = 1024

    /// Why a new password is refused, in the words of both languages (nil when acceptable).
    public static func problem(_ password: String) -> (ja: String, en: String)? {
        if password.count < minimumLength {
            return ("パスワードは\(minimumLength)文字以上にしてください。", "Use at least \(minimumLength) characters.")
        }
        if password.count > maximumLength {
            return ("パスワードは\(maximumLength)文字以内にしてください。", "Use at most \(maximumLength) characters.")
        }
        // bcrypt reads a C string: everything after a NUL would be ignored.
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return ("パスワードに制御文字は使えません。", "A password cannot contain control characters.")
        }
        return nil
    }

    /// Hashes on the calling thread (the CLI); the web app uses `hashOffLoop`.
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: UInt8(cost)) }

    /// Checks a password against a stored hash, or against the dummy hash when there is none, so
    /// both cases cost the same.
    public static func verify(_ password: String, hash: String?) -> Bool {
        guard let hash else {
            _ = Bcrypt.verify(password, hash: dummyHash)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    /// bcrypt takes a large part of a second of CPU: keep it off the event loops.
    public static func hashOffLoop(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { hash(password) }
    }

    public static func verifyOffLoop(_ password: String, hash: String?) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { verify(password, hash: hash) }
    }

    /// A valid hash, at the policy's cost, of nothing anyone types.
    static let dummyHash = Bcrypt.hash("densho-no-such-account", cost: UInt8(cost))
}
