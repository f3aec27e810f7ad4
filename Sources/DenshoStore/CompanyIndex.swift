import DenshoDomain
import GRDB

/// A company's names and codes mapped to ids, read inside the write transaction that uses them,
/// so bulk imports resolve references without a query per row.
struct CompanyIndex {
    let company: Company.ID
    var scale: LevelScale
    var departments: [String: Department.ID] = [:]
    var categories: [String: SkillCategory.ID] = [:]
    var skills: [String: Skill.ID] = [:]
    var employees: [String: Employee] = [:]
    var grades: [String: Grade.ID] = [:]
    var qualifications: [String: Qualification.ID] = [:]

    init(_ db: Database, company: Company.ID) throws {
        self.company = company
        scale = try SQLiteStore.levelScale(db, company: company)
        let id = company.rawValue
        for row in try Row.fetchAll(db, sql: "SELECT name, id FROM department WHERE company_id = ?", arguments: [id]) {
            departments[row[0]] = Department.ID(row[1])
        }
        for row in try Row.fetchAll(db, sql: "SELECT name, id FROM skill_category WHERE company_id = ?", arguments: [id]) {
            categories[row[0]] = SkillCategory.ID(row[1])
        }
        for row in try Row.fetchAll(db, sql: "SELECT code, id FROM skill WHERE company_id = ?", arguments: [id]) {
            skills[Self.key(row[0])] = Skill.ID(row[1])
        }
        for row in try Row.fetchAll(db, sql: "SELECT \(Employee.columns) FROM employee WHERE company_id = ?", arguments: [id]) {
            let employee = Employee(row: row)
            employees[employee.number] = employee
        }
        for row in try Row.fetchAll(db, sql: "SELECT code, id FROM grade WHERE company_id = ?", arguments: [id]) {
            grades[Self.key(row[0])] = Grade.ID(row[1])
        }
        for row in try Row.fetchAll(db, sql: "SELECT name, id FROM qualification WHERE company_id = ?", arguments: [id]) {
            qualifications[row[0]] = Qualification.ID(row[1])
        }
    }

    /// Codes match case-insensitively (`m-01` is `M-01`), as people type them.
    static func key(_ code: String) -> String { code.uppercased() }

    func skill(_ code: String) -> Skill.ID? { skills[Self.key(code)] }
    func grade(_ code: String) -> Grade.ID? { grades[Self.key(code)] }

    /// "unknown X 'y'" with the closest known names.
    static func unknown(_ what: String, _ value: String, among names: some Collection<String>) -> String {
        let close = NameMatcher.closeMatches(for: value, in: Array(names))
        return "unknown \(what) '\(value)'" + (close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?")
    }
}
