import DenshoDomain
import Foundation
import Hummingbird

/// Search over people, skills, clips, chapters and manuals: the results page, the header box's as-you-type
/// suggestions, and (through `results`) the JSON API. Hits are filtered to what the caller may open.
struct SearchController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/search", use: search)
        router.get("/search/suggest", use: suggest)
    }

    /// A hit as pages and the API show it.
    struct Hit: Encodable {
        var kind: String
        var kindLabel: String
        var title: MarkedText
        var snippet: MarkedText
        var href: String
        /// Where a chapter starts, as `m:ss`, and in seconds.
        var at: String?
        var seconds: Double?
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let raw = request.query("q") ?? ""
        // 20 hits a page, more on asking (さらに表示 doubles it), at most 200.
        let limit = min(200, max(20, request.query("n").flatMap { Int($0) } ?? 20))
        let (query, hits) = try await Self.results(
            raw, identity: identity, company: company, env: env, language: context.language, limit: limit, snippets: true)
        let language = context.language
        let data: [String: Any] = [
            "q": raw, "hits": SearchHitList(hits: hits, language: language).html(), "found": !hits.isEmpty, "searched": !query.isEmpty,
            "count": hits.isEmpty ? false : language.text("searchCount").replacingOccurrences(of: "{n}", with: String(hits.count)),
            "notices": Self.notices(query, language: language),
            "more": hits.count == limit && limit < 200
                ? "/search?q=" + (raw.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&n=\(limit * 2)" : false,
        ]
        return env.renderer.page(.search, title: language.text("search"), context: context, data: data)
    }

    /// Up to 8 hits as JSON for the header box, typed into on a phone.
    @Sendable func suggest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let (_, hits) = try await Self.results(
            request.query("q") ?? "", identity: identity, company: company, env: env, language: context.language, limit: 8, snippets: false)
        return try JSONResponse.make(SuggestionsJSON(hits: hits.map {
            SuggestionJSON(kind: $0.kindLabel, title: $0.title.parts.map { PartJSON(text: $0.text, match: $0.match) },
                           at: $0.at, href: $0.href)
        }))
    }

    struct PartJSON: Encodable { var text: String; var match: Bool }
    struct SuggestionJSON: Encodable { var kind: String; var title: [PartJSON]; var at: String?; var href: String }
    struct SuggestionsJSON: Encodable { var hits: [SuggestionJSON] }

    /// The hits of `raw` the caller may open, best first, with links. Shared with the JSON API.
    static func results(
        _ raw: String, identity: Identity, company: Company, env: PageEnvironment, language: Language, limit: Int, snippets: Bool
    ) async throws -> (SearchQuery, [Hit]) {
        let query = SearchQuery(raw)
        guard !query.isEmpty else { return (query, []) }
        let policy = identity.policy
        // People the caller may not open are left out before the page is counted.
        let found = try await env.store.search(query, company: company.id, limit: limit, snippets: snippets) { hit in
            hit.kind != .employee || policy.canViewEmployee(.init(hit.id), department: hit.departmentID.map(Department.ID.init))
        }
        var hits: [Hit] = []
        for hit in found {
            let href: String
            var at: String?
            switch hit.kind {
            case .employee:
                href = "/employees/\(hit.id)"
            case .clip:
                href = "/clips/\(hit.id)"
            case .chapter:
                guard let clip = hit.clipID else { continue }
                let seconds = Int(hit.at ?? 0)
                href = "/clips/\(clip)#t=\(seconds)"
                at = String(format: "%d:%02d", seconds / 60, seconds % 60)
            case .manual:
                href = "/manuals/\(hit.id)"
            case .skill:
                href = "/skillmap"
            }
            hits.append(Hit(kind: hit.kind.rawValue, kindLabel: language.text(label(hit.kind)), title: hit.title, snippet: hit.snippet,
                            href: href, at: at, seconds: hit.kind == .chapter ? hit.at : nil))
        }
        return (query, hits)
    }

    static func label(_ kind: SearchHit.Kind) -> String {
        switch kind {
        case .employee: "employee"
        case .clip: "clip"
        case .chapter: "chapters"
        case .manual: "manuals"
        case .skill: "skills"
        }
    }

    /// What the person should know about how their query was taken.
    static func notices(_ query: SearchQuery, language: Language) -> [String] {
        query.notices.map {
            switch $0 {
            case .shortened: language.text("searchShortened")
            case .tooManyWords: language.text("searchTooManyWords")
            case .nothingToSearch: language.text("searchNothing")
            }
        }
    }
}
