import DenshoDomain
import Foundation
import Hummingbird

/// What printed sheets say about the company: the recruiting URL and message, the support it
/// gives, the address QR codes point at, and employees' stories (printed anonymized, only with
/// consent). HR and administrators keep it.
struct PublishingController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/publishing", use: page)
        router.post("/admin/publishing", use: save)
        router.post("/admin/stories", use: addStory)
        router.post("/admin/stories/{id}/consent", use: consent)
    }

    struct StoryRow { var id: String; var employee: String; var text: String; var consented: Bool; var date: String }
    struct Option { var id: String; var name: String }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.canManagePublishing }
        let settings = try await env.store.settings(company: company.id)
        let people = try await env.store.employees(company: company.id, filter: EmployeeFilter(activeOn: env.today))
        let names = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.name) })
        let view: [String: Any] = [
            "recruitingURL": settings.recruitingURL ?? "", "baseURL": settings.publicBaseURL ?? "",
            "message": settings.recruitingMessage, "support": settings.supportPrograms.joined(separator: "\n"),
            "stories": try await env.store.stories(company: company.id, consentedOnly: false).map {
                StoryRow(id: $0.id.description, employee: names[$0.employeeID] ?? "（退職）", text: $0.text, consented: $0.consented,
                         date: $0.writtenOn.slashed)
            },
            "people": people.map { Option(id: $0.id.description, name: "\($0.number) \($0.name)") },
        ]
        return env.renderer.page(.publishing, title: context.language.text("publishing"), context: context, data: view)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManagePublishing }
        var request = request
        let form = try await request.form(context: context)
        func url(_ name: String) throws -> String? {
            guard let value = form[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            guard CompanySettings.isWebAddress(value) else {
                throw WebError.badRequest("URLは http:// または https:// で始めてください。", "URLs start with http:// or https://.")
            }
            return value
        }
        let settings = CompanySettings(
            recruitingURL: try url("recruitingURL"), publicBaseURL: try url("baseURL"),
            supportPrograms: (form["support"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty },
            recruitingMessage: form["message"] ?? "")
        try await env.store.updateSettings(settings, company: company.id, by: identity.account.login)
        return .redirect(to: "/admin/publishing", type: .normal)
    }

    @Sendable func addStory(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManagePublishing }
        var request = request
        let form = try await request.form(context: context)
        guard let id = form.int64("employee"), let employee = try await env.store.employee(.init(id), company: company.id) else {
            throw WebError.notFound
        }
        let text = try form.required("text", ja: "本文", en: "Text")
        _ = try await env.store.addStory(
            EmployeeStory(id: .init(0), employeeID: employee.id, text: text, consented: form["consent"] != nil, writtenOn: env.today),
            company: company.id, by: identity.account.login)
        return .redirect(to: "/admin/publishing", type: .normal)
    }

    @Sendable func consent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManagePublishing }
        let id = EmployeeStory.ID(try context.parameters.id())
        guard try await env.store.stories(company: company.id, consentedOnly: false).contains(where: { $0.id == id }) else {
            throw WebError.notFound
        }
        var request = request
        let form = try await request.form(context: context)
        try await env.store.setStoryConsent(id, consented: form["consented"] == "1", company: company.id, by: identity.account.login)
        return .redirect(to: "/admin/publishing", type: .normal)
    }
}
