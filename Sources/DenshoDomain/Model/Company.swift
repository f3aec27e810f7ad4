/// A member company (会員企業). One installation serves several; every record belongs to one.
public struct Company: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Company>
    public var id: ID
    /// Short stable code used on the command line and in file names (`yanagisawa`).
    public var code: String
    public var name: String
    /// 定年: the age at which employees retire, used by the at-risk analysis.
    public var retirementAge: Int
    /// N in 多能工化率: an employee counts as multi-skilled at level ≥2 in at least N skills.
    public var multiSkillThreshold: Int

    public init(id: ID, code: String, name: String, retirementAge: Int = 65, multiSkillThreshold: Int = 3) {
        self.id = id
        self.code = code
        self.name = name
        self.retirementAge = retirementAge
        self.multiSkillThreshold = multiSkillThreshold
    }
}

/// A department (部署) such as 機械加工 or 品質保証.
public struct Department: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Department>
    public var id: ID
    public var companyID: Company.ID
    public var name: String

    public init(id: ID, companyID: Company.ID, name: String) {
        self.id = id
        self.companyID = companyID
        self.name = name
    }
}
