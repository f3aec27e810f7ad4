/// A group of skills in the catalogue (旋盤加工, 溶接, 検査 …).
public struct SkillCategory: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<SkillCategory>
    public var id: ID
    public var companyID: Company.ID
    public var name: String
    public var sortOrder: Int

    public init(id: ID, companyID: Company.ID, name: String, sortOrder: Int = 0) {
        self.id = id
        self.companyID = companyID
        self.name = name
        self.sortOrder = sortOrder
    }
}

/// A skill on the 力量表, with what each level means for this particular skill.
public struct Skill: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Skill>
    public var id: ID
    public var companyID: Company.ID
    public var categoryID: SkillCategory.ID
    /// Short code unique within the company (`M-01`), used in CSV files and commands.
    public var code: String
    public var name: String
    public var description: String
    /// Skill-specific wording for each level (`2: 図面を見て段取りから一人で加工できる`).
    public var levelDescriptions: [Int: String]
    public var sortOrder: Int
    /// Retired skills keep their history but leave the map.
    public var retired: Bool

    public init(
        id: ID, companyID: Company.ID, categoryID: SkillCategory.ID, code: String, name: String,
        description: String = "", levelDescriptions: [Int: String] = [:], sortOrder: Int = 0, retired: Bool = false
    ) {
        self.id = id
        self.companyID = companyID
        self.categoryID = categoryID
        self.code = code
        self.name = name
        self.description = description
        self.levelDescriptions = levelDescriptions
        self.sortOrder = sortOrder
        self.retired = retired
    }
}
