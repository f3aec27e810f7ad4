/// A current level whose check has a validity (recertification): when it was last checked and
/// until when it counts.
public struct CheckedLevel: Hashable, Codable, Sendable {
    public var employeeID: Employee.ID
    public var skillID: Skill.ID
    public var level: Int
    public var method: EvaluationMethod
    public var checkedOn: LocalDate
    public var validThrough: LocalDate

    public init(employeeID: Employee.ID, skillID: Skill.ID, level: Int, method: EvaluationMethod, checkedOn: LocalDate,
                validThrough: LocalDate) {
        self.employeeID = employeeID
        self.skillID = skillID
        self.level = level
        self.method = method
        self.checkedOn = checkedOn
        self.validThrough = validThrough
    }

    /// Expired from the day after `validThrough`: valid through its last day, struck through after.
    public func isExpired(on day: LocalDate) -> Bool { day > validThrough }
}

/// A check that expired or expires soon, bucketed like qualifications (30/60/90 days).
public struct ExpiringCheck: Hashable, Codable, Sendable {
    public var check: CheckedLevel
    public var daysLeft: Int
    public var bucket: ExpiryBucket
}

public enum CheckExpiry {
    /// The current levels of skills with a validity, each with the day it runs out. The level's
    /// latest evaluation is its check: a level confirmed again (by any method) starts again.
    public static func checked(
        levels: [(employee: Employee.ID, skill: Skill.ID, level: Int, method: EvaluationMethod, on: LocalDate)],
        rules: [Skill.ID: SkillCheckRule]
    ) -> [CheckedLevel] {
        levels.compactMap { item in
            guard let through = rules[item.skill]?.validThrough(checkedOn: item.on) else { return nil }
            return CheckedLevel(employeeID: item.employee, skillID: item.skill, level: item.level, method: item.method,
                                checkedOn: item.on, validThrough: through)
        }
    }

    /// Checks expired or expiring within `days` of `asOf`, soonest first. Days left count to the
    /// last valid day: 0 on that day, −1 the day after (expired).
    public static func expiring(_ checks: [CheckedLevel], asOf: LocalDate, within days: Int = 90) -> [ExpiringCheck] {
        checks.compactMap { check -> ExpiringCheck? in
            let left = asOf.days(until: check.validThrough)
            guard left <= days else { return nil }
            let bucket: ExpiryBucket = left < 0 ? .expired : left <= 30 ? .within30 : left <= 60 ? .within60 : .within90
            return ExpiringCheck(check: check, daysLeft: left, bucket: bucket)
        }
        .sorted { ($0.daysLeft, $0.check.employeeID, $0.check.skillID) < ($1.daysLeft, $1.check.employeeID, $1.check.skillID) }
    }
}
