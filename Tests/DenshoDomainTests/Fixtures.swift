import DenshoDomain

/// A small hand-made company for rule tests: ids are fixed so expectations read plainly.
enum Fixture {
    static let company = Company.ID(1)
    static let asOf = LocalDate(year: 2026, month: 4, day: 1)!

    static func employee(_ id: Int64, born: Int?, hired: String = "2016-04-01", grade: Grade.ID? = nil) -> Employee {
        Employee(id: .init(id), companyID: company, number: "\(1000 + id)", name: "社員 \(id)",
                 hireDate: LocalDate(parsing: hired)!, birthYear: born, gradeID: grade)
    }

    static func skill(_ id: Int64, retired: Bool = false) -> Skill {
        Skill(id: .init(id), companyID: company, categoryID: .init(1), code: "S\(id)", name: "スキル\(id)",
              sortOrder: Int(id), retired: retired)
    }

    /// 技能職: G1 (0 y) → G2 (3 y: S1≥2, S2≥2) → G3 (7 y: S1≥3, qualification 1).
    static let track = CareerTrack(
        id: .init(1), companyID: company, name: "技能職コース",
        grades: [
            Grade(id: .init(1), trackID: .init(1), rank: 1, code: "G1", name: "見習い", typicalYears: 0),
            Grade(id: .init(2), trackID: .init(1), rank: 2, code: "G2", name: "技能員", typicalYears: 3,
                  requiredSkills: [.init(skillID: .init(1), level: 2), .init(skillID: .init(2), level: 2)]),
            Grade(id: .init(3), trackID: .init(1), rank: 3, code: "G3", name: "班長", typicalYears: 7,
                  requiredSkills: [.init(skillID: .init(1), level: 3)], requiredQualifications: [.init(1)]),
        ])
}
