/// What a company asks before a level of one skill counts, and how long a check stays valid.
public struct SkillCheckRule: Hashable, Codable, Sendable {
    public var skillID: Skill.ID
    /// Levels from this one up are recorded only through a passed 実技確認 (a plain 上長評価 or a
    /// self-assessment of them is refused). Nil: any evaluation may record any level.
    public var signOffFromLevel: Int?
    /// Whether a sign-off also needs a passed quiz on the checklist's manual.
    public var quizRequired: Bool
    /// 有効期間 of a check in months (e.g. 24 for 玉掛け practice checks); nil: never expires.
    public var validityMonths: Int?

    public init(skillID: Skill.ID, signOffFromLevel: Int? = nil, quizRequired: Bool = false, validityMonths: Int? = nil) {
        self.skillID = skillID
        self.signOffFromLevel = signOffFromLevel
        self.quizRequired = quizRequired
        self.validityMonths = validityMonths
    }

    /// Whether `level` may only come from a sign-off.
    public func needsSignOff(_ level: Int) -> Bool {
        guard let signOffFromLevel else { return false }
        return level >= signOffFromLevel
    }

    /// The last day a check made on `day` is valid; nil when checks never expire. A check made
    /// on 31 January valid for one month lasts through 28 (29) February.
    public func validThrough(checkedOn day: LocalDate) -> LocalDate? { Self.validThrough(checkedOn: day, months: validityMonths) }

    /// The same for a validity read on its own (a report's column).
    public static func validThrough(checkedOn day: LocalDate, months: Int?) -> LocalDate? {
        months.map { day.adding(months: $0).adding(days: -1) }
    }

    public func validated() throws(CheckError) -> SkillCheckRule {
        if let validityMonths, !(1...240).contains(validityMonths) {
            throw .invalid(ja: "有効期間は1〜240か月で指定してください。", en: "Validity must be 1–240 months.")
        }
        return self
    }
}

/// How an evaluation came about: the method column of the ISO 9001 7.2 record.
public enum EvaluationMethod: String, Codable, Sendable, CaseIterable {
    case signOff = "signoff"
    case quiz
    case supervisor
    case `self`
    case `import`

    public var label: String {
        switch self {
        case .signOff: "実技確認"
        case .quiz: "筆記"
        case .supervisor: "上長評価"
        case .self: "自己評価"
        case .import: "Excel取込"
        }
    }

    public var englishLabel: String {
        switch self {
        case .signOff: "Practical sign-off"
        case .quiz: "Written quiz"
        case .supervisor: "Supervisor"
        case .self: "Self-assessment"
        case .import: "Excel import"
        }
    }
}

extension LocalDate {
    /// The same day `months` later; a day the month lacks becomes its last day.
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(month: m, year: y)))!
    }
}
