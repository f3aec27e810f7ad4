/// What a person decided while importing the company's own 力量表 workbook, kept so that next
/// month's updated workbook imports in one step: how marks read as levels, which person a name
/// is, which skill a heading is. Keys are folded (`TextFold.key`), so a mark or a name typed with
/// another width or spacing still finds its decision.
public struct OnboardingMapping: Codable, Hashable, Sendable {
    /// A person in the workbook who is not found (or found twice) in the company.
    public enum PersonChoice: Codable, Hashable, Sendable {
        /// This employee (社員番号).
        case employee(String)
        /// Add them to the company (with the department their table or sheet names).
        case create
        /// Leave their row out.
        case skip
    }

    /// A skill heading that is not in the catalogue.
    public enum SkillChoice: Codable, Hashable, Sendable {
        /// This skill (its code).
        case skill(String)
        /// Add it to the catalogue, in this category.
        case create(category: String)
        case skip
    }

    /// Mark → level; a mark mapped to nil is read as "no evaluation" (like a blank).
    public var marks: [String: Int?]
    public var people: [String: PersonChoice]
    public var skills: [String: SkillChoice]

    public init(marks: [String: Int?] = [:], people: [String: PersonChoice] = [:], skills: [String: SkillChoice] = [:]) {
        self.marks = marks
        self.people = people
        self.skills = skills
    }

    /// The key a person's decision is kept under: their name, and their reading when the sheet has one.
    public static func personKey(name: String, kana: String?) -> String {
        let name = TextFold.key(name)
        guard let kana, !kana.isEmpty else { return name }
        return name + "|" + TextFold.readingKey(kana)
    }
}

/// Saved mappings, by company and a name (the workbook's file name without its date).
public protocol OnboardingRepository: Sendable {
    func onboardingMapping(company: Company.ID, name: String) async throws -> OnboardingMapping?
    func saveOnboardingMapping(_ mapping: OnboardingMapping, company: Company.ID, name: String, by: String) async throws
}
