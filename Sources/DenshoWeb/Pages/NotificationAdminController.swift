import DenshoDomain
import Foundation
import Hummingbird

/// The company's way out for notifications (mail server, chat webhook) and what went out or waits
/// in the delivery queue. Administrators only.
struct NotificationAdminController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/notifications", use: page)
        router.post("/admin/notifications", use: save)
    }

    struct DeliveryRow {
        var created: String
        var channel: String
        var recipient: String
        var subject: String
        var state: String
        var sent: Bool
        var failed: Bool
        var attempts: Int
        var lastError: String
    }
    struct View {
        var smtpHost: String
        var smtpPort: String
        var smtpSender: String
        var webhookURL: String
        var deliveries: [DeliveryRow]
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.canManageAccounts }
        let settings = try await env.store.notificationSettings(company: company.id)
        let language = context.language
        let view = View(
            smtpHost: settings.smtpHost, smtpPort: String(settings.smtpPort), smtpSender: settings.smtpSender, webhookURL: settings.webhookURL,
            deliveries: try await env.store.deliveries(company: company.id, limit: 100).map {
                DeliveryRow(created: NotificationController.localTime($0.createdAt), channel: language.text("notifyChannel.\($0.channel.rawValue)"),
                            recipient: $0.shownRecipient, subject: $0.subject, state: language.text("notifyState.\($0.state.rawValue)"),
                            sent: $0.state == .sent || $0.state == .merged, failed: $0.state == .failed, attempts: $0.attempts,
                            lastError: $0.lastError ?? "")
            })
        return env.renderer.page(.notificationAdmin, title: language.text("notifyCompany"), context: context, data: view, section: "users")
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageAccounts }
        var request = request
        let form = try await request.form(context: context)
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespaces) }
        let port = field("smtpPort")
        guard let number = port.isEmpty ? 25 : Int(port) else { throw WebError.badRequest("ポートは数字で入力してください。", "The port is a number.") }
        let settings = NotificationSettings(
            smtpHost: field("smtpHost"), smtpPort: number, smtpSender: field("smtpSender"),
            smtpTLS: field("smtpTLS").isEmpty ? "none" : field("smtpTLS"), webhookURL: field("webhookURL"))
        do throws(NotificationSetupError) { try settings.validate() } catch let problem { throw WebError.badRequest(problem.ja, problem.en) }
        try await env.store.setNotificationSettings(settings, company: company.id, by: identity.account.login)
        return .redirect(to: "/admin/notifications", type: .normal)
    }
}
