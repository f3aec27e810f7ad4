import DenshoDomain
import Foundation
import Hummingbird

/// Each person's notifications (the list behind the header's badge; opening one marks it read)
/// and their choice of what also goes by e-mail or to the company's chat.
struct NotificationController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/notifications", use: list)
        router.post("/notifications/read", use: markAllRead)
        router.get("/notifications/settings", use: settings)
        router.post("/notifications/settings", use: saveSettings)
        router.get("/notifications/{id}", use: open)
    }

    struct Row { var id: String; var text: String; var date: String; var unread: Bool }
    struct ListView { var rows: [Row]; var hasUnread: Bool }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, _) = try context.requireMember()
        let notifications = try await env.store.notifications(account: identity.account.id, limit: 100)
        let view = ListView(
            rows: notifications.map {
                Row(id: $0.id.description, text: context.language.sentence(of: $0), date: Self.localTime($0.createdAt), unread: $0.readAt == nil)
            },
            hasUnread: notifications.contains { $0.readAt == nil })
        return env.renderer.page(.notifications, title: context.language.text("notifications"), context: context, data: view)
    }

    /// Marks it read and goes where it points.
    @Sendable func open(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, _) = try context.requireMember()
        let id = AppNotification.ID(try context.parameters.id())
        guard let notification = try await env.store.notification(id, account: identity.account.id) else { throw WebError.notFound }
        try await env.store.markRead(account: identity.account.id, ids: [id])
        return .redirect(to: Self.localPath(notification.link), type: .normal)
    }

    @Sendable func markAllRead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, _) = try context.requireMember()
        try await env.store.markRead(account: identity.account.id, ids: nil)
        return .redirect(to: "/notifications", type: .normal)
    }

    struct KindRow { var kind: String; var label: String; var byEmail: Bool; var byWebhook: Bool }
    struct SettingsView {
        var email: String
        var kinds: [KindRow]
        var digest: Bool
        var noMailServer: Bool
        var noWebhook: Bool
        var canAdmin: Bool
    }

    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.requireMember()
        let preference = try await env.store.preferences(account: identity.account.id)
        let delivery = try await env.store.notificationSettings(company: company.id)
        let view = SettingsView(
            email: preference.email,
            kinds: Self.choosableKinds(identity.policy).map {
                KindRow(kind: $0.rawValue, label: context.language.text("notifyKind.\($0.rawValue)"), byEmail: preference.emailKinds.contains($0),
                        byWebhook: preference.webhookKinds.contains($0))
            },
            digest: preference.digest, noMailServer: !delivery.sendsEmail, noWebhook: !delivery.postsWebhook,
            canAdmin: identity.policy.canManageAccounts)
        return env.renderer.page(.notificationSettings, title: context.language.text("notifySettings"), context: context, data: view)
    }

    @Sendable func saveSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, _) = try context.requireMember()
        var request = request
        let form = try await request.form(context: context)
        func kinds(_ field: String) -> Set<NotificationKind> { Set(form.all(field).compactMap(NotificationKind.init(rawValue:))) }
        let preference = NotificationPreference(
            email: (form["email"] ?? "").trimmingCharacters(in: .whitespaces), emailKinds: kinds("email_kind"),
            webhookKinds: kinds("webhook_kind"), digest: form["digest"] != nil)
        do throws(NotificationSetupError) { try preference.validate() } catch let problem { throw WebError.badRequest(problem.ja, problem.en) }
        try await env.store.setPreferences(preference, account: identity.account.id, by: identity.account.login)
        return .redirect(to: "/notifications/settings", type: .normal)
    }

    /// The kinds a person may receive: approvals only for those who approve.
    static func choosableKinds(_ policy: AccessPolicy) -> [NotificationKind] {
        NotificationKind.allCases.filter { kind in
            switch kind {
            case .test: false
            case .selfAssessmentWaiting, .manualWaiting: policy.canApproveManuals
            case .backupStale: policy.canManageAccounts
            default: true
            }
        }
    }

    /// A link inside Densho, else the list itself: a stored link never sends anyone elsewhere.
    static func localPath(_ link: String) -> String {
        link.hasPrefix("/") && !link.hasPrefix("//") && !link.contains("\\") ? link : "/notifications"
    }

    /// `2026/11/28 19:19` in Japan for a stored UTC timestamp (`2026-11-28T10:19:40.123Z`).
    static func localTime(_ stamp: String) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = parser.date(from: stamp) else { return String(stamp.prefix(16)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = LocalDate.japan
        formatter.dateFormat = "yyyy/MM/dd HH:mm"
        return formatter.string(from: date)
    }
}
