/// A skill where the current level is below what is required.
public struct SkillGap: Hashable, Codable, Sendable {
    public var skillID: Skill.ID
    public var current: Int
    public var required: Int
    public var shortfall: Int { required - current }

    public init(skillID: Skill.ID, current: Int, required: Int) {
        self.skillID = skillID
        self.current = current
        self.required = required
    }
}

/// What an employee lacks for one grade.
public struct GradeGap: Hashable, Codable, Sendable {
    public var grade: Grade
    public var skillGaps: [SkillGap]
    public var missingQualifications: [Qualification.ID]
    /// Years of service still short of the grade's typical years (information, not a requirement).
    public var yearsShort: Int

    /// All skill and qualification requirements are met.
    public var isEligible: Bool { skillGaps.isEmpty && missingQualifications.isEmpty }
}

/// Gaps and eligibility of an employee on a career track.
public struct CareerAssessment: Sendable {
    public let employee: Employee
    public let track: CareerTrack
    public let levels: [Skill.ID: Int]
    public let heldQualifications: [HeldQualification]
    public let asOf: LocalDate

    public init(
        employee: Employee, track: CareerTrack, levels: [Skill.ID: Int],
        heldQualifications: [HeldQualification], asOf: LocalDate
    ) {
        self.employee = employee
        self.track = track
        self.levels = levels
        self.heldQualifications = heldQualifications
        self.asOf = asOf
    }

    /// The employee's grade on this track, if any.
    public var currentGrade: Grade? {
        employee.gradeID.flatMap { id in track.grades.first { $0.id == id } }
    }

    /// The next grade up: above the current one, or the entry grade for someone not yet placed.
    public var nextGrade: Grade? {
        track.grade(after: currentGrade?.id)
    }

    /// Gaps against `grade`. Qualifications count only while valid on `asOf`.
    public func gaps(for grade: Grade) -> GradeGap {
        let skillGaps = grade.requiredSkills.compactMap { requirement -> SkillGap? in
            let current = levels[requirement.skillID] ?? 0
            return current < requirement.level
                ? SkillGap(skillID: requirement.skillID, current: current, required: requirement.level) : nil
        }
        let valid = Set(heldQualifications.filter { $0.isValid(on: asOf) }.map(\.qualificationID))
        let missing = grade.requiredQualifications.filter { !valid.contains($0) }
        let yearsShort = max(0, grade.typicalYears - employee.serviceYears(on: asOf))
        return GradeGap(grade: grade, skillGaps: skillGaps, missingQualifications: missing, yearsShort: yearsShort)
    }

    /// Gap list against the next grade (nil at the top of the track).
    public var nextGradeGaps: GradeGap? { nextGrade.map(gaps(for:)) }

    /// Eligibility for every grade on the track, entry grade first.
    public var eligibility: [GradeGap] { track.grades.map(gaps(for:)) }
}
