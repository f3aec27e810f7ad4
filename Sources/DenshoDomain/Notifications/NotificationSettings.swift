/// A company's way out for notifications: its mail server and its chat webhook. Empty fields turn
/// that channel off.
public struct NotificationSettings: Hashable, Codable, Sendable {
    public var smtpHost: String
    public var smtpPort: Int
    /// The From address of every mail.
    public var smtpSender: String
    /// `none` only. Densho speaks plain SMTP: the stack has no TLS library (swift-nio-ssl would be
    /// a new dependency). A provider that requires TLS or login (Microsoft 365, Gmail …) is reached
    /// through a relay on the server itself, such as Postfix with `relayhost` and
    /// `smtp_tls_security_level = encrypt`; Densho then sends to `localhost`, port 25.
    public var smtpTLS: String
    /// An incoming webhook (Slack, LINE WORKS, Teams workflows …) that takes a JSON POST.
    public var webhookURL: String

    public init(smtpHost: String = "", smtpPort: Int = 25, smtpSender: String = "", smtpTLS: String = "none", webhookURL: String = "") {
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.smtpSender = smtpSender
        self.smtpTLS = smtpTLS
        self.webhookURL = webhookURL
    }

    public static let tlsModes = ["none"]

    /// Host names and IP addresses (`[::1]`): letters, digits, dots, hyphens, colons and brackets.
    static let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]".unicodeScalars)

    public var sendsEmail: Bool { !smtpHost.isEmpty }
    public var postsWebhook: Bool { !webhookURL.isEmpty }

    /// Refuses settings that cannot work: a host with spaces or a path, a port outside 1–65535, a
    /// sender that is not an address, TLS (see `smtpTLS`), a webhook that is not http(s) with a host.
    public func validate() throws(NotificationSetupError) {
        if !smtpHost.isEmpty {
            guard smtpHost.utf8.count <= 253, smtpHost.unicodeScalars.allSatisfy({ Self.hostCharacters.contains($0) }) else {
                throw NotificationSetupError.invalidHost(smtpHost)
            }
            guard EmailAddress.isValid(smtpSender) else { throw NotificationSetupError.invalidSender(smtpSender) }
        }
        guard (1...65535).contains(smtpPort) else { throw NotificationSetupError.invalidPort(smtpPort) }
        guard Self.tlsModes.contains(smtpTLS) else { throw NotificationSetupError.unsupportedTLS(smtpTLS) }
        if !webhookURL.isEmpty, !CompanySettings.isWebAddress(webhookURL) { throw NotificationSetupError.invalidWebhook(webhookURL) }
    }
}

/// Why notification settings or preferences were refused, in both languages.
public enum NotificationSetupError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidEmail(String)
    case invalidHost(String)
    case invalidPort(Int)
    case invalidSender(String)
    case unsupportedTLS(String)
    case invalidWebhook(String)

    public var ja: String {
        switch self {
        case .invalidEmail(let text): "「\(text)」はメールアドレスとして使えません。"
        case .invalidHost(let text): "メールサーバー「\(text)」はホスト名として使えません（例: mail.example.jp）。"
        case .invalidPort(let port): "ポート \(port) は使えません（1〜65535）。"
        case .invalidSender(let text): "送信元「\(text)」はメールアドレスとして使えません。メールサーバーを使うときは送信元が必要です。"
        case .unsupportedTLS(let mode):
            "TLS（\(mode)）には対応していません。TLS が必要なメールサービスは、サーバー上の中継（Postfix など）を経由して送ってください。"
        case .invalidWebhook(let text): "Webhook「\(text)」は http:// または https:// で始まるURLにしてください。"
        }
    }

    public var en: String {
        switch self {
        case .invalidEmail(let text): "'\(text)' is not an e-mail address Densho can use."
        case .invalidHost(let text): "'\(text)' is not a mail server host name (like mail.example.jp)."
        case .invalidPort(let port): "Port \(port) is not between 1 and 65535."
        case .invalidSender(let text): "The sender '\(text)' is not an e-mail address; a mail server needs one."
        case .unsupportedTLS(let mode):
            "TLS ('\(mode)') is not supported: send through a relay on the server (Postfix or the like) for a provider that requires TLS."
        case .invalidWebhook(let text): "The webhook '\(text)' must be an http:// or https:// URL with a host."
        }
    }

    public var description: String { en }
}
