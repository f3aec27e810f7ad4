/// Why a sheet could not be printed.
public enum PrintError: Error, Sendable, CustomStringConvertible {
    /// cairo reported an error (out of memory, a write failed …).
    case cairo(String)
    /// The QR encoder refused the text (too long for any QR version).
    case qrCode(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .cairo(let message): "PDF output failed: \(message)"
        case .qrCode(let text): "cannot make a QR code of '\(text.prefix(60))'"
        case .notFound(let message): message
        }
    }
}

/// Things a sheet printed around (a missing clip frame, text shrunk to its smallest size), reported
/// to the user rather than failing the print.
public struct PrintWarnings: Sendable {
    public private(set) var messages: [String] = []

    public init() {}

    public mutating func add(_ message: String) {
        if !messages.contains(message) { messages.append(message) }
    }
}

/// A finished PDF and what to tell the user about it.
public struct PrintedDocument: Sendable {
    public var pdf: [UInt8]
    public var pageCount: Int
    public var warnings: [String]
}
