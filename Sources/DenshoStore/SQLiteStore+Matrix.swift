import DenshoDomain
import GRDB

extension SQLiteStore {
    /// The query behind every 力量表: current levels of a company's active employees (`?1` company,
    /// `?2` date), or of one department's (`?3`). Two statements rather than `?3 IS NULL OR …`, which
    /// would keep SQLite from using the department index. Public so benchmarks can run the very same
    /// SQL through the `sqlite3` tool.
    public static func matrixSQL(byDepartment: Bool) -> String {
        """
        SELECT c.employee_id, c.skill_id, c.level
        FROM employee e JOIN current_level c ON c.employee_id = e.id
        WHERE e.company_id = ?1 AND e.hire_date <= ?2 AND (e.leave_date IS NULL OR e.leave_date > ?2)
        """ + (byDepartment ? " AND e.department_id = ?3" : "")
    }

    public func matrix(company: Company.ID, department: Department.ID?, asOf: LocalDate) async throws -> SkillMatrix {
        try await pool.read { db in
            try Self.matrix(db, company: company, department: department, asOf: asOf)
        }
    }

    static func matrix(_ db: Database, company: Company.ID, department: Department.ID?, asOf: LocalDate) throws -> SkillMatrix {
        let employees = try employees(db, company: company, filter: EmployeeFilter(department: department, activeOn: asOf))
        let skills = try skills(db, company: company, includeRetired: false)
        var levels: [Employee.ID: [Skill.ID: Int]] = [:]
        levels.reserveCapacity(employees.count)
        let statement = try db.cachedStatement(sql: matrixSQL(byDepartment: department != nil))
        var arguments: StatementArguments = [company.rawValue, asOf.description]
        if let department { arguments += [department.rawValue] }
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            levels[Employee.ID(row[0]), default: [:]][Skill.ID(row[1])] = row[2]
        }
        return SkillMatrix(
            employees: employees, skills: skills, categories: try categories(db, company: company), levels: levels)
    }

    public func levels(of employee: Employee.ID, company: Company.ID) async throws -> [Skill.ID: Int] {
        try await pool.read { db in
            var levels: [Skill.ID: Int] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.skill_id, c.level FROM current_level c JOIN employee e ON e.id = c.employee_id
                    WHERE c.employee_id = ? AND e.company_id = ?
                    """, arguments: [employee.rawValue, company.rawValue])
            while let row = try rows.next() { levels[Skill.ID(row[0])] = row[1] }
            return levels
        }
    }
}
