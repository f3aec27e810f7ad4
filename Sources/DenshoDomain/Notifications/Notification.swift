import Foundation

/// Something that waits for a person or concerns them, shown in the header's list and, by their
/// choice, also sent by e-mail or to the company's webhook.
public struct AppNotification: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<AppNotification>
    public var id: ID
    public var accountID: Account.ID
    public var kind: NotificationKind
    /// Values for the kind's sentence in the string table (`{title}`, `{due}` …); stored, not the
    /// sentence, so each reader sees it in their own language.
    public var params: [String: String]
    /// Path inside Densho the notification opens (`/manuals/3`).
    public var link: String
    public var createdAt: String
    public var readAt: String?

    public init(id: ID, accountID: Account.ID, kind: NotificationKind, params: [String: String], link: String,
                createdAt: String, readAt: String?) {
        self.id = id
        self.accountID = accountID
        self.kind = kind
        self.params = params
        self.link = link
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

public enum NotificationKind: String, Codable, Sendable, CaseIterable {
    case assignmentGiven = "assignment-given"
    case assignmentDueSoon = "assignment-due-soon"
    case assignmentOverdue = "assignment-overdue"
    case assignmentReopened = "assignment-reopened"
    case selfAssessmentWaiting = "self-assessment-waiting"
    case selfAssessmentDecided = "self-assessment-decided"
    case manualWaiting = "manual-waiting"
    case manualDecided = "manual-decided"
    case proposalDecided = "proposal-decided"
    case qualificationExpiring = "qualification-expiring"
    case signOffRecorded = "sign-off-recorded"
    case checkExpiring = "check-expiring"
    /// For admins: the last good backup is too old, or a verify found a problem.
    case backupStale = "backup-stale"
    case test

    /// Key of the sentence in the UI string table (`notify.assignment-given`).
    public var stringKey: String { "notify.\(rawValue)" }
}

public enum DeliveryChannel: String, Codable, Sendable, CaseIterable {
    case email, webhook
}

/// Fills `{name}` placeholders of a sentence from the notification's params; a placeholder with
/// no value becomes empty. One pass over the template, so a value that itself contains `{…}` (a
/// manual titled "{due}") is written as it is, never filled in again.
public func fillPlaceholders(_ template: String, _ params: [String: String]) -> String {
    var text = ""
    var rest = template[...]
    while let open = rest.firstIndex(of: "{") {
        let afterOpen = rest.index(after: open)
        guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
        text += rest[..<open]
        let name = rest[afterOpen..<close]
        if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            text += params[String(name)] ?? ""
            rest = rest[rest.index(after: close)...]
        } else {
            text += "{"
            rest = rest[afterOpen...]
        }
    }
    return text + rest
}
