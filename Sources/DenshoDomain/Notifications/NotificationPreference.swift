/// How one person wants notifications besides the list in the header: which kinds also go by
/// e-mail (to `email`), which to the company's webhook, and whether e-mails wait for one digest a day.
public struct NotificationPreference: Hashable, Codable, Sendable {
    /// Where e-mails go; empty for none.
    public var email: String
    public var emailKinds: Set<NotificationKind>
    public var webhookKinds: Set<NotificationKind>
    /// E-mails are held and sent together once a day instead of one per notification.
    public var digest: Bool

    public init(email: String = "", emailKinds: Set<NotificationKind> = [], webhookKinds: Set<NotificationKind> = [], digest: Bool = false) {
        self.email = email
        self.emailKinds = emailKinds
        self.webhookKinds = webhookKinds
        self.digest = digest
    }

    /// Whether a notification of `kind` also goes out by `channel` (an e-mail needs an address).
    public func wants(_ kind: NotificationKind, by channel: DeliveryChannel) -> Bool {
        switch channel {
        case .email: !email.isEmpty && emailKinds.contains(kind)
        case .webhook: webhookKinds.contains(kind)
        }
    }

    /// Refuses an address that is not one (it would go into an SMTP command and a mail header).
    public func validate() throws(NotificationSetupError) {
        if !email.isEmpty, !EmailAddress.isValid(email) { throw NotificationSetupError.invalidEmail(email) }
    }
}
