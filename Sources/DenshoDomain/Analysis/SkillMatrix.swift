/// A snapshot of current levels for a set of employees and skills: what a 力量表 shows and what
/// every analysis reads. Missing cells are level 0 (未経験).
public struct SkillMatrix: Sendable {
    public var employees: [Employee]
    public var skills: [Skill]
    public var categories: [SkillCategory]
    /// Current (latest approved) level per employee and skill.
    public var levels: [Employee.ID: [Skill.ID: Int]]

    public init(
        employees: [Employee], skills: [Skill], categories: [SkillCategory] = [],
        levels: [Employee.ID: [Skill.ID: Int]]
    ) {
        self.employees = employees
        self.skills = skills
        self.categories = categories
        self.levels = levels
    }

    public func level(_ employee: Employee.ID, _ skill: Skill.ID) -> Int {
        levels[employee]?[skill] ?? 0
    }

    /// Employees holding `skill` at `minimum` or above, in matrix order.
    public func holders(of skill: Skill.ID, atLeast minimum: Int) -> [Employee] {
        employees.filter { level($0.id, skill) >= minimum }
    }

    public func category(of skill: Skill) -> SkillCategory? {
        categories.first { $0.id == skill.categoryID }
    }
}
