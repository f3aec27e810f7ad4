import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: TrainingRepository {
    static let assignmentColumns = """
        a.id, a.company_id, a.employee_id, a.manual_id, a.clip_id, a.course_id, a.position, a.due_on, a.assigned_by,
        a.assigned_at, a.required_revision, a.watched_share, a.started_at, a.completed_at, a.reopened_at
        """

    static func assignment(_ row: Row) -> Assignment {
        let manual: Int64? = row[3]
        let item: TrainingItem = manual.map { .manual(.init($0)) } ?? .clip(.init(row[4] as Int64))
        return Assignment(
            id: .init(row[0]), companyID: .init(row[1]), employeeID: .init(row[2]), item: item,
            courseID: (row[5] as Int64?).map(Course.ID.init), position: row[6],
            dueOn: (row[7] as String?).flatMap { LocalDate(parsing: $0) }, assignedBy: row[8], assignedAt: row[9],
            requiredRevision: row[10], watchedShare: row[11], startedAt: row[12], completedAt: row[13], reopenedAt: row[14])
    }

    // MARK: Manuals and skills

    public func setManualSkills(_ manual: Manual.ID, skills: [Skill.ID], company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            guard try Self.fetchManual(db, manual, company: company) != nil else {
                throw StoreError.notFound(entity: "manual", key: manual.description)
            }
            for skill in Set(skills) {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM skill WHERE id = ? AND company_id = ?",
                                        arguments: [skill.rawValue, company.rawValue]) == true
                else { throw StoreError.notFound(entity: "skill", key: skill.description) }
            }
            try db.execute(sql: "DELETE FROM manual_skill WHERE manual_id = ?", arguments: [manual.rawValue])
            for skill in Set(skills) {
                try db.execute(sql: "INSERT INTO manual_skill (manual_id, skill_id) VALUES (?, ?)", arguments: [manual.rawValue, skill.rawValue])
            }
            try Audit.record(db, company: company, actor: actor, entity: "manual", id: manual.rawValue, action: "skills",
                             after: skills.map(\.rawValue).sorted())
        }
    }

    public func manualSkills(company: Company.ID) async throws -> [Manual.ID: [Skill.ID]] {
        try await pool.read { db in
            var result: [Manual.ID: [Skill.ID]] = [:]
            for row in try Row.fetchAll(
                db, sql: """
                    SELECT ms.manual_id, ms.skill_id FROM manual_skill ms JOIN manual ON manual.id = ms.manual_id
                    WHERE manual.company_id = ? ORDER BY ms.manual_id, ms.skill_id
                    """, arguments: [company.rawValue])
            {
                result[.init(row[0]), default: []].append(.init(row[1]))
            }
            return result
        }
    }

    // MARK: Courses

    public func addCourse(_ course: Course, by actor: String) async throws -> Course {
        try await pool.write { db in
            guard !course.items.isEmpty else { throw StoreError.invalid("a course needs at least one manual or clip") }
            for item in course.items { _ = try Self.itemTitle(db, item, company: course.companyID) }
            let id = try Self.translate(entity: "course", key: course.title) {
                try db.execute(sql: "INSERT INTO course (company_id, title) VALUES (?, ?)", arguments: [course.companyID.rawValue, course.title])
                return db.lastInsertedRowID
            }
            for (position, item) in course.items.enumerated() {
                try db.execute(
                    sql: "INSERT INTO course_item (course_id, position, manual_id, clip_id) VALUES (?, ?, ?, ?)",
                    arguments: [id, position, item.manualID?.rawValue, item.clipID?.rawValue])
            }
            var saved = course
            saved.id = .init(id)
            try Audit.record(db, company: course.companyID, actor: actor, entity: "course", id: id, action: "create", after: saved)
            return saved
        }
    }

    public func courses(company: Company.ID) async throws -> [Course] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, title FROM course WHERE company_id = ? ORDER BY title", arguments: [company.rawValue]).map {
                let items = try Row.fetchAll(
                    db, sql: "SELECT manual_id, clip_id FROM course_item WHERE course_id = ? ORDER BY position", arguments: [$0[0] as Int64]
                ).map { row -> TrainingItem in
                    (row[0] as Int64?).map { .manual(.init($0)) } ?? .clip(.init(row[1] as Int64))
                }
                return Course(id: .init($0[0]), companyID: company, title: $0[1], items: items)
            }
        }
    }

    /// The item's title, checking it belongs to `company`; a manual must have an approved version.
    static func itemTitle(_ db: Database, _ item: TrainingItem, company: Company.ID) throws -> String {
        switch item {
        case .manual(let id):
            guard let row = try Row.fetchOne(db, sql: "SELECT title, revision FROM manual WHERE id = ? AND company_id = ?",
                                             arguments: [id.rawValue, company.rawValue])
            else { throw StoreError.notFound(entity: "manual", key: id.description) }
            guard (row[1] as Int) > 0 else {
                throw StoreError.invalid("承認済みのマニュアルだけ割り当てられます (manual \(id) has no approved version yet)")
            }
            return try String.fetchOne(
                db, sql: "SELECT title FROM manual_revision WHERE manual_id = ? ORDER BY revision DESC LIMIT 1", arguments: [id.rawValue]
            ) ?? row[0]
        case .clip(let id):
            guard let title = try String.fetchOne(db, sql: "SELECT title FROM clip WHERE id = ? AND company_id = ?",
                                                  arguments: [id.rawValue, company.rawValue])
            else { throw StoreError.notFound(entity: "clip", key: id.description) }
            return title
        }
    }

    // MARK: Assignments

    public func assign(
        _ items: [TrainingItem], course: Course.ID?, to employees: [Employee.ID], due: LocalDate?, company: Company.ID,
        by actor: String
    ) async throws -> [Assignment] {
        try await pool.write { db in
            guard !items.isEmpty else { throw StoreError.invalid("nothing to assign") }
            try Self.requireEmployees(db, employees, company: company)
            var titles: [String] = []
            for item in items { titles.append(try Self.itemTitle(db, item, company: company)) }
            var ids: [Int64] = []
            for employee in Set(employees).sorted(by: { $0.rawValue < $1.rawValue }) {
                let before = ids.count
                for (position, item) in items.enumerated() {
                    let revision = try item.manualID.map {
                        try Int.fetchOne(db, sql: "SELECT revision FROM manual WHERE id = ?", arguments: [$0.rawValue]) ?? 0
                    } ?? 0
                    let conflict = item.manualID != nil ? "(employee_id, manual_id) WHERE manual_id IS NOT NULL"
                        : "(employee_id, clip_id) WHERE clip_id IS NOT NULL"
                    let id = try Int64.fetchOne(
                        db,
                        sql: """
                            INSERT INTO assignment (company_id, employee_id, manual_id, clip_id, course_id, position, due_on, assigned_by,
                              required_revision)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT \(conflict) DO UPDATE SET due_on = coalesce(excluded.due_on, assignment.due_on),
                              course_id = coalesce(excluded.course_id, assignment.course_id)
                            WHERE assignment.completed_at IS NULL
                            RETURNING id
                            """,
                        arguments: [company.rawValue, employee.rawValue, item.manualID?.rawValue, item.clipID?.rawValue, course?.rawValue, position,
                                    due?.description, actor, revision])
                    guard let id else { continue }
                    ids.append(id)
                    try Self.refreshAssignments(db, employee: employee.rawValue, assignment: id)
                }
                // Someone who had completed everything already is not told of it again.
                guard ids.count > before else { continue }
                let accounts = try Notifier.accounts(db, employees: [employee.rawValue])
                // One item opens itself; a course opens the training page's list.
                let link = items.count == 1 ? (items[0].manualID.map { "/manuals/\($0)" } ?? "/clips/\(items[0].rawID)")
                    : "/training"
                try Notifier.post(db, company: company.rawValue, accounts: accounts, kind: .assignmentGiven,
                                  params: ["title": titles.joined(separator: "、"), "due": due?.slashed ?? ""], link: link)
            }
            try Audit.record(db, company: company, actor: actor, entity: "assignment", id: ids.first ?? 0, action: "assign",
                             after: ["items": items.map { "\($0.kind):\($0.rawID)" },
                                     "employees": employees.map { String($0.rawValue) }, "due": [due?.description ?? ""]])
            guard !ids.isEmpty else { return [] }
            return try Row.fetchAll(
                db, sql: "SELECT \(Self.assignmentColumns) FROM assignment a WHERE a.id IN (\(ids.map(String.init).joined(separator: ","))) ORDER BY a.id"
            ).map(Self.assignment)
        }
    }

    public func assignments(company: Company.ID, employee: Employee.ID?, item: TrainingItem?) async throws -> [Assignment] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.assignmentColumns) FROM assignment a
                    WHERE a.company_id = ?1 AND (?2 IS NULL OR a.employee_id = ?2) AND (?3 IS NULL OR a.manual_id = ?3)
                      AND (?4 IS NULL OR a.clip_id = ?4)
                    ORDER BY a.due_on IS NULL, a.due_on, a.course_id, a.position, a.id
                    """,
                arguments: [company.rawValue, employee?.rawValue, item?.manualID?.rawValue, item?.clipID?.rawValue]
            ).map(Self.assignment)
        }
    }

    public func removeAssignment(_ id: Assignment.ID, company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.assignmentColumns) FROM assignment a WHERE a.id = ? AND a.company_id = ?",
                                             arguments: [id.rawValue, company.rawValue])
            else { throw StoreError.notFound(entity: "assignment", key: id.description) }
            try db.execute(sql: "DELETE FROM assignment WHERE id = ?", arguments: [id.rawValue])
            try Audit.record(db, company: company, actor: actor, entity: "assignment", id: id.rawValue, action: "delete",
                             before: Self.assignment(row))
        }
    }

    public func openAssignments(dueThrough: LocalDate) async throws -> [Assignment] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT \(Self.assignmentColumns) FROM assignment a
                    WHERE a.completed_at IS NULL AND a.due_on IS NOT NULL AND a.due_on <= ? ORDER BY a.due_on, a.id
                    """, arguments: [dueThrough.description]
            ).map(Self.assignment)
        }
    }

    /// After a manual's approval: open assignments now need the new 版; with a major change,
    /// completed ones re-open (their playback starts again) and the people hear of it.
    static func assignmentsFollowRevision(_ db: Database, manual: Manual, major: Bool, company: Company.ID) throws {
        try db.execute(sql: "UPDATE assignment SET required_revision = ? WHERE manual_id = ? AND completed_at IS NULL",
                       arguments: [manual.revision, manual.id.rawValue])
        guard major else { return }
        let employees = try Int64.fetchAll(
            db, sql: "SELECT employee_id FROM assignment WHERE manual_id = ? AND completed_at IS NOT NULL", arguments: [manual.id.rawValue])
        guard !employees.isEmpty else { return }
        try db.execute(
            sql: """
                UPDATE assignment SET completed_at = NULL, required_revision = ?, watched_share = 0, started_at = NULL,
                  reopened_at = \(Migrations.now)
                WHERE manual_id = ? AND completed_at IS NOT NULL
                """, arguments: [manual.revision, manual.id.rawValue])
        if let clip = manual.clipID {
            let list = employees.map(String.init).joined(separator: ",")
            try db.execute(sql: "DELETE FROM watch_progress WHERE clip_id = ? AND employee_id IN (\(list))", arguments: [clip.rawValue])
        }
        try Notifier.post(db, company: company.rawValue, accounts: try Notifier.accounts(db, employees: employees), kind: .assignmentReopened,
                          params: ["title": manual.title, "revision": String(manual.revision)], link: "/manuals/\(manual.id)")
    }

    // MARK: Report

    public func trainingReport(company: Company.ID, department: Department.ID?, today: LocalDate) async throws -> [TrainingReportRow] {
        try await pool.read { db in
            let sql = Self.trainingReportSQL(byDepartment: department != nil)
            let arguments: StatementArguments = department.map { [company.rawValue, today.description, $0.rawValue] }
                ?? [company.rawValue, today.description]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                let manual: Int64? = $0[0]
                let (assigned, completed, overdue, inProgress): (Int, Int, Int, Int) = ($0[3], $0[4], $0[5], $0[6])
                return TrainingReportRow(
                    item: manual.map { .manual(.init($0)) } ?? .clip(.init($0[1] as Int64)), title: $0[2] ?? "", assigned: assigned,
                    notStarted: assigned - completed - overdue - inProgress, inProgress: inProgress, completed: completed, overdue: overdue)
            }
        }
    }

    /// One pass over the company's assignments in the order of an index that holds every column
    /// it reads, grouped by item; titles are joined afterwards, per group. Counting only (no
    /// sums of expressions) keeps it to about 0.3 µs a row; "not started" is what is left.
    /// Parameters: ?1 company, ?2 today, ?3 department (with `byDepartment`).
    public static func trainingReportSQL(byDepartment: Bool) -> String {
        """
        SELECT g.manual_id, g.clip_id,
          coalesce((SELECT r.title FROM manual_revision r WHERE r.manual_id = g.manual_id ORDER BY r.revision DESC LIMIT 1), manual.title, clip.title),
          g.assigned, g.completed, g.overdue, g.in_progress
        FROM (
          SELECT a.manual_id, a.clip_id, count(*) AS assigned, count(a.completed_at) AS completed,
            count(CASE WHEN a.completed_at IS NULL AND a.due_on < ?2 THEN 1 END) AS overdue,
            count(CASE WHEN a.completed_at IS NULL AND a.watched_share > 0 AND NOT ifnull(a.due_on < ?2, 0) THEN 1 END) AS in_progress
          FROM assignment a
          WHERE a.company_id = ?1\(byDepartment ? " AND a.employee_id IN (SELECT id FROM employee WHERE department_id = ?3)" : "")
          GROUP BY a.manual_id, a.clip_id
        ) g
        LEFT JOIN manual ON manual.id = g.manual_id LEFT JOIN clip ON clip.id = g.clip_id
        ORDER BY 3
        """
    }

    public func liveTitles(company: Company.ID) async throws -> [Manual.ID: String] {
        try await pool.read { db in
            var titles: [Manual.ID: String] = [:]
            for row in try Row.fetchAll(
                db, sql: """
                    SELECT m.id, coalesce((SELECT r.title FROM manual_revision r WHERE r.manual_id = m.id ORDER BY r.revision DESC LIMIT 1), m.title)
                    FROM manual m WHERE m.company_id = ?
                    """, arguments: [company.rawValue])
            {
                titles[.init(row[0])] = row[1]
            }
            return titles
        }
    }
}
