import DenshoDomain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Mustache

/// Renders pages: the Mustache library is loaded once at start (a broken template stops the
/// server from starting, not a request), and every page gets the same shell: language, user,
/// navigation and the CSRF token for its forms.
struct Renderer: Sendable {
    /// The templates once per language, with the string table's text already in them (`TemplateTranslation`).
    let libraries: [Language: MustacheLibrary]

    init(directory: String) async throws {
        var libraries: [Language: MustacheLibrary] = [:]
        for language in Language.allCases {
            let library = try TemplateTranslation.library(directory: directory, strings: language.strings)
            let missing = PageTemplate.allNames.filter { library.getTemplate(named: $0) == nil }
            guard missing.isEmpty else {
                throw WebError(.internalServerError, ja: "テンプレートがありません: \(missing)", en: "missing templates \(missing) in \(directory)")
            }
            libraries[language] = library
        }
        self.libraries = libraries
    }

    /// One link of the navigation bar. Values of every page are looked up by name rather than
    /// through `Mirror` (which builds all of a struct's children for each `{{name}}`).
    struct NavItem: MustacheParent {
        var href: String
        var label: String
        var active: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "href": href
            case "label": label
            case "active": active
            default: nil
            }
        }
    }

    struct UserView: MustacheParent {
        var name: String
        var role: String
        var company: String
        var canAdmin: Bool

        func child(named key: String) -> Any? {
            switch key {
            case "name": name
            case "role": role
            case "company": company
            case "canAdmin": canAdmin
            default: nil
            }
        }
    }

    func page(
        _ template: PageTemplate, title: String, context: AppRequestContext, data: Any = [String: String](),
        status: HTTPResponse.Status = .ok, section: String? = nil, splice: ByteBuffer? = nil
    ) -> Response {
        let language = context.language
        var shell: [String: Any] = [
            "t": language.strings, "lang": language.rawValue, "title": title, "data": data,
            "otherLang": language == .ja ? "en" : "ja",
        ]
        if let identity = context.identity {
            shell["csrf"] = identity.session?.csrfToken ?? ""
            shell["user"] = UserView(
                name: identity.account.displayName, role: Self.roleLabel(identity.account.role, language),
                company: identity.company?.name ?? "", canAdmin: identity.policy.canManageAccounts)
            shell["nav"] = navigation(identity.policy, language: language, active: section ?? template.rawValue)
            // Only when there are some: the badge shows only then.
            if context.unreadNotifications > 0 { shell["unread"] = context.unreadNotifications }
            shell["member"] = identity.company != nil
        }
        let headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        guard let html = libraries[language]?.render(shell, withTemplate: template.rawValue) else {
            // Checked at start, so only a template removed while running gets here: the usual error page.
            return renderFailed(template, context: context, headers: headers)
        }
        // A large fragment rendered once (the 力量表 grid) goes out as its own buffer, never copied
        // into the page: the template holds `Renderer.spliceMarker` where it belongs.
        if let splice, let marker = html.range(of: Self.spliceMarker) {
            let parts = [ByteBuffer(string: String(html[..<marker.lowerBound])), splice, ByteBuffer(string: String(html[marker.upperBound...]))]
            return Response(status: status, headers: headers, body: .init(contentsOf: parts))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static let spliceMarker = "<!--densho:splice-->"

    func renderFailed(_ template: PageTemplate, context: AppRequestContext, headers: HTTPFields) -> Response {
        let error = WebError(.internalServerError, ja: "内部エラーが発生しました。", en: "Internal error.")
        context.logger.error("template failed to render", metadata: ["template": "\(template.rawValue)"])
        if template != .error { return errorPage(error, context: context) }
        return Response(status: .internalServerError, headers: headers, body: .init(byteBuffer: ByteBuffer(string: error.message(context.language))))
    }

    func errorPage(_ error: WebError, context: AppRequestContext) -> Response {
        page(.error, title: error.message(context.language), context: context,
             data: ["message": error.message(context.language), "status": String(error.status.code)], status: error.status)
    }

    func navigation(_ policy: AccessPolicy, language: Language, active: String) -> [NavItem] {
        var items: [(String, String, String)] = [("/", "dashboard", "dashboard")]
        if policy.account.role != .association {
            items += [("/skillmap", "skillmap", "skillmap"), ("/clips", "clips", "clips"), ("/manuals", "manuals", "manuals"),
                      ("/training", "training", "training"), ("/checks", "chkNav", "checks")]
            if policy.canViewCareerPaths { items.append(("/paths", "careerPaths", "paths")) }
            if policy.account.role != .staff { items.append(("/employees", "employees", "employees")) }
            items.append(("/proposals", "proposals", "proposals"))
            if policy.canManageMentoring || policy.canRecordMeetings { items.append(("/mentoring", "mentoring", "mentoring")) }
            if policy.canSeeCompanyKPIs { items.append(("/kpi", "kpi", "kpi")) }
            if policy.canManagePublishing { items.append(("/admin/publishing", "publishing", "publishing")) }
            items.append(("/search", "search", "search"))
        }
        if policy.canManageAccounts { items.append(("/admin/users", "admin", "users")) }
        return items.map { NavItem(href: $0.0, label: language.text($0.1), active: $0.2 == active) }
    }

    static func roleLabel(_ role: Role, _ language: Language) -> String {
        switch (role, language) {
        case (.staff, .ja): "スタッフ"
        case (.supervisor, .ja): "監督者"
        case (.hr, .ja): "人事"
        case (.admin, .ja): "管理者"
        case (.association, .ja): "協議会"
        case (_, .en): role.rawValue
        }
    }
}
