/// A picture in memory: 8-bit blue, green, red and one unused byte per pixel, rows `bytesPerRow`
/// apart. That is cairo's `RGB24` on little-endian machines, so the media core can hand a decoded
/// frame to the print module without either knowing the other.
public struct RasterImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var bytesPerRow: Int
    public var pixels: [UInt8]
    /// The same picture as JPEG, when the source had it made: PDF output embeds these bytes as
    /// they are instead of compressing the pixels again (much faster, and smaller files).
    public var jpeg: [UInt8]?

    public init(width: Int, height: Int, bytesPerRow: Int, pixels: [UInt8], jpeg: [UInt8]? = nil) {
        precondition(width > 0 && height > 0 && bytesPerRow >= width * 4 && pixels.count >= bytesPerRow * height)
        self.width = width
        self.height = height
        self.bytesPerRow = bytesPerRow
        self.pixels = pixels
        self.jpeg = jpeg
    }
}

/// A still taken from a clip for a printed sheet, or why there is none (the sheet then shows a
/// placeholder and the warning is reported; a missing frame never fails a print).
public enum Still: Sendable, Equatable {
    case image(RasterImage)
    case missing(reason: String)

    public var image: RasterImage? {
        if case .image(let image) = self { return image }
        return nil
    }
}

/// Takes stills from a clip's rendition. Implemented by the media core; the print module only sees
/// this protocol.
public protocol FrameSource: Sendable {
    /// One still per entry of `times` (seconds), at most `maxWidth` pixels wide, in the same order.
    func stills(of clip: Clip, at times: [Double], maxWidth: Int) async -> [Still]
}
