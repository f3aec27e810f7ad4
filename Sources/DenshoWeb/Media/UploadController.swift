import DenshoDomain
import DenshoMedia
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Resumable uploads following tus 1.0 (core, creation, termination). A phone on a shaky
/// connection sends the clip in chunks; if the connection drops, the client asks for the offset
/// (HEAD) and continues from there. Bytes go straight to a part file on disk, never into memory.
/// When the last byte arrives the file becomes an original in the library and a clip is queued.
///
/// Limits: the size of one file, the unfinished uploads an account and a company may hold
/// (`UploadQuota`, 429), the free space of the data directory (507), one writer per upload at a
/// time (409), and only videos (415: a file whose first bytes announce no video container is
/// removed). Uploads nobody sends to are removed by `MediaSweep`.
struct UploadController {
    let env: PageEnvironment
    /// Uploads a request is writing or removing right now.
    let busy = BusyUploads()
    static let tusVersion = "1.0.0"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.on("/uploads", method: .options, use: options)
        router.post("/uploads", use: create)
        router.head("/uploads/{upload}", use: head)
        router.patch("/uploads/{upload}", use: patch)
        router.delete("/uploads/{upload}", use: terminate)
    }

    var baseHeaders: HTTPFields { [Self.tusResumable: Self.tusVersion, .cacheControl: "no-store"] }

    @Sendable func options(_ request: Request, context: AppRequestContext) async throws -> Response {
        var headers = baseHeaders
        headers[Self.tusVersionHeader] = Self.tusVersion
        headers[Self.tusExtension] = "creation,termination"
        headers[Self.tusMaxSize] = String(env.configuration.maxUploadBytes)
        return Response(status: .noContent, headers: headers)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.account.role != .association }
        guard let length = request.headers[Self.uploadLength].flatMap(Int64.init), length > 0 else {
            throw WebError.badRequest("ファイルの大きさがわかりません。", "Upload-Length is required.")
        }
        guard length <= env.configuration.maxUploadBytes else {
            let limit = env.configuration.maxUploadBytes >> 20
            throw WebError(.contentTooLarge, ja: "ファイルが大きすぎます（上限 \(limit) MB）。", en: "The file is larger than \(limit) MB.")
        }
        // The whole file must fit, with room left for everything else the server writes.
        let library = MediaLibrary(root: env.configuration.dataRoot)
        if let free = library.freeBytes(), length > free - env.configuration.minimumFreeBytes {
            throw WebError(
                .insufficientStorage, ja: "サーバーの空き容量が足りないため、このファイルを受け付けられません。管理者に連絡してください。",
                en: "The server has not enough free disk space for this file. Please tell the administrator.")
        }
        let metadata = Self.metadata(request.headers[Self.uploadMetadata] ?? "")
        let fileName = (metadata["filename"] ?? "clip.mp4").replacingOccurrences(of: "/", with: "_")
        let title = metadata["title"].flatMap { $0.isEmpty ? nil : $0 } ?? (fileName as NSString).deletingPathExtension
        let upload = Upload(
            id: Tokens.random(bytes: 16), companyID: company.id, accountID: identity.account.id, length: length,
            fileName: fileName, title: title, tags: ClipController.tags(metadata["tags"] ?? ""),
            createdAt: Date().timeIntervalSince1970)
        do {
            try await env.store.createUpload(upload, within: env.configuration.uploadQuota)
        } catch let refusal as UploadQuotaExceeded {
            throw Self.quotaError(refusal, staleHours: max(1, Int(env.configuration.sweep.staleUploadAge / 3600)))
        }
        let path = env.configuration.dataRoot + "/" + upload.partPath
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw WebError(.internalServerError, ja: "一時ファイルを作れません。", en: "Cannot create the upload file.")
            }
        } catch {
            try? await env.store.deleteUpload(upload.id)
            throw error
        }
        var headers = baseHeaders
        headers[.location] = "/uploads/\(upload.id)"
        headers[Self.uploadOffset] = "0"
        return Response(status: .created, headers: headers)
    }

    @Sendable func head(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, upload) = try await find(context)
        var headers = baseHeaders
        headers[Self.uploadOffset] = String(upload.offset)
        headers[Self.uploadLength] = String(upload.length)
        if let clip = upload.clipID { headers[Self.clipHeader] = clip.description }
        return Response(status: .ok, headers: headers)
    }

    @Sendable func patch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, found) = try await find(context)
        guard request.headers[.contentType] == "application/offset+octet-stream" else {
            throw WebError(.unsupportedMediaType, ja: "送信形式が正しくありません。", en: "Use application/offset+octet-stream.")
        }
        // One writer at a time: a second request is refused at once, never mixed into the file.
        guard busy.claim(found.id) else { throw Self.busyError(offset: found.offset) }
        defer { busy.release(found.id) }
        // Read again now that no one else writes: a request that just ended may have moved the offset.
        guard let upload = try await env.store.upload(found.id, company: found.companyID) else { throw WebError.notFound }
        guard let offset = request.headers[Self.uploadOffset].flatMap(Int64.init), offset == upload.offset else {
            var error = WebError(.conflict, ja: "送信位置が一致しません。再開してください。", en: "Upload-Offset does not match.")
            error.headers[Self.uploadOffset] = String(upload.offset)
            throw error
        }
        guard upload.clipID == nil else { throw WebError(.conflict, ja: "アップロードは完了しています。", en: "The upload is complete.") }
        let path = env.configuration.dataRoot + "/" + upload.partPath
        guard let handle = FileHandle(forWritingAtPath: path) else { throw WebError.notFound }
        var written = offset
        var failure: (any Error)?
        do {
            try handle.truncate(atOffset: UInt64(offset))  // drop any bytes never acknowledged
            for try await chunk in request.body {
                guard written + Int64(chunk.readableBytes) <= upload.length else {
                    throw WebError(.contentTooLarge, ja: "宣言より大きなデータが送られました。", en: "More bytes than Upload-Length.")
                }
                try handle.write(contentsOf: chunk.readableBytesView)
                written += Int64(chunk.readableBytes)
            }
        } catch {
            failure = error  // a dropped connection: keep what arrived, the client resumes from there
        }
        try? handle.synchronize()
        try? handle.close()
        // Another process (a second server on the same data) may have moved it meanwhile.
        guard try await env.store.setUploadOffset(upload.id, from: offset, to: written) else {
            let current = try await env.store.upload(upload.id, company: upload.companyID)
            throw Self.busyError(offset: current?.offset ?? offset)
        }
        if let failure { throw failure }

        // Not a video: refused as soon as the first bytes are here (why wait for gigabytes?), and
        // checked again at the end.
        let header = min(upload.length, Int64(ContainerSniffer.headerLength))
        var container: ContainerSniffer.Container?
        if written == upload.length || (offset < header && written >= header) {
            container = try await requireVideo(upload, path: path)
        }
        var headers = baseHeaders
        headers[Self.uploadOffset] = String(written)
        if written == upload.length, let container {
            let clip = try await finish(upload, path: path, container: container, identity: identity)
            headers[Self.clipHeader] = clip.description
        }
        return Response(status: .noContent, headers: headers)
    }

    /// The container the part file starts with. A file that announces none is no video: it is
    /// removed with its record (no original is kept of it) and refused.
    func requireVideo(_ upload: Upload, path: String) async throws -> ContainerSniffer.Container {
        if let container = ContainerSniffer.container(ofFile: path) { return container }
        try await discard(upload)
        throw WebError(
            .unsupportedMediaType,
            ja: "動画ファイルではないため受け付けられません。MP4・MOV・MKV・WebM・AVI・MPEG-TS などの動画を選んでください。",
            en: "This file is not a video. Choose an MP4, MOV, MKV, WebM, AVI or MPEG-TS file.")
    }

    /// Moves the complete file into the library and queues the clip.
    func finish(_ upload: Upload, path: String, container: ContainerSniffer.Container, identity: Identity) async throws -> Clip.ID {
        let library = MediaLibrary(root: env.configuration.dataRoot)
        let stored = try library.storeOriginal(
            from: path, name: ContainerSniffer.storedName(upload.fileName, container: container), move: true)
        let (clip, _) = try await env.store.addClip(
            Clip(id: .init(0), companyID: upload.companyID, ownerID: identity.account.employeeID, title: upload.title,
                 tags: upload.tags, originalHash: stored.hash, originalExtension: stored.fileExtension,
                 originalName: upload.fileName, originalSize: stored.size),
            by: identity.account.login)
        try await env.store.finishUpload(upload.id, clip: clip.id)
        return clip.id
    }

    @Sendable func terminate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, upload) = try await find(context)
        guard busy.claim(upload.id) else { throw Self.busyError(offset: upload.offset) }
        defer { busy.release(upload.id) }
        guard upload.clipID == nil else { throw WebError(.conflict, ja: "完了したアップロードは削除できません。", en: "The upload is complete.") }
        try await discard(upload)
        return Response(status: .noContent, headers: baseHeaders)
    }

    /// An unfinished upload's part file and record, gone (termination, or a file that is no video).
    func discard(_ upload: Upload) async throws {
        try? FileManager.default.removeItem(atPath: env.configuration.dataRoot + "/" + upload.partPath)
        try await env.store.deleteUpload(upload.id)
    }

    /// The upload, only for the account that started it.
    func find(_ context: AppRequestContext) async throws -> (Identity, Upload) {
        let (identity, company) = try context.require { $0.account.role != .association }
        guard let id = context.parameters.get("upload"), id.allSatisfy(\.isHexDigit),
            let upload = try await env.store.upload(id, company: company.id), upload.accountID == identity.account.id
        else { throw WebError.notFound }
        return (identity, upload)
    }

    static func busyError(offset: Int64) -> WebError {
        var error = WebError(
            .conflict, ja: "このアップロードには別の送信が進行中です。少し待ってから再開してください。",
            en: "Another request is writing this upload. Wait a moment, then resume.")
        error.headers[uploadOffset] = String(offset)
        return error
    }

    /// 429 naming the limit, and how the caller gets below it again.
    static func quotaError(_ refusal: UploadQuotaExceeded, staleHours: Int) -> WebError {
        let quota = refusal.quota
        let resume = "中断したアップロードは、同じファイルを選び直すと続きから再開できます。\(staleHours)時間送信のないものは自動で削除されます。"
        let resumeEn = "An interrupted upload resumes when you choose the same file again; "
            + "uploads with nothing sent for \(staleHours) hours are removed."
        let (ja, en): (String, String) =
            switch refusal.limit {
            case .accountUploads:
                ("送信途中のアップロードが上限の\(quota.uploadsPerAccount)件に達しています。",
                 "You already have \(quota.uploadsPerAccount) unfinished uploads, the most allowed.")
            case .accountBytes:
                ("送信途中のアップロードの合計が上限（\(size(quota.bytesPerAccount))）を超えます。",
                 "Your unfinished uploads would exceed \(size(quota.bytesPerAccount)) together.")
            case .companyUploads:
                ("会社全体で送信途中のアップロードが上限の\(quota.uploadsPerCompany)件に達しています。",
                 "Your company already has \(quota.uploadsPerCompany) unfinished uploads, the most allowed.")
            case .companyBytes:
                ("会社全体の送信途中のアップロードの合計が上限（\(size(quota.bytesPerCompany))）を超えます。",
                 "Your company's unfinished uploads would exceed \(size(quota.bytesPerCompany)) together.")
            }
        return WebError(.tooManyRequests, ja: ja + resume, en: en + " " + resumeEn)
    }

    /// Bytes as whole GB when they are, else MB (binary units, as the size limit is given).
    static func size(_ bytes: Int64) -> String {
        bytes >= 1 << 30 && bytes % (1 << 30) == 0 ? "\(bytes >> 30) GB" : "\(bytes >> 20) MB"
    }

    /// `Upload-Metadata`: comma-separated `key base64value` pairs.
    static func metadata(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in header.split(separator: ",") {
            let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            guard let key = parts.first else { continue }
            let value = parts.count > 1 ? Data(base64Encoded: String(parts[1])).map { String(decoding: $0, as: UTF8.self) } : ""
            result[String(key)] = value ?? ""
        }
        return result
    }

    static let tusResumable = HTTPField.Name("Tus-Resumable")!
    static let tusVersionHeader = HTTPField.Name("Tus-Version")!
    static let tusExtension = HTTPField.Name("Tus-Extension")!
    static let tusMaxSize = HTTPField.Name("Tus-Max-Size")!
    static let uploadLength = HTTPField.Name("Upload-Length")!
    static let uploadOffset = HTTPField.Name("Upload-Offset")!
    static let uploadMetadata = HTTPField.Name("Upload-Metadata")!
    /// Ours: the clip a finished upload became.
    static let clipHeader = HTTPField.Name("Densho-Clip")!
}

/// Ids of the uploads a request is writing or removing: a second request for one of them is
/// refused instead of waiting (the client asks for the offset and resumes).
final class BusyUploads: Sendable {
    private let ids = Mutex<Set<String>>([])

    /// Takes the upload for this request; false if another request has it.
    func claim(_ id: String) -> Bool { ids.withLock { $0.insert(id).inserted } }

    func release(_ id: String) { _ = ids.withLock { $0.remove(id) } }
}
