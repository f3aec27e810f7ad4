/// Lengths are PostScript points (1/72 inch), cairo's unit on a PDF surface.
public enum Length {
    public static func mm(_ value: Double) -> Double { value * 72 / 25.4 }
}

/// A paper size and orientation.
public struct PageSize: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public static let a4Portrait = PageSize(width: Length.mm(210), height: Length.mm(297))
    public static let a4Landscape = PageSize(width: Length.mm(297), height: Length.mm(210))
    public static let a3Landscape = PageSize(width: Length.mm(420), height: Length.mm(297))
}

/// A rectangle on the page, origin at the top left.
public struct Rect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// The rectangle shrunk by `d` on every side.
    public func inset(_ d: Double) -> Rect { inset(dx: d, dy: d) }

    public func inset(dx: Double, dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: max(0, width - 2 * dx), height: max(0, height - 2 * dy))
    }
}

/// An sRGB colour.
public struct Color: Sendable, Equatable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(_ red: Double, _ green: Double, _ blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// From `0xRRGGBB`, the way the web stylesheet writes colours.
    public init(hex: UInt32) {
        self.init(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255)
    }

    public static let black = Color(0, 0, 0)
    public static let white = Color(1, 1, 1)
    public static let text = Color(hex: 0x222222)
    public static let muted = Color(hex: 0x666666)
    public static let rule = Color(hex: 0x999999)
    public static let faint = Color(hex: 0xDDDDDD)
    public static let headerFill = Color(hex: 0xEEF2F6)
    public static let accent = Color(hex: 0x1F5F8B)
    public static let warning = Color(hex: 0xC0392B)
}
