import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts a message to a chat's incoming webhook as JSON. One body that both common shapes accept:
/// Slack (and Mattermost, Rocket.Chat …) read `text`; LINE WORKS reads `title` and `body.text`.
/// Any 2xx answer counts as delivered.
public struct WebhookPoster: Sendable {
    /// Seconds for the whole request.
    public var timeout: Double

    public init(timeout: Double = 10) {
        self.timeout = timeout
    }

    /// The JSON sent for a message.
    struct Payload: Encodable {
        struct Body: Encodable { var text: String }
        var text: String
        var title: String
        var body: Body
    }

    static func payload(title: String, text: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Payload(text: title + "\n" + text, title: title, body: Payload.Body(text: text)))
    }

    /// Throws `WebhookError` (its `isPermanent` says whether trying again can help).
    public func post(to address: String, title: String, text: String) async throws {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil
        else { throw WebhookError.invalidAddress(address) }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.timeoutInterval = timeout
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.httpBody = try Self.payload(title: title, text: text)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let status: Int
        do {
            let (_, response) = try await session.data(for: request)
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
        } catch {
            throw WebhookError.unreachable(error.localizedDescription)
        }
        guard (200..<300).contains(status) else { throw WebhookError.status(status) }
    }
}

/// Why a webhook post failed.
public enum WebhookError: Error, Sendable, CustomStringConvertible {
    case invalidAddress(String)
    /// No answer: refused, timed out, unknown host.
    case unreachable(String)
    /// An answer other than 2xx.
    case status(Int)

    /// A bad address, or a 4xx other than "timeout" and "too many requests": the hook itself is
    /// wrong or gone, and sending the same again will not help.
    public var isPermanent: Bool {
        switch self {
        case .invalidAddress: true
        case .unreachable: false
        case .status(let code): (400..<500).contains(code) && code != 408 && code != 429
        }
    }

    public var description: String {
        switch self {
        case .invalidAddress(let address): "not a webhook URL: \(address)"
        case .unreachable(let reason): "the webhook did not answer: \(reason)"
        case .status(let code): "the webhook answered \(code)"
        }
    }
}
