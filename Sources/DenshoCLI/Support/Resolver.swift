import DenshoDomain
import DenshoStore

/// Finds records by what people type: 社員番号 or name, skill code or name, department name.
/// Unknown names fail with the closest matches.
struct Resolver {
    let context: CLIContext
    let company: Company

    func employee(_ query: String) async throws -> Employee {
        let all = try await context.store.employees(company: company.id, filter: EmployeeFilter())
        if let match = all.first(where: { $0.number == query }) { return match }
        let key = query.halfWidthASCII.filter { $0 != " " && $0 != "\u{3000}" }
        let byName = all.filter {
            $0.name.filter { $0 != " " && $0 != "\u{3000}" } == key || $0.kana.filter { $0 != " " && $0 != "\u{3000}" } == key
        }
        if byName.count == 1 { return byName[0] }
        if byName.count > 1 {
            throw CLIError.message("'\(query)' names several employees (\(byName.map { "\($0.number) \($0.name)" }.joined(separator: ", "))): use the 社員番号")
        }
        throw CLIError.unknown("employee", query, candidates: all.map(\.name) + all.map(\.number))
    }

    func skill(_ query: String) async throws -> Skill {
        let all = try await context.store.skills(company: company.id, includeRetired: true)
        if let match = all.first(where: { $0.code.lowercased() == query.halfWidthASCII.lowercased() || $0.name == query }) {
            return match
        }
        throw CLIError.unknown("skill", query, candidates: all.map(\.code) + all.map(\.name))
    }

    func department(_ name: String) async throws -> Department {
        let all = try await context.store.departments(company: company.id)
        if let match = all.first(where: { $0.name == name }) { return match }
        throw CLIError.unknown("department", name, candidates: all.map(\.name))
    }

    func category(_ name: String) async throws -> SkillCategory {
        let all = try await context.store.categories(company: company.id)
        if let match = all.first(where: { $0.name == name }) { return match }
        throw CLIError.unknown("category", name, candidates: all.map(\.name))
    }

    func track(_ name: String) async throws -> CareerTrack {
        let all = try await context.store.tracks(company: company.id)
        if let match = all.first(where: { $0.name == name }) { return match }
        throw CLIError.unknown("career track", name, candidates: all.map(\.name))
    }

    func grade(_ code: String) async throws -> (CareerTrack, Grade) {
        let tracks = try await context.store.tracks(company: company.id)
        for track in tracks {
            if let grade = track.grades.first(where: { $0.code.lowercased() == code.lowercased() || $0.name == code }) {
                return (track, grade)
            }
        }
        let grades = tracks.flatMap(\.grades)
        throw CLIError.unknown("grade", code, candidates: grades.map(\.code) + grades.map(\.name))
    }

    func qualification(_ name: String) async throws -> Qualification {
        let all = try await context.store.qualifications(company: company.id)
        if let match = all.first(where: { $0.name == name }) { return match }
        throw CLIError.unknown("qualification", name, candidates: all.map(\.name))
    }

    func level(_ value: Int) async throws -> Int {
        let scale = try await context.store.levelScale(company: company.id)
        guard scale.contains(value) else {
            throw CLIError.message("level \(value) is not on the scale (\(scale.levels.map { "\($0.level) \($0.label)" }.joined(separator: ", ")))")
        }
        return value
    }

    // MARK: Lookup tables for listings

    /// Every employee, current and former, by id.
    func employeesByID() async throws -> [Employee.ID: Employee] {
        Dictionary(uniqueKeysWithValues: try await context.store.employees(company: company.id, filter: EmployeeFilter()).map { ($0.id, $0) })
    }

    /// Every skill, retired ones too, by id.
    func skillsByID() async throws -> [Skill.ID: Skill] {
        Dictionary(uniqueKeysWithValues: try await context.store.skills(company: company.id, includeRetired: true).map { ($0.id, $0) })
    }

    func qualificationNames() async throws -> [Qualification.ID: String] {
        Dictionary(uniqueKeysWithValues: try await context.store.qualifications(company: company.id).map { ($0.id, $0.name) })
    }

    func departmentNames() async throws -> [Department.ID: String] {
        Dictionary(uniqueKeysWithValues: try await context.store.departments(company: company.id).map { ($0.id, $0.name) })
    }

    func categoryNames() async throws -> [SkillCategory.ID: String] {
        Dictionary(uniqueKeysWithValues: try await context.store.categories(company: company.id).map { ($0.id, $0.name) })
    }

    func gradeCodes() async throws -> [Grade.ID: String] {
        Dictionary(uniqueKeysWithValues: try await context.store.tracks(company: company.id).flatMap(\.grades).map { ($0.id, $0.code) })
    }
}
