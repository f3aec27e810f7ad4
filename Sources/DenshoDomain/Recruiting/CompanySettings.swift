import Foundation

/// What a company publishes about itself on printed sheets, and where its pages live.
public struct CompanySettings: Hashable, Codable, Sendable {
    /// Where the recruiting QR code on a career-path sheet leads (採用ページ).
    public var recruitingURL: String?
    /// The address staff reach this installation at (`https://densho.example.jp`): 作業標準書 QR codes
    /// open `<base>/clips/<id>#t=<seconds>`.
    public var publicBaseURL: String?
    /// What the company supports (資格取得支援, 外部研修 …), one item per line on the sheet.
    public var supportPrograms: [String]
    /// A line or two for applicants at the top of the career-path sheet.
    public var recruitingMessage: String

    public init(
        recruitingURL: String? = nil, publicBaseURL: String? = nil, supportPrograms: [String] = [],
        recruitingMessage: String = ""
    ) {
        self.recruitingURL = recruitingURL
        self.publicBaseURL = publicBaseURL
        self.supportPrograms = supportPrograms
        self.recruitingMessage = recruitingMessage
    }

    /// An address a printed QR code may lead to: http or https with a host (never `javascript:` or a
    /// bare word that a phone would not open).
    public static func isWebAddress(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && URL(string: text)?.host != nil
    }

    /// The base URL used when none is configured and none is known from the request that prints;
    /// printed codes then only work on the office PC.
    public static let fallbackBaseURL = "http://localhost:8080"

    /// Where printed QR codes lead: the company's setting, else the address the sheet is being
    /// printed from (`http://192.168.1.20:8080` when a supervisor opened Densho there), else the
    /// fallback. `localOnly` says that phones on the floor will not reach it (localhost and the like).
    public static func printBase(setting: String?, requestOrigin: String?) -> (base: String, localOnly: Bool) {
        let base = [setting, requestOrigin].compactMap { $0 }.first { isWebAddress($0) } ?? fallbackBaseURL
        return (base, isLocalOnly(base))
    }

    /// Whether an address opens only on the machine that serves it.
    public static func isLocalOnly(_ address: String) -> Bool {
        guard let host = URL(string: address)?.host?.lowercased() else { return true }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]" || host == "0.0.0.0"
            || host.hasSuffix(".localhost")
    }

    /// `<base>/clips/<id>#t=<seconds>`: opens the clip at a step (whole seconds are enough on paper).
    public func clipURL(_ clip: Clip.ID, at seconds: Double) -> String {
        let base = (publicBaseURL ?? Self.fallbackBaseURL).trimmingSuffix("/")
        let t = seconds.isFinite ? max(0, seconds) : 0
        let time = t == t.rounded() ? String(Int(t)) : String(format1(t))
        return "\(base)/clips/\(clip.rawValue)#t=\(time)"
    }

    private func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var s = self
        while s.hasSuffix(suffix) { s.removeLast(suffix.count) }
        return s
    }
}
