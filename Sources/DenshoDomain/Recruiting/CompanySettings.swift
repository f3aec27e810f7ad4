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

    /// The base URL used when none is configured; printed codes then only work on the office PC.
    public static let fallbackBaseURL = "http://localhost:8080"

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
