import Foundation
import HTTPTypes
import Hummingbird

extension HTTPResponse.Status {
    /// 507 (RFC 4918), which HTTPTypes does not name: the disk is full, for an upload or any write.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}

/// Errors that reach a browser or an API client: a status and a message in both languages.
/// The error middleware renders them as a page or as problem+json.
public struct WebError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var ja: String
    public var en: String
    /// Extra headers (Retry-After, Allow …).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, ja: String, en: String, headers: HTTPFields = [:]) {
        self.status = status
        self.ja = ja
        self.en = en
        self.headers = headers
    }

    public func message(_ language: Language) -> String { language == .ja ? ja : en }

    static let unauthenticated = WebError(.unauthorized, ja: "ログインしてください。", en: "Please log in.")
    static let forbidden = WebError(.forbidden, ja: "この操作を行う権限がありません。", en: "You are not allowed to do this.")
    static let notFound = WebError(.notFound, ja: "見つかりませんでした。", en: "Not found.")
    static let csrf = WebError(
        .forbidden, ja: "フォームの有効期限が切れました。ページを再読み込みしてからやり直してください。",
        en: "The form has expired. Reload the page and try again.")

    static func badRequest(_ ja: String, _ en: String) -> WebError { WebError(.badRequest, ja: ja, en: en) }
}

extension WebError {
    /// A store refusal written as "日本語 (English)": each language gets its own part.
    init(_ status: HTTPResponse.Status, storeMessage message: String) {
        self.init(status, ja: Self.japanesePart(message), en: Self.englishPart(message))
    }

    static func japanesePart(_ message: String) -> String {
        message.range(of: " (").map { String(message[..<$0.lowerBound]) } ?? message
    }

    /// The English in the parentheses of a store message (the whole message when it has none).
    static func englishPart(_ message: String) -> String {
        guard let open = message.range(of: " ("), message.hasSuffix(")") else { return message }
        return String(message[open.upperBound..<message.index(before: message.endIndex)])
    }
}
