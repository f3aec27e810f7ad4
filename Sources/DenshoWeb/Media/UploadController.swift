import DenshoDomain
import DenshoMedia
import Foundation
import HTTPTypes
import Hummingbird

/// Resumable uploads following tus 1.0 (core, creation, termination). A phone on a shaky
/// connection sends the clip in chunks; if the connection drops, the client asks for the offset
/// (HEAD) and continues from there. Bytes go straight to a part file on disk, never into memory.
/// When the last byte arrives the file becomes an original in the library and a clip is queued.
struct UploadController {
    let env: PageEnvironment
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
        let metadata = Self.metadata(request.headers[Self.uploadMetadata] ?? "")
        let fileName = (metadata["filename"] ?? "clip.mp4").replacingOccurrences(of: "/", with: "_")
        let title = metadata["title"].flatMap { $0.isEmpty ? nil : $0 } ?? (fileName as NSString).deletingPathExtension
        let upload = Upload(
            id: Tokens.random(bytes: 16), companyID: company.id, accountID: identity.account.id, length: length,
            fileName: fileName, title: title, tags: ClipController.tags(metadata["tags"] ?? ""),
            createdAt: Date().timeIntervalSince1970)
        let path = env.configuration.dataRoot + "/" + upload.partPath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw WebError(.internalServerError, ja: "一時ファイルを作れません。", en: "Cannot create the upload file.")
        }
        try await env.store.createUpload(upload)
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
        let (identity, upload) = try await find(context)
        guard request.headers[.contentType] == "application/offset+octet-stream" else {
            throw WebError(.unsupportedMediaType, ja: "送信形式が正しくありません。", en: "Use application/offset+octet-stream.")
        }
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
        try await env.store.setUploadOffset(upload.id, offset: written)
        if let failure { throw failure }

        var headers = baseHeaders
        headers[Self.uploadOffset] = String(written)
        if written == upload.length {
            let clip = try await finish(upload, path: path, identity: identity)
            headers[Self.clipHeader] = clip.description
        }
        return Response(status: .noContent, headers: headers)
    }

    /// Moves the complete file into the library and queues the clip.
    func finish(_ upload: Upload, path: String, identity: Identity) async throws -> Clip.ID {
        let library = MediaLibrary(root: env.configuration.dataRoot)
        let stored = try library.storeOriginal(from: path, name: upload.fileName, move: true)
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
        guard upload.clipID == nil else { throw WebError(.conflict, ja: "完了したアップロードは削除できません。", en: "The upload is complete.") }
        try? FileManager.default.removeItem(atPath: env.configuration.dataRoot + "/" + upload.partPath)
        try await env.store.deleteUpload(upload.id)
        return Response(status: .noContent, headers: baseHeaders)
    }

    /// The upload, only for the account that started it.
    func find(_ context: AppRequestContext) async throws -> (Identity, Upload) {
        let (identity, company) = try context.require { $0.account.role != .association }
        guard let id = context.parameters.get("upload"), id.allSatisfy(\.isHexDigit),
            let upload = try await env.store.upload(id, company: company.id), upload.accountID == identity.account.id
        else { throw WebError.notFound }
        return (identity, upload)
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
