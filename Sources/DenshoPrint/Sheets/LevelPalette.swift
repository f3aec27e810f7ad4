import DenshoDomain

/// Cell colours per level: `LevelColors`, the same on screen, paper and in Excel.
public enum LevelPalette {
    public static func fill(_ level: Int) -> Color { Color(hex: LevelColors.hex(level)) }

    public static func text(_ level: Int) -> Color { LevelColors.isDark(level) ? .white : .text }
}
