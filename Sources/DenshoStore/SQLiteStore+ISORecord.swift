import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore {
    /// The ISO 9001 7.2 record: each current level of the people in scope (those still employed,
    /// skills not retired) with the evaluation that set it — method, evaluator, date — and the
    /// sign-off or quiz attempt behind it, in department, employee number and catalogue order.
    public func isoRecord(_ scope: ISORecordScope, company: Company.ID) async throws -> [ISORecordRow] {
        // One condition per scope rather than `(? IS NULL OR …)`, which SQLite cannot use an index
        // for: it would read every current level of the company to print one department (or one person).
        let (filter, key): (String, Int64) = switch scope {
        case .employee(let id): ("p.id = ?2", id.rawValue)
        case .department(let id): ("p.department_id = ?2", id.rawValue)
        }
        return try await pool.read { db in
            let rows = try Row.fetchCursor(
                db, sql: """
                    SELECT p.number, p.name, coalesce(d.name, ''), s.code, s.name, cl.level, e.method, coalesce(ev.name, ''),
                      cl.evaluated_on, e.evidence, m.document_number, e.manual_revision, r.validity_months
                    FROM employee p
                    JOIN current_level cl ON cl.employee_id = p.id
                    JOIN skill s ON s.id = cl.skill_id AND s.retired = 0
                    JOIN skill_category c ON c.id = s.category_id
                    JOIN evaluation e ON e.id = cl.evaluation_id
                    LEFT JOIN department d ON d.id = p.department_id
                    LEFT JOIN employee ev ON ev.id = e.evaluator_id
                    LEFT JOIN manual m ON m.id = e.manual_id
                    LEFT JOIN skill_check_rule r ON r.skill_id = s.id
                    WHERE p.company_id = ?1 AND p.leave_date IS NULL AND \(filter)
                    ORDER BY d.name, p.number, c.sort_order, c.id, s.sort_order, s.code
                    """, arguments: [company.rawValue, key])
            var record: [ISORecordRow] = []
            while let row = try rows.next() {
                let on = LocalDate(parsing: row[8])!
                let evidence: String = row[9]
                record.append(ISORecordRow(
                    employeeCode: row[0], employeeName: row[1], department: row[2], skillCode: row[3], skillName: row[4], level: row[5],
                    method: EvaluationMethod(rawValue: row[6]) ?? .supervisor, evaluator: row[7], evaluatedOn: on,
                    evidence: ISORecordRow.evidenceText(EvaluationEvidence(evidence), document: row[10], revision: row[11]),
                    validThrough: SkillCheckRule.validThrough(checkedOn: on, months: row[12])))
            }
            return record
        }
    }
}
