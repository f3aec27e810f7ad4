import CQRencode

/// A QR code as a square grid of modules, made by libqrencode.
public struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    private let dark: [Bool]
    /// The white border readers need around the code, in modules (the standard asks for 4).
    public static let quietZone = 4

    /// Encodes `text` (a URL) at error-correction level M, which survives a smudge on a shop-floor
    /// sheet while keeping the code small.
    public init(_ text: String) throws(PrintError) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { throw .qrCode(text) }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        dark = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool { dark[row * size + column] }
}
