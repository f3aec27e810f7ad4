/// How many people hold a skill at working and at teaching level.
public struct SkillCoverage: Hashable, Codable, Sendable {
    public var skillID: Skill.ID
    /// Holders at level ≥2 (一人でできる).
    public var independent: Int
    /// Holders at level ≥3 (指導できる).
    public var instructors: Int
}

/// Multi-skilling (多能工化率): the share of employees working alone in at least N skills.
public struct MultiSkillRate: Hashable, Codable, Sendable {
    public var threshold: Int
    public var multiSkilled: Int
    public var employees: Int
    public var rate: Double { employees == 0 ? 0 : Double(multiSkilled) / Double(employees) }
}

extension SkillMatrix {
    /// Coverage of every skill in the matrix, in skill order.
    public func coverage() -> [SkillCoverage] {
        skills.map { skill in
            var independent = 0
            var instructors = 0
            for employee in employees {
                let level = level(employee.id, skill.id)
                if level >= SkillThreshold.independent { independent += 1 }
                if level >= SkillThreshold.instructor { instructors += 1 }
            }
            return SkillCoverage(skillID: skill.id, independent: independent, instructors: instructors)
        }
    }

    /// 多能工化率 over the matrix's employees: level ≥2 in at least `threshold` of its skills.
    public func multiSkillRate(threshold: Int) -> MultiSkillRate {
        let skillIDs = Set(skills.map(\.id))
        let count = employees.filter { employee in
            let cells = levels[employee.id] ?? [:]
            return cells.lazy.filter { skillIDs.contains($0.key) && $0.value >= SkillThreshold.independent }
                .count >= threshold
        }.count
        return MultiSkillRate(threshold: threshold, multiSkilled: count, employees: employees.count)
    }
}
