/// An individual target (個人目標): reach `level` in a skill by `dueDate`.
public struct SkillTarget: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<SkillTarget>
    public var id: ID
    public var employeeID: Employee.ID
    public var skillID: Skill.ID
    public var level: Int
    public var dueDate: LocalDate
    public var note: String

    public init(id: ID, employeeID: Employee.ID, skillID: Skill.ID, level: Int, dueDate: LocalDate, note: String = "") {
        self.id = id
        self.employeeID = employeeID
        self.skillID = skillID
        self.level = level
        self.dueDate = dueDate
        self.note = note
    }
}
