import DenshoDomain

/// The company a workbook is imported into: its people, departments, skills and current levels.
public struct OnboardingContext: Sendable {
    public var employees: [Employee]
    public var departments: [Department]
    public var skills: [Skill]
    public var categories: [SkillCategory]
    public var scale: LevelScale
    /// Current levels; a missing entry means never evaluated.
    public var levels: [Employee.ID: [Skill.ID: Int]]
    public var asOf: LocalDate
    /// The 社員番号 the evaluations are recorded by (nil for an admin without one).
    public var evaluator: String?

    public init(employees: [Employee], departments: [Department], skills: [Skill], categories: [SkillCategory], scale: LevelScale,
                levels: [Employee.ID: [Skill.ID: Int]], asOf: LocalDate, evaluator: String?) {
        self.employees = employees
        self.departments = departments
        self.skills = skills
        self.categories = categories
        self.scale = scale
        self.levels = levels
        self.asOf = asOf
        self.evaluator = evaluator
    }

    public static func load(company: Company.ID, from store: any DenshoRepository, asOf: LocalDate, evaluator: String?) async throws
        -> OnboardingContext
    {
        let matrix = try await store.matrix(company: company, department: nil, asOf: asOf)
        return OnboardingContext(
            employees: matrix.employees, departments: try await store.departments(company: company),
            skills: try await store.skills(company: company, includeRetired: false), categories: matrix.categories,
            scale: try await store.levelScale(company: company), levels: matrix.levels, asOf: asOf, evaluator: evaluator)
    }
}
