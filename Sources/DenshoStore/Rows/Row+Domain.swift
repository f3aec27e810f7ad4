import DenshoDomain
import Foundation
import GRDB

/// Decoding of domain values from rows. Column lists live next to the decoders so the two stay in step.
extension Company {
    static let columns = "id, code, name, retirement_age, multi_skill_threshold"
    init(row: Row) {
        self.init(
            id: ID(row[0]), code: row[1], name: row[2], retirementAge: row[3], multiSkillThreshold: row[4])
    }
}

extension Department {
    static let columns = "id, company_id, name"
    init(row: Row) { self.init(id: ID(row[0]), companyID: Company.ID(row[1]), name: row[2]) }
}

extension Employee {
    static let columns = """
        id, company_id, number, name, kana, hire_date, birth_year, department_id, position, grade_id, \
        leave_date, leave_reason
        """
    init(row: Row) {
        self.init(
            id: ID(row[0]), companyID: Company.ID(row[1]), number: row[2], name: row[3], kana: row[4],
            hireDate: LocalDate(parsing: row[5])!, birthYear: row[6],
            departmentID: (row[7] as Int64?).map(Department.ID.init), position: row[8],
            gradeID: (row[9] as Int64?).map(Grade.ID.init),
            leaveDate: (row[10] as String?).flatMap(LocalDate.init(parsing:)), leaveReason: row[11])
    }
}

extension SkillCategory {
    static let columns = "id, company_id, name, sort_order"
    init(row: Row) { self.init(id: ID(row[0]), companyID: Company.ID(row[1]), name: row[2], sortOrder: row[3]) }
}

extension Skill {
    /// Qualified with the alias `s`, as skills are always read joined with their category.
    static let columns = "s.id, s.company_id, s.category_id, s.code, s.name, s.description, s.sort_order, s.retired"
    init(row: Row, levelDescriptions: [Int: String]) {
        self.init(
            id: ID(row[0]), companyID: Company.ID(row[1]), categoryID: SkillCategory.ID(row[2]), code: row[3],
            name: row[4], description: row[5], levelDescriptions: levelDescriptions, sortOrder: row[6],
            retired: row[7])
    }
}

extension Evaluation {
    static let columns = """
        id, employee_id, skill_id, level, evaluator_id, evaluated_on, note, kind, state, decided_by, method, evidence, \
        manual_id, manual_revision, decision_note
        """
    init(row: Row) {
        self.init(
            id: ID(row[0]), employeeID: Employee.ID(row[1]), skillID: Skill.ID(row[2]), level: row[3],
            evaluatorID: (row[4] as Int64?).map(Employee.ID.init), evaluatedOn: LocalDate(parsing: row[5])!,
            note: row[6], kind: EvaluationKind(rawValue: row[7])!, state: ApprovalState(rawValue: row[8])!,
            decidedBy: (row[9] as Int64?).map(Employee.ID.init), method: EvaluationMethod(rawValue: row[10]) ?? .supervisor,
            evidence: row[11], manualID: (row[12] as Int64?).map(Manual.ID.init), manualRevision: row[13],
            decisionNote: row[14])
    }
}

extension SkillTarget {
    static let columns = "id, employee_id, skill_id, level, due_on, note"
    init(row: Row) {
        self.init(
            id: ID(row[0]), employeeID: Employee.ID(row[1]), skillID: Skill.ID(row[2]), level: row[3],
            dueDate: LocalDate(parsing: row[4])!, note: row[5])
    }
}

extension Qualification {
    static let columns = "id, company_id, name, issuer, validity_years"
    init(row: Row) {
        self.init(id: ID(row[0]), companyID: Company.ID(row[1]), name: row[2], issuer: row[3], validityYears: row[4])
    }
}

extension HeldQualification {
    static let columns = "id, employee_id, qualification_id, acquired_on, expires_on, certificate_number"
    init(row: Row) {
        self.init(
            id: ID(row[0]), employeeID: Employee.ID(row[1]), qualificationID: Qualification.ID(row[2]),
            acquiredOn: LocalDate(parsing: row[3])!, expiresOn: (row[4] as String?).flatMap(LocalDate.init(parsing:)),
            certificateNumber: row[5])
    }
}

extension Account {
    static let columns = "id, company_id, login, display_name, role, employee_id"
    static let qualifiedColumns = "account.id, account.company_id, account.login, account.display_name, account.role, account.employee_id"
    /// Reads the account from `columns`, starting at column `offset` of `row`.
    init(row: Row, offset i: Int = 0) {
        self.init(
            id: ID(row[i]), companyID: (row[i + 1] as Int64?).map(Company.ID.init), login: row[i + 2], displayName: row[i + 3],
            role: Role(rawValue: row[i + 4])!, employeeID: (row[i + 5] as Int64?).map(Employee.ID.init))
    }
}

extension Clip {
    static let columns = """
        id, company_id, owner_id, title, description, tags, status, failure_reason, original_hash, original_extension, \
        original_name, original_size, probe, manifest, created_at
        """
    init(row: Row, skills: [Skill.ID]) {
        let decoder = JSONDecoder()
        self.init(
            id: ID(row[0]), companyID: Company.ID(row[1]), ownerID: (row[2] as Int64?).map(Employee.ID.init), title: row[3],
            description: row[4], tags: (row[5] as String).split(separator: " ").map(String.init), skillIDs: skills,
            status: ClipStatus(rawValue: row[6]) ?? .failed, failureReason: row[7], originalHash: row[8],
            originalExtension: row[9], originalName: row[10], originalSize: row[11],
            probe: (row[12] as String?).flatMap { try? decoder.decode(MediaProbe.self, from: Data($0.utf8)) },
            manifest: (row[13] as String?).flatMap { try? decoder.decode(ClipManifest.self, from: Data($0.utf8)) },
            createdAt: row[14])
    }
}

extension Job {
    static let columns = "id, clip_id, state, attempts, max_attempts, worker, progress, last_error"
    init(row: Row) {
        self.init(
            id: ID(row[0]), clipID: Clip.ID(row[1]), state: State(rawValue: row[2]) ?? .failed, attempts: row[3],
            maxAttempts: row[4], worker: row[5], progress: row[6], lastError: row[7])
    }
}
