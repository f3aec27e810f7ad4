/// One year of the 「10年後の自分」 view.
public struct ProjectionStep: Hashable, Codable, Sendable {
    /// Years from now (0 = this year).
    public var yearsFromNow: Int
    public var calendarYear: Int
    public var serviceYears: Int
    public var age: Int?
    /// The grade typical for that many years of service, never below the grade held now.
    public var grade: Grade?
}

/// Projects where an employee typically stands in coming years, from each grade's typical years of
/// service. It shows a path, not a promise: skills and qualifications still decide promotions.
public enum CareerProjection {
    public static func project(
        employee: Employee, track: CareerTrack, asOf: LocalDate, years: Int = 10
    ) -> [ProjectionStep] {
        let service = employee.serviceYears(on: asOf)
        let held = employee.gradeID.flatMap { id in track.grades.first { $0.id == id } }
        return (0...years).map { offset in
            let serviceThen = service + offset
            let typical = track.grades.last { $0.typicalYears <= serviceThen }
            let grade = [held, typical].compactMap { $0 }.max { $0.rank < $1.rank }
            return ProjectionStep(
                yearsFromNow: offset, calendarYear: asOf.year + offset, serviceYears: serviceThen,
                age: employee.age(in: asOf.year + offset), grade: grade)
        }
    }
}
