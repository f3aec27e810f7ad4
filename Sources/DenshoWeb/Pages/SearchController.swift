import DenshoDomain
import Foundation
import Hummingbird

/// Full-text search over people, skills, clips, chapters and manual steps, filtered to what the
/// caller may open.
struct SearchController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/search", use: search)
    }

    struct Hit { var kind: String; var title: String; var snippet: String; var href: String }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let query = request.query("q") ?? ""
        let hits = try await Self.hits(query, identity: identity, company: company, env: env, language: context.language)
        return env.renderer.page(.search, title: context.language.text("search"), context: context,
                                 data: ["q": query, "hits": hits, "searched": !query.isEmpty] as [String: Any])
    }

    /// Hits the caller may open, with links. Shared with the JSON API.
    static func hits(_ query: String, identity: Identity, company: Company, env: PageEnvironment, language: Language) async throws -> [Hit] {
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        let raw = try await env.store.search(query, company: company.id, limit: 50)
        var hits: [Hit] = []
        for hit in raw {
            switch hit.kind {
            case "employee":
                guard let employee = try await env.store.employee(.init(hit.id), company: company.id),
                    identity.policy.canViewEmployee(employee) else { continue }
                hits.append(Hit(kind: language.text("employee"), title: hit.title, snippet: hit.snippet, href: "/employees/\(hit.id)"))
            case "clip":
                hits.append(Hit(kind: language.text("clip"), title: hit.title, snippet: hit.snippet, href: "/clips/\(hit.id)"))
            case "chapter":
                guard let target = try await env.store.chapterLocation(.init(hit.id), company: company.id) else { continue }
                hits.append(Hit(kind: language.text("chapters"), title: hit.title, snippet: hit.snippet,
                                href: "/clips/\(target.clip)#t=\(Int(target.time))"))
            case "manual":
                hits.append(Hit(kind: language.text("manuals"), title: hit.title, snippet: hit.snippet, href: "/manuals/\(hit.id)"))
            case "skill":
                hits.append(Hit(kind: language.text("skills"), title: hit.title, snippet: hit.snippet, href: "/skillmap"))
            default:
                continue
            }
        }
        return hits
    }
}
