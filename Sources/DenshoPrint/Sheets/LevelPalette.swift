/// Cell colours per level, the same as the web 力量表 (densho.css `--lv0` … `--lv4`), so a printed
/// map and the screen read alike. Scales with more steps reuse the darkest colour.
public enum LevelPalette {
    public static let fills: [Color] = [
        Color(hex: 0xFFFFFF), Color(hex: 0xFDF3C4), Color(hex: 0xCFE8D5), Color(hex: 0x8FD0A6), Color(hex: 0x3AA86B),
    ]
    /// The same colours as `RRGGBB` numbers, for the workbook.
    public static let hex: [UInt32] = [0xFFFFFF, 0xFDF3C4, 0xCFE8D5, 0x8FD0A6, 0x3AA86B]

    public static func fill(_ level: Int) -> Color { fills[min(max(0, level), fills.count - 1)] }

    /// Text on the darkest fill is white.
    public static func text(_ level: Int) -> Color { level >= fills.count - 1 ? .white : .text }
}
