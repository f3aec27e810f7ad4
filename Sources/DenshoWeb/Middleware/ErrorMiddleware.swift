import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Logging

/// Turns errors into what the caller can read: a Japanese (or English) page for browsers, a redirect
/// to the login form for anonymous page views, and RFC 9457 problem+json to scripts (`scriptPaths`).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: Renderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            // This middleware sits outside the one that reads the language cookie: read it here too,
            // so error pages speak the language the person chose.
            var context = context
            context.language = Language(request: request)
            let web = Self.webError(error)
            if web.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            }
            // Scripts read problem+json: the API's clients, the uploader's tus requests (it shows the message) and
            // the header box's suggestions.
            if Self.scriptPaths.contains(where: request.uri.path.hasPrefix) {
                return Problem(error: web, language: context.language, instance: request.uri.path).response()
            }
            // Page views go to the login form.
            if web.status == .unauthorized, request.method == .get || request.method == .head {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return .redirect(to: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            var response = renderer.errorPage(web, context: context)
            response.headers.append(contentsOf: web.headers)
            return response
        }
    }

    /// Paths whose callers are scripts, answered with problem+json rather than a page or a redirect.
    static let scriptPaths = ["/api/", "/uploads", "/search/suggest"]

    /// Maps store and framework errors to statuses without leaking internals.
    static func webError(_ error: any Error) -> WebError {
        switch StoreError.classify(error) {
        case let error as WebError: return error
        case let error as StoreError:
            switch error {
            case .notFound: return .notFound
            case .duplicate(let entity, let key):
                return WebError(.conflict, ja: "「\(key)」は既に登録されています。", en: "\(entity) '\(key)' already exists.")
            case .invalid(let message):
                // "日本語 (English)" refusals speak each reader's language; English-only ones get a Japanese lead.
                if WebError.englishPart(message) != message { return WebError(.badRequest, storeMessage: message) }
                return WebError(.badRequest, ja: "入力内容を確認してください: \(message)", en: message)
            case .diskFull:
                return WebError(.insufficientStorage, ja: "保存先のディスクの空き容量が足りないため、保存できませんでした。管理者に連絡してください。",
                                en: "The disk is full: nothing was saved. Please tell the administrator.")
            default: return WebError(.internalServerError, ja: "内部エラーが発生しました。", en: "Internal error.")
            }
        case is NIOTooManyBytesError:
            // A body collected with a limit (`collect(upTo:)`) that was larger.
            return WebError(.contentTooLarge, ja: "送られたデータが大きすぎます。", en: "The request body is too large.")
        case let error as HTTPError:
            let message = error.body ?? error.status.reasonPhrase
            return WebError(error.status, ja: Self.japanese(error.status) ?? message, en: message, headers: error.headers)
        default:
            return WebError(.internalServerError, ja: "内部エラーが発生しました。", en: "Internal error.")
        }
    }

    static func japanese(_ status: HTTPResponse.Status) -> String? {
        switch status.code {
        case 404: "ページが見つかりませんでした。"
        case 405: "この操作はできません。"
        case 413: "ファイルが大きすぎます。"
        case 400: "リクエストが正しくありません。"
        default: nil
        }
    }
}
