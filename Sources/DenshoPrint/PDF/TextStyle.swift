/// How a piece of text is set.
public struct TextStyle: Sendable, Equatable {
    public enum Alignment: Sendable { case left, center, right }

    public var size: Double
    public var bold: Bool
    public var color: Color
    public var alignment: Alignment
    /// Smallest size the text may shrink to when a box is too small; below it the text wraps on
    /// (tables grow) or the overflow is reported, never silently cut.
    public var minimumSize: Double

    public init(size: Double, bold: Bool = false, color: Color = .text, alignment: Alignment = .left, minimumSize: Double? = nil) {
        self.size = size
        self.bold = bold
        self.color = color
        self.alignment = alignment
        self.minimumSize = minimumSize ?? max(5, size * 0.7)
    }

    public func with(size: Double) -> TextStyle {
        var copy = self
        copy.size = size
        return copy
    }

    public func aligned(_ alignment: Alignment) -> TextStyle {
        var copy = self
        copy.alignment = alignment
        return copy
    }

    public func colored(_ color: Color) -> TextStyle {
        var copy = self
        copy.color = color
        return copy
    }

    public static let title = TextStyle(size: 18, bold: true)
    public static let heading = TextStyle(size: 12, bold: true, color: .accent)
    public static let body = TextStyle(size: 9.5)
    public static let small = TextStyle(size: 8)
    public static let tiny = TextStyle(size: 6.5, color: .muted)
    public static let label = TextStyle(size: 7.5, bold: true, color: .muted)

    /// The family every sheet is set in: Debian's fonts-noto-cjk, embedded in the PDF.
    public static let fontFamily = "Noto Sans CJK JP"
}
