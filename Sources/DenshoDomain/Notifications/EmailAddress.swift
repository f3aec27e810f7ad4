import Foundation

/// The e-mail addresses Densho accepts: `local@domain` in printable ASCII, without the characters
/// that would let an address break out of an SMTP command or a mail header (spaces, line breaks,
/// angle brackets, commas …). Internationalized addresses are refused: plain SMTP cannot carry them.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= 254, let at = text.firstIndex(of: "@") else { return false }
        let local = text[..<at], domain = text[text.index(after: at)...]
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty, !domain.contains("@"),
            !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..")
        else { return false }
        let forbidden: Set<Unicode.Scalar> = ["<", ">", "(", ")", "[", "]", "\\", ",", ";", ":", "\"", " "]
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !forbidden.contains($0) }
    }
}
