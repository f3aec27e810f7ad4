import DenshoDomain
import DenshoMedia
import Foundation
import Hummingbird

/// Training clips: the list with posters and live status, the player with chapters and the
/// storyboard, editing tags and chapters, retrying a failed clip, deleting one, and the rendition files.
struct ClipController {
    let env: PageEnvironment
    let delivery = FileDelivery()

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/clips", use: list)
        router.get("/clips/{id}", use: show)
        router.get("/clips/{id}/status", use: status)
        router.post("/clips/{id}", use: update)
        router.post("/clips/{id}/chapters", use: addChapter)
        router.post("/clips/{id}/retry", use: retry)
        router.post("/clips/{id}/delete", use: delete)
        router.get("/clips/{id}/media/{name}", use: media)
        router.head("/clips/{id}/media/{name}", use: media)
    }

    struct ClipCard {
        var id: String
        var title: String
        var tags: [String]
        var status: String
        var statusCode: String
        var ready: Bool
        var duration: String
        var failure: String?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.account.role != .association }
        let cards = try await env.store.clips(company: company.id, status: nil).reversed().map(Self.card)
        let view: [String: Any] = [
            "clips": cards, "empty": cards.isEmpty, "maxBytes": String(env.configuration.maxUploadBytes),
        ]
        return env.renderer.page(.clips, title: context.language.text("clips"), context: context, data: view)
    }

    static func card(_ clip: Clip) -> ClipCard {
        ClipCard(
            id: clip.id.description, title: clip.title, tags: clip.tags, status: clip.status.label,
            statusCode: clip.status.rawValue, ready: clip.status == .ready,
            duration: clip.manifest.map { ClipTime.clock($0.duration) } ?? "", failure: clip.failureReason)
    }

    struct ChapterView { var time: Double; var clock: String; var title: String; var suggested: Bool }
    struct ManualLink { var id: String; var title: String; var status: String }
    struct PlayerView {
        var clip: ClipCard
        var description: String
        var tagsText: String
        var skills: [String]
        var chapters: [ChapterView]
        var manuals: [ManualLink]
        var canEdit: Bool
        var canDelete: Bool
        var canWriteManual: Bool
        var failed: Bool
        var processing: Bool
        var width: Int
        var height: Int
        var storyboard: Bool
        var originalName: String
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        let clip = try await clip(context, company)
        let skills = Dictionary(uniqueKeysWithValues: try await env.store.skills(company: company.id, includeRetired: true).map { ($0.id, $0.name) })
        let chapters = try await env.store.chapters(of: clip.id, company: company.id)
        let manuals = try await env.store.manuals(company: company.id, clip: clip.id)
        let view = PlayerView(
            clip: Self.card(clip), description: clip.description, tagsText: clip.tags.joined(separator: ", "),
            skills: clip.skillIDs.compactMap { skills[$0] },
            chapters: chapters.map { ChapterView(time: $0.time, clock: ClipTime.clock($0.time), title: $0.title, suggested: $0.suggested) },
            manuals: manuals.map { ManualLink(id: $0.id.description, title: $0.title, status: $0.status.label) },
            canEdit: identity.policy.canEditClip(clip), canDelete: identity.policy.canDeleteClip(clip),
            canWriteManual: identity.policy.canWriteManuals,
            failed: clip.status == .failed, processing: clip.status == .uploaded || clip.status == .processing,
            width: clip.manifest?.width ?? 1280, height: clip.manifest?.height ?? 720,
            storyboard: clip.manifest?.storyboard.sprites.isEmpty == false, originalName: clip.originalName)
        return env.renderer.page(.clip, title: clip.title, context: context, data: view, section: "clips")
    }

    struct Status: Codable { var id: Int64; var status: String; var label: String; var progress: Double; var failure: String? }

    /// Polled by the list and player pages while a clip is processing.
    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.account.role != .association }
        let clip = try await clip(context, company)
        return try JSONResponse.make(try await Self.status(of: clip, store: env.store))
    }

    static func status(of clip: Clip, store: any DenshoRepository) async throws -> Status {
        let job = try await store.jobs(clip: clip.id).last
        let progress = clip.status == .ready ? 1 : (job?.progress ?? 0)
        return Status(id: clip.id.rawValue, status: clip.status.rawValue, label: clip.status.label, progress: progress,
                      failure: clip.failureReason)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, _, found) = try await editableClip(context)
        var clip = found
        var request = request
        let form = try await request.form(context: context)
        clip.title = try form.required("title", ja: "タイトル", en: "Title")
        clip.description = form["description"] ?? clip.description
        clip.tags = Self.tags(form["tags"] ?? "")
        try await env.store.updateClip(clip, by: identity.account.login)
        return .redirect(to: "/clips/\(clip.id)", type: .normal)
    }

    @Sendable func addChapter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company, clip) = try await editableClip(context)
        var request = request
        let form = try await request.form(context: context)
        let title = try form.required("title", ja: "チャプター名", en: "Chapter title")
        guard let time = ClipTime.seconds(form["time"] ?? ""), time >= 0, time <= (clip.manifest?.duration ?? .infinity) else {
            throw WebError.badRequest("時刻は 1:23 または秒数で、動画の長さ以内で入力してください。", "Give the time as 1:23 or seconds, within the clip.")
        }
        _ = try await env.store.addChapter(
            Chapter(id: .init(0), clipID: clip.id, time: time, title: title, suggested: false), company: company.id,
            by: identity.account.login)
        return .redirect(to: "/clips/\(clip.id)", type: .normal)
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company, clip) = try await editableClip(context)
        try await env.store.retryClip(clip.id, company: company.id, by: identity.account.login)
        return .redirect(to: "/clips/\(clip.id)", type: .normal)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.requireMember()
        try await Self.delete(try await clip(context, company), identity: identity, env: env)
        return .redirect(to: "/clips", type: .normal)
    }

    /// Deletes a clip for someone who may (else 403): its record, then its renditions and its
    /// original when no other clip refers to it (one stored within the hour is left to the sweep).
    /// 409 naming the manuals while approved revisions show it.
    static func delete(_ clip: Clip, identity: Identity, env: PageEnvironment) async throws {
        guard identity.policy.canDeleteClip(clip) else { throw WebError.forbidden }
        let removal: ClipRemoval
        do {
            removal = try await env.store.removeClip(clip.id, company: clip.companyID, by: identity.account.login)
        } catch let inUse as ClipInUse {
            let names = inUse.manuals.map { "「\($0)」" }.joined(separator: "、")
            throw WebError(
                .conflict, ja: "承認済みのマニュアル\(names)がこの動画を使っているため削除できません（承認された版は記録として残します）。",
                en: "The approved manual(s) \(inUse.manuals.map { "“\($0)”" }.joined(separator: ", ")) use this clip, "
                    + "so it cannot be deleted (approved revisions are kept as records).")
        }
        MediaLibrary(root: env.configuration.dataRoot).removeFiles(of: removal)
    }

    /// A rendition file. The name must be one the clip's manifest lists; the path is built from
    /// the clip's id and that name, never from the request.
    @Sendable func media(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.account.role != .association }
        let id = Clip.ID(try context.parameters.id())
        // Only names the ready clip's manifest lists; the path is built from the clip id, not the URL.
        guard let file = context.parameters.get("name"), try await env.store.clipServes(id, company: company.id, file: file) else {
            throw WebError.notFound
        }
        let type = file.hasSuffix(".mp4") ? "video/mp4" : file.hasSuffix(".vtt") ? "text/vtt; charset=utf-8" : "image/jpeg"
        let path = env.configuration.dataRoot + "/" + MediaPaths.renditions(clip: id) + "/" + file
        return try await delivery.respond(path: path, contentType: type, request: request, context: context)
    }

    /// The clip of the route for someone who may edit it (owner, supervisors, admins).
    func editableClip(_ context: AppRequestContext) async throws -> (Identity, Company, Clip) {
        let (identity, company) = try context.requireMember()
        let clip = try await clip(context, company)
        guard identity.policy.canEditClip(clip) else { throw WebError.forbidden }
        return (identity, company, clip)
    }

    func clip(_ context: AppRequestContext, _ company: Company) async throws -> Clip {
        guard let clip = try await env.store.clip(.init(try context.parameters.id()), company: company.id) else {
            throw WebError.notFound
        }
        return clip
    }

    static func tags(_ text: String) -> [String] {
        var seen = Set<String>()
        return text.split(whereSeparator: { $0 == "," || $0 == "、" || $0 == "，" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

}
