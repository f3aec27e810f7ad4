import Foundation

/// One message in the durable delivery queue: a notification (or a day's digest of them) to send
/// by e-mail or to a webhook, with its attempts.
public struct Delivery: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Delivery>

    public enum State: String, Codable, Sendable, CaseIterable {
        /// Waiting for its turn (or for a retry after `nextAttemptAt`).
        case queued
        /// Leased by a sender.
        case sending
        case sent
        /// Out of attempts, or refused for good (a mail server's 5xx).
        case failed
        /// An e-mail waiting for the person's daily digest.
        case held
        /// A held e-mail that went out inside a digest.
        case merged
    }

    public var id: ID
    public var companyID: Company.ID
    /// The notification it tells about (nil for a digest).
    public var notificationID: AppNotification.ID?
    public var channel: DeliveryChannel
    /// The e-mail address, or the webhook's URL.
    public var recipient: String
    public var subject: String
    public var body: String
    public var state: State
    public var attempts: Int
    public var maxAttempts: Int
    /// Unix seconds before which it is not tried again.
    public var nextAttemptAt: Double
    public var lastError: String?
    public var createdAt: String
    public var sentAt: String?

    public init(
        id: ID, companyID: Company.ID, notificationID: AppNotification.ID?, channel: DeliveryChannel, recipient: String,
        subject: String, body: String, state: State, attempts: Int, maxAttempts: Int, nextAttemptAt: Double, lastError: String?,
        createdAt: String, sentAt: String?
    ) {
        self.id = id
        self.companyID = companyID
        self.notificationID = notificationID
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
    }

    /// The recipient as lists show it: a webhook's URL carries its secret in the path, so only
    /// its scheme and host are shown (`https://hooks.slack.com/…`).
    public var shownRecipient: String {
        guard channel == .webhook, let schemeEnd = recipient.range(of: "://") else { return recipient }
        let rest = recipient[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(recipient[..<schemeEnd.upperBound]) + String(host) + (host.count < rest.count ? "/…" : "")
    }
}
