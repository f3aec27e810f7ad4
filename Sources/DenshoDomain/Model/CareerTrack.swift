/// A career track (キャリアパス): an ordered ladder of grades, e.g. 技能職 or 品質管理職.
/// A company can run several.
public struct CareerTrack: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<CareerTrack>
    public var id: ID
    public var companyID: Company.ID
    public var name: String
    public var description: String
    /// Grades from the entry grade upwards.
    public var grades: [Grade]

    public init(id: ID, companyID: Company.ID, name: String, description: String = "", grades: [Grade] = []) {
        self.id = id
        self.companyID = companyID
        self.name = name
        self.description = description
        self.grades = grades.sorted { $0.rank < $1.rank }
    }

    public func grade(after id: Grade.ID?) -> Grade? {
        guard let id else { return grades.first }
        guard let index = grades.firstIndex(where: { $0.id == id }) else { return nil }
        return grades.indices.contains(index + 1) ? grades[index + 1] : nil
    }

    public func contains(_ grade: Grade.ID) -> Bool { grades.contains { $0.id == grade } }
}

/// A step on a track (等級), with what it takes to stand on it.
public struct Grade: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Grade>
    public var id: ID
    public var trackID: CareerTrack.ID
    /// 1 for the entry grade, increasing upwards.
    public var rank: Int
    public var code: String
    public var name: String
    /// Typical years of service at which staff reach this grade; drives the 「10年後の自分」 view.
    public var typicalYears: Int
    public var description: String
    public var requiredSkills: [SkillRequirement]
    public var requiredQualifications: [Qualification.ID]

    public init(
        id: ID, trackID: CareerTrack.ID, rank: Int, code: String, name: String, typicalYears: Int,
        description: String = "", requiredSkills: [SkillRequirement] = [], requiredQualifications: [Qualification.ID] = []
    ) {
        self.id = id
        self.trackID = trackID
        self.rank = rank
        self.code = code
        self.name = name
        self.typicalYears = typicalYears
        self.description = description
        self.requiredSkills = requiredSkills
        self.requiredQualifications = requiredQualifications
    }
}

/// A grade's requirement: at least `level` in a skill.
public struct SkillRequirement: Hashable, Codable, Sendable {
    public var skillID: Skill.ID
    public var level: Int

    public init(skillID: Skill.ID, level: Int) {
        self.skillID = skillID
        self.level = level
    }
}

extension Array where Element == CareerTrack {
    /// The track an employee is measured on: the one holding their grade, else the company's
    /// first (for someone not yet placed on a ladder).
    public func track(of employee: Employee) -> CareerTrack? {
        employee.gradeID.flatMap { grade in first { $0.contains(grade) } } ?? first
    }
}

extension Array where Element == CareerTrack {
    /// For each employee placed on a track below its top, the levels their next grade requires: the
    /// marks a 力量表 shows as "short of the next grade".
    public func nextGradeRequirements(for employees: [Employee]) -> [Employee.ID: [Skill.ID: Int]] {
        var result: [Employee.ID: [Skill.ID: Int]] = [:]
        for employee in employees {
            guard let gradeID = employee.gradeID, let track = first(where: { $0.contains(gradeID) }),
                let next = track.grade(after: gradeID)
            else { continue }
            result[employee.id] = Dictionary(next.requiredSkills.map { ($0.skillID, $0.level) }, uniquingKeysWith: Swift.max)
        }
        return result
    }
}
