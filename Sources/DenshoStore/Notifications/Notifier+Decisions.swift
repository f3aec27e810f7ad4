import DenshoDomain
import Foundation
import GRDB

/// The notifications of self-assessments and improvement proposals: who waits for whom, and who
/// hears of a decision. Called inside the transaction that records the change.
extension Notifier {
    /// A self-assessment was recorded: those who may approve it (the department's supervisors and
    /// the admins, never the person themselves) have it waiting.
    static func selfAssessmentWaiting(_ db: Database, _ evaluation: Evaluation, company: Company.ID) throws {
        guard let person = try Row.fetchOne(db, sql: "SELECT name, department_id FROM employee WHERE id = ?",
                                            arguments: [evaluation.employeeID.rawValue])
        else { return }
        let name: String = person["name"]
        let department: Int64? = person["department_id"]
        let own = Set(try accounts(db, employees: [evaluation.employeeID.rawValue]))
        let deciders = try approvers(db, department: department, company: company.rawValue).filter { !own.contains($0) }
        try post(db, company: company.rawValue, accounts: deciders, kind: .selfAssessmentWaiting,
                 params: ["name": name, "skill": try skillName(db, evaluation.skillID), "level": String(evaluation.level)], link: "/")
    }

    /// A self-assessment was approved or returned: the person hears which.
    static func selfAssessmentDecided(_ db: Database, _ evaluation: Evaluation, company: Company.ID) throws {
        try post(db, company: company.rawValue, accounts: try accounts(db, employees: [evaluation.employeeID.rawValue]),
                 kind: .selfAssessmentDecided,
                 params: ["skill": try skillName(db, evaluation.skillID), "level": String(evaluation.level),
                          "result": evaluation.state == .approved ? "approved" : "returned"],
                 link: "/employees/\(evaluation.employeeID.rawValue)")
    }

    /// A proposal reached a decision (adopted, implemented or not adopted): its proposer hears it.
    /// Moving it to "reviewing", or saving it without a change of status, tells nobody.
    static func proposalDecided(_ db: Database, before: Proposal, after: Proposal, company: Company.ID) throws {
        guard before.status != after.status else { return }
        let result: String
        switch after.status {
        case .adopted: result = "adopted"
        case .implemented: result = "implemented"
        case .rejected: result = "not-adopted"
        case .submitted, .reviewing: return
        }
        try post(db, company: company.rawValue, accounts: try accounts(db, employees: [after.submittedBy.rawValue]),
                 kind: .proposalDecided, params: ["title": after.title, "result": result], link: "/proposals")
    }

    static func skillName(_ db: Database, _ skill: Skill.ID) throws -> String {
        try String.fetchOne(db, sql: "SELECT name FROM skill WHERE id = ?", arguments: [skill.rawValue]) ?? ""
    }
}

extension Notifier {
    /// A 実技確認 was recorded: the trainee hears the result and is asked to confirm it (確認).
    static func signOffRecorded(_ db: Database, _ signOff: SignOff, skill: Skill.ID, company: Company.ID) throws {
        try post(db, company: company.rawValue, accounts: try accounts(db, employees: [signOff.traineeID.rawValue]),
                 kind: .signOffRecorded,
                 params: ["skill": try skillName(db, skill), "level": String(signOff.level), "result": signOff.passed ? "passed" : "failed"],
                 link: "/checks/signoffs/\(signOff.id.rawValue)")
    }
}
