import DenshoDomain
import Foundation

/// A plain-text mail in UTF-8 as it goes over SMTP (RFC 5322 with MIME): the subject as RFC 2047
/// encoded words, the body in base64, so Japanese passes any relay untouched.
public struct MailMessage: Sendable {
    public var from: String
    /// Shown beside the From address.
    public var fromName: String
    public var to: String
    public var subject: String
    public var body: String
    public var date: Date
    /// `<unique@sender's domain>`.
    public var messageID: String

    /// - Parameters:
    ///   - from: The sender's address (the company's setting).
    ///   - to: The recipient's address.
    ///   - subject: Any text; encoded as needed.
    ///   - body: Plain text; line ends become CRLF.
    public init(from: String, fromName: String = "伝承 Densho", to: String, subject: String, body: String, date: Date = Date()) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        let domain = from.split(separator: "@").last.map(String.init) ?? "densho.invalid"
        messageID = "<\(UUID().uuidString.lowercased())@\(domain)>"
    }

    /// Headers and body with CRLF line ends, ready for DATA (before dot-stuffing).
    public func rendered() -> String {
        let normalized = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encodedBody = Data(normalized.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "From: \(Self.encodedWords(fromName)) <\(from)>",
            "To: \(to)",
            "Subject: \(Self.encodedWords(subject))",
            "Date: \(Self.headerDate(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + encodedBody + "\r\n"
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words (at most 64 characters), folded onto continuation lines.
    /// Whole characters per word: a word never ends inside a character's UTF-8 bytes.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 39 bytes are 52 base64 characters: 64 with the markers, and a line with "Subject: "
            // stays within the 78 characters RFC 5322 asks for.
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Sat, 28 Nov 2026 19:19:40 +0900`: the Date header, in Japan's time.
    static func headerDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = LocalDate.japan
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// Doubles the dot that starts a line (RFC 5321 4.5.2), so no line of the message can end DATA.
    static func dotStuffed(_ data: String) -> String {
        let lines = data.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }
        return lines.joined(separator: "\r\n")
    }
}
