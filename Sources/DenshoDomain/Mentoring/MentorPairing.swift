/// Someone who offers to mentor: how many mentees they can take and what they can teach.
public struct MentorCandidate: Hashable, Sendable {
    public var employee: Employee
    public var capacity: Int
    /// Current levels; skills at `SkillThreshold.instructor` or above can be taught.
    public var levels: [Skill.ID: Int]

    public init(employee: Employee, capacity: Int, levels: [Skill.ID: Int]) {
        self.employee = employee
        self.capacity = capacity
        self.levels = levels
    }
}

/// Someone to be mentored: what they lack for their next grade, whom they asked for, and who
/// supervises them (never their mentor: 斜めの関係 is the point of the system).
public struct MenteeCandidate: Hashable, Sendable {
    public var employee: Employee
    public var gaps: [SkillGap]
    public var preferredMentors: Set<Employee.ID>
    public var supervisors: Set<Employee.ID>

    public init(employee: Employee, gaps: [SkillGap], preferredMentors: Set<Employee.ID> = [], supervisors: Set<Employee.ID> = []) {
        self.employee = employee
        self.gaps = gaps
        self.preferredMentors = preferredMentors
        self.supervisors = supervisors
    }
}

/// The rules a pairing must respect.
public struct PairingRules: Hashable, Sendable {
    /// Mentor and mentee from different departments (斜めの関係).
    public var requireOtherDepartment: Bool
    /// At most this many mentees per mentor, whatever their capacity.
    public var maxPairsPerMentor: Int?
    /// Points per level of a gap the mentor can teach, and for a mentor the mentee asked for.
    public var pointsPerLevel: Int
    public var preferencePoints: Int

    public init(requireOtherDepartment: Bool = false, maxPairsPerMentor: Int? = nil, pointsPerLevel: Int = 10, preferencePoints: Int = 15) {
        self.requireOtherDepartment = requireOtherDepartment
        self.maxPairsPerMentor = maxPairsPerMentor
        self.pointsPerLevel = pointsPerLevel
        self.preferencePoints = preferencePoints
    }
}

/// A gap of the mentee that the mentor can teach.
public struct CoveredGap: Hashable, Codable, Sendable {
    public var skillID: Skill.ID
    public var current: Int
    public var required: Int
    public var mentorLevel: Int
}

/// A proposed pair and why.
public struct ProposedPair: Hashable, Codable, Sendable {
    public var mentor: Employee.ID
    public var mentee: Employee.ID
    public var score: Int
    public var covered: [CoveredGap]
    public var preferred: Bool
    public var crossDepartment: Bool
}

/// What a pairing run found.
public struct PairingResult: Sendable {
    public var pairs: [ProposedPair]
    /// Mentees left without a mentor, with the reason.
    public var unmatched: [(mentee: Employee.ID, reason: String)]
    /// Σ score over pairs (the matched count comes first: see `MentorPairing`).
    public var totalScore: Int
}

/// Optimal mentor pairing (施策2-5 メンター制度).
///
/// The objective is lexicographic: as many mentees as possible get a mentor, and among those
/// pairings the one whose mentors cover the most of the mentees' gaps to their next grade (points
/// per level of shortfall the mentor can teach) plus stated preferences. It is solved exactly as a
/// capacitated assignment (`CapacitatedAssignment`), never greedily.
public enum MentorPairing {
    /// Whether `mentor` may mentor `mentee` under `rules`, and if so the pair's score and covered gaps.
    public static func evaluate(_ mentor: MentorCandidate, _ mentee: MenteeCandidate, rules: PairingRules)
        -> (score: Int, covered: [CoveredGap])?
    {
        guard mentor.employee.id != mentee.employee.id, !mentee.supervisors.contains(mentor.employee.id) else { return nil }
        let cross = mentor.employee.departmentID != mentee.employee.departmentID
        if rules.requireOtherDepartment && !cross { return nil }
        var covered: [CoveredGap] = []
        var score = 0
        for gap in mentee.gaps {
            let level = mentor.levels[gap.skillID] ?? 0
            guard level >= max(SkillThreshold.instructor, gap.required) else { continue }
            covered.append(CoveredGap(skillID: gap.skillID, current: gap.current, required: gap.required, mentorLevel: level))
            score += gap.shortfall * rules.pointsPerLevel
        }
        if mentee.preferredMentors.contains(mentor.employee.id) { score += rules.preferencePoints }
        return (score, covered)
    }

    public static func propose(mentors: [MentorCandidate], mentees: [MenteeCandidate], rules: PairingRules) -> PairingResult {
        let capacities = mentors.map { max(0, min($0.capacity, rules.maxPairsPerMentor ?? Int.max)) }
        var evaluations = [[(score: Int, covered: [CoveredGap])?]]()
        evaluations.reserveCapacity(mentees.count)
        var highest = 0
        for mentee in mentees {
            let row = mentors.map { evaluate($0, mentee, rules: rules) }
            highest = max(highest, row.compactMap { $0?.score }.max() ?? 0)
            evaluations.append(row)
        }
        // Value of a pair = bonus + score, with the bonus larger than any total of scores, so one
        // more matched mentee always outweighs better scores elsewhere. As costs (minimised):
        // highest − score for a pair, highest + bonus for staying unmatched.
        let bonus = Int64(highest) * Int64(mentees.count) + 1
        var costs = [Int64](repeating: CapacitatedAssignment.forbidden, count: mentees.count * mentors.count)
        for (i, row) in evaluations.enumerated() {
            for (j, evaluation) in row.enumerated() {
                if let evaluation { costs[i * mentors.count + j] = Int64(highest - evaluation.score) }
            }
        }
        let assignment = CapacitatedAssignment.solve(
            rows: mentees.count, capacities: capacities, costs: costs, unassignedCost: Int64(highest) + bonus)
        var pairs: [ProposedPair] = []
        var unmatched: [(Employee.ID, String)] = []
        for (i, column) in assignment.enumerated() {
            let mentee = mentees[i]
            guard let column, let evaluation = evaluations[i][column] else {
                let anyAllowed = evaluations[i].contains { $0 != nil }
                unmatched.append((mentee.employee.id, mentors.isEmpty ? "メンターが登録されていません"
                    : anyAllowed ? "メンターの受け入れ枠が足りません" : "条件に合うメンターがいません"))
                continue
            }
            let mentor = mentors[column]
            pairs.append(ProposedPair(
                mentor: mentor.employee.id, mentee: mentee.employee.id, score: evaluation.score, covered: evaluation.covered,
                preferred: mentee.preferredMentors.contains(mentor.employee.id),
                crossDepartment: mentor.employee.departmentID != mentee.employee.departmentID))
        }
        return PairingResult(pairs: pairs, unmatched: unmatched, totalScore: pairs.map(\.score).reduce(0, +))
    }
}
