import DenshoDomain
import Foundation
import GRDB

/// Queues the e-mail and webhook deliveries a person chose for a notification kind.
enum NotificationOutbox {
    static func queue(
        _ db: Database, notification: Int64, company: Int64, account: Int64, kind: NotificationKind, params: [String: String],
        link: String
    ) throws {
        // Filled in with delivery preferences.
    }
}
