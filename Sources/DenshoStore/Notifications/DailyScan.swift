import DenshoDomain
import Foundation
import GRDB

/// What a day brings, for every company: training due soon or overdue, qualifications about to
/// expire. Each item is posted once per person (a dedupe key with the date it is about, so a new
/// due date or a renewal is told again), so the scan may run as often as anyone likes.
enum DailyScan {
    /// Training due within this many days is "due soon".
    static let dueSoonDays = 3
    /// Qualifications expiring within this many days are told to the holder and their supervisors.
    static let expiryDays = 60

    static func run(_ db: Database, today: LocalDate) throws -> Int {
        try assignments(db, today: today) + qualifications(db, today: today) + checks(db, today: today)
    }

    /// Current levels of skills with a validity (recertification) whose check runs out from today
    /// to `today + expiryDays`: the person and their supervisors hear it once per check.
    static func checks(_ db: Database, today: LocalDate) throws -> Int {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT cl.employee_id, cl.skill_id, cl.level, cl.evaluation_id, cl.evaluated_on, r.validity_months, r.company_id,
                  p.name AS person, p.department_id, s.name AS skill
                FROM skill_check_rule r
                JOIN current_level cl ON cl.skill_id = r.skill_id
                JOIN employee p ON p.id = cl.employee_id
                JOIN skill s ON s.id = r.skill_id AND s.retired = 0
                WHERE r.validity_months IS NOT NULL AND (p.leave_date IS NULL OR p.leave_date > ?1)
                ORDER BY cl.employee_id, cl.skill_id
                """, arguments: [today.description])
        var posted = 0
        for row in rows {
            guard let on = LocalDate(parsing: row["evaluated_on"]),
                let through = SkillCheckRule.validThrough(checkedOn: on, months: row["validity_months"]),
                (0...expiryDays).contains(today.days(until: through))
            else { continue }
            let employee: Int64 = row["employee_id"], department: Int64? = row["department_id"], evaluation: Int64 = row["evaluation_id"]
            var accounts = try Notifier.accounts(db, employees: [employee])
            if let department { accounts += try Notifier.supervisors(db, department: department) }
            posted += try Notifier.post(
                db, company: row["company_id"], accounts: accounts, kind: .checkExpiring,
                params: ["name": row["person"], "skill": row["skill"], "level": String(row["level"] as Int), "due": through.slashed],
                link: "/employees/\(employee)", dedupe: "check-expiring:\(evaluation):\(through)"
            ).notifications.count
        }
        return posted
    }

    /// Open assignments due by `today + dueSoonDays` (the rows `openAssignments(dueThrough:)`
    /// returns) of people still employed: due soon, or overdue once the due day has passed.
    static func assignments(_ db: Database, today: LocalDate) throws -> Int {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT assignment.id, assignment.company_id, assignment.employee_id, assignment.due_on,
                  coalesce((SELECT r.title FROM manual_revision r WHERE r.manual_id = manual.id ORDER BY r.revision DESC LIMIT 1),
                           manual.title, clip.title, '') AS title
                FROM assignment
                JOIN employee ON employee.id = assignment.employee_id
                LEFT JOIN manual ON manual.id = assignment.manual_id
                LEFT JOIN clip ON clip.id = assignment.clip_id
                WHERE assignment.completed_at IS NULL AND assignment.due_on IS NOT NULL AND assignment.due_on <= ?1
                  AND (employee.leave_date IS NULL OR employee.leave_date > ?2)
                ORDER BY assignment.id
                """, arguments: [today.adding(days: dueSoonDays).description, today.description])
        var posted = 0
        for row in rows {
            guard let due = LocalDate(parsing: row["due_on"]) else { continue }
            let id: Int64 = row["id"], employee: Int64 = row["employee_id"], title: String = row["title"]
            let overdue = due < today
            posted += try Notifier.post(
                db, company: row["company_id"], accounts: try Notifier.accounts(db, employees: [employee]),
                kind: overdue ? .assignmentOverdue : .assignmentDueSoon, params: ["title": title, "due": due.slashed],
                link: "/training", dedupe: "\(overdue ? "overdue" : "due-soon"):\(id):\(due)"
            ).notifications.count
        }
        return posted
    }

    /// Qualifications of people still employed that expire from today to `today + expiryDays`,
    /// unless the person holds the same qualification for longer (a renewal recorded as a new grant).
    static func qualifications(_ db: Database, today: LocalDate) throws -> Int {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT held.id, held.company_id, held.employee_id, held.expires_on, qualification.name AS title,
                  employee.name AS person, employee.department_id
                FROM held_qualification AS held
                JOIN qualification ON qualification.id = held.qualification_id
                JOIN employee ON employee.id = held.employee_id
                WHERE held.expires_on BETWEEN ?1 AND ?2
                  AND (employee.leave_date IS NULL OR employee.leave_date > ?1)
                  AND NOT EXISTS (SELECT 1 FROM held_qualification AS later
                                  WHERE later.employee_id = held.employee_id AND later.qualification_id = held.qualification_id
                                    AND later.id <> held.id AND (later.expires_on IS NULL OR later.expires_on > held.expires_on))
                ORDER BY held.id
                """, arguments: [today.description, today.adding(days: expiryDays).description])
        var posted = 0
        for row in rows {
            guard let expires = LocalDate(parsing: row["expires_on"]) else { continue }
            let id: Int64 = row["id"], employee: Int64 = row["employee_id"], department: Int64? = row["department_id"]
            let person: String = row["person"], title: String = row["title"]
            var accounts = try Notifier.accounts(db, employees: [employee])
            if let department { accounts += try Notifier.supervisors(db, department: department) }
            posted += try Notifier.post(
                db, company: row["company_id"], accounts: accounts, kind: .qualificationExpiring,
                params: ["name": person, "title": title, "due": expires.slashed], link: "/employees/\(employee)",
                dedupe: "expiring:\(id):\(expires)"
            ).notifications.count
        }
        return posted
    }
}
