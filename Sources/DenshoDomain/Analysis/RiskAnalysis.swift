/// Why a skill may be lost (技能伝承リスク).
public enum RiskReason: Hashable, Codable, Sendable {
    /// Fewer than two people can teach it.
    case fewInstructors(count: Int)
    /// Everyone who can teach it retires within the horizon.
    case instructorsNearRetirement(count: Int)
}

/// A skill at risk, with the people who still hold it.
public struct SkillRisk: Hashable, Codable, Sendable {
    public var skill: Skill
    public var reasons: [RiskReason]
    /// Holders at level ≥3.
    public var instructors: [Employee]
    /// Those of `instructors` within the retirement horizon.
    public var nearRetirement: [Employee]
    /// Holders at level 2 who could be trained up.
    public var successors: [Employee]
}

/// Finds skills that depend on too few teachers, or only on teachers about to retire.
public struct RiskAnalysis: Sendable {
    public var minimumInstructors = 2
    public var retirementAge: Int
    /// Years before retirement age that count as "near retirement".
    public var horizonYears = 5
    public var asOfYear: Int

    public init(retirementAge: Int, asOfYear: Int, minimumInstructors: Int = 2, horizonYears: Int = 5) {
        self.retirementAge = retirementAge
        self.asOfYear = asOfYear
        self.minimumInstructors = minimumInstructors
        self.horizonYears = horizonYears
    }

    /// Whether `employee` reaches retirement age within the horizon. Unknown birth years do not count.
    public func isNearRetirement(_ employee: Employee) -> Bool {
        guard let age = employee.age(in: asOfYear) else { return false }
        return age >= retirementAge - horizonYears
    }

    /// Skills at risk in `matrix` (active, non-retired skills only), most urgent first.
    public func risks(in matrix: SkillMatrix) -> [SkillRisk] {
        matrix.skills.filter { !$0.retired }.compactMap { skill in
            let instructors = matrix.holders(of: skill.id, atLeast: SkillThreshold.instructor)
            let near = instructors.filter(isNearRetirement)
            var reasons: [RiskReason] = []
            if instructors.count < minimumInstructors {
                reasons.append(.fewInstructors(count: instructors.count))
            }
            if !instructors.isEmpty && near.count == instructors.count {
                reasons.append(.instructorsNearRetirement(count: near.count))
            }
            guard !reasons.isEmpty else { return nil }
            let successors = matrix.employees.filter { matrix.level($0.id, skill.id) == SkillThreshold.independent }
            return SkillRisk(
                skill: skill, reasons: reasons, instructors: instructors, nearRetirement: near, successors: successors)
        }
        .sorted { ($0.instructors.count - $0.nearRetirement.count, $0.instructors.count, $0.skill.sortOrder)
            < ($1.instructors.count - $1.nearRetirement.count, $1.instructors.count, $1.skill.sortOrder) }
    }
}
