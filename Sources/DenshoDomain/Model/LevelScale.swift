/// One step of a company's skill-level scale (力量レベル).
public struct LevelDefinition: Hashable, Codable, Sendable {
    public var level: Int
    /// What the level means (`一人でできる`).
    public var label: String
    /// The mark used in a 力量表 cell (`○`).
    public var symbol: String

    public init(level: Int, label: String, symbol: String) {
        self.level = level
        self.label = label
        self.symbol = symbol
    }
}

/// A company's level scale. The default is the common five-step 0–4 scale; companies may relabel
/// it or add steps, so the valid range is always read from here, never assumed.
public struct LevelScale: Hashable, Codable, Sendable {
    public var levels: [LevelDefinition]

    public init(levels: [LevelDefinition]) {
        self.levels = levels.sorted { $0.level < $1.level }
    }

    public static let standard = LevelScale(levels: [
        LevelDefinition(level: 0, label: "未経験", symbol: "・"),
        LevelDefinition(level: 1, label: "指導を受けてできる", symbol: "△"),
        LevelDefinition(level: 2, label: "一人でできる", symbol: "○"),
        LevelDefinition(level: 3, label: "指導できる", symbol: "◎"),
        LevelDefinition(level: 4, label: "改善・標準化できる", symbol: "★"),
    ])

    public var range: ClosedRange<Int> { (levels.first?.level ?? 0)...(levels.last?.level ?? 0) }

    public func contains(_ level: Int) -> Bool { levels.contains { $0.level == level } }

    public func definition(_ level: Int) -> LevelDefinition? { levels.first { $0.level == level } }

    public func symbol(_ level: Int) -> String { definition(level)?.symbol ?? String(level) }
}

/// Levels that the analysis rules refer to by meaning rather than by number.
public enum SkillThreshold {
    /// Works alone (一人でできる): counts towards coverage and 多能工化率.
    public static let independent = 2
    /// Can teach (指導できる): a holder who can pass the skill on; the at-risk rule counts these.
    public static let instructor = 3
}

/// The fill colour of each level on every 力量表 Densho makes (screen, PDF, Excel), as `RRGGBB`:
/// white for 0 to deep green for 4. Scales with more steps reuse the darkest.
public enum LevelColors {
    public static let hex: [UInt32] = [0xFFFFFF, 0xFDF3C4, 0xCFE8D5, 0x8FD0A6, 0x3AA86B]

    public static func hex(_ level: Int) -> UInt32 { hex[min(max(0, level), hex.count - 1)] }

    /// Marks on the darkest fill are white.
    public static func isDark(_ level: Int) -> Bool { level >= hex.count - 1 }
}
