/// Who may see and change what, inside one company. Pure rules, so every route asks the same
/// question the same way and the rules are tested without a server.
///
/// - staff: their own profile and self-assessments; their department's 力量表 (it is published
///   to make career paths visible); clips and manuals of the company, drafts of manuals.
/// - supervisor: the departments they look after: evaluations, approvals, profiles; manual approval.
/// - HR: every profile and KPI, career paths; no evaluations (supervisors judge skills).
/// - admin: everything in the company, including accounts.
/// - association: no company records at all (aggregates only).
public struct AccessPolicy: Sendable {
    public let account: Account
    /// Departments a supervisor looks after.
    public let supervised: Set<Department.ID>
    /// The department of the account's own employee record, if linked.
    public let ownDepartment: Department.ID?

    public init(account: Account, supervised: Set<Department.ID>, ownDepartment: Department.ID?) {
        self.account = account
        self.supervised = supervised
        self.ownDepartment = ownDepartment
    }

    var role: Role { account.role }

    /// Records of `company` are visible at all (never across companies).
    public func belongs(to company: Company.ID) -> Bool { account.companyID == company }

    /// The 力量表 of `department` (a department of the account's company: ids are checked against
    /// the company by the caller). An account of no company sees none.
    public func canViewDepartment(_ department: Department.ID?) -> Bool {
        guard account.companyID != nil else { return false }
        return switch role {
        case .admin, .hr: true
        case .supervisor: department.map { supervised.contains($0) || $0 == ownDepartment } ?? false
        case .staff: department != nil && department == ownDepartment
        case .association: false
        }
    }

    /// Departments the 力量表 menu offers, from the company's list.
    public func visibleDepartments(_ all: [Department]) -> [Department] {
        all.filter { canViewDepartment($0.id) }
    }

    public func canViewEmployee(_ employee: Employee) -> Bool {
        belongs(to: employee.companyID) && canViewEmployee(employee.id, department: employee.departmentID)
    }

    /// `canViewEmployee` for someone of the caller's own company known by id and department (a search hit).
    public func canViewEmployee(_ id: Employee.ID, department: Department.ID?) -> Bool {
        switch role {
        case .admin, .hr: true
        case .supervisor: id == account.employeeID || department.map(supervised.contains) == true
        case .staff: id == account.employeeID
        case .association: false
        }
    }

    /// Recording an approved evaluation (a supervisor's judgement).
    public func canEvaluate(_ employee: Employee) -> Bool {
        guard belongs(to: employee.companyID) else { return false }
        switch role {
        case .admin: return true
        case .supervisor: return employee.id != account.employeeID && employee.departmentID.map(supervised.contains) == true
        case .hr, .staff, .association: return false
        }
    }

    /// Recording a self-assessment, which waits for a supervisor's approval.
    public func canSelfAssess(_ employee: Employee) -> Bool {
        belongs(to: employee.companyID) && employee.id == account.employeeID && role != .association
    }

    /// Approving or rejecting someone's self-assessment: whoever may evaluate them.
    public func canApprove(_ employee: Employee) -> Bool { canEvaluate(employee) }

    /// Uploading an edited 力量表 workbook: those who record evaluations (each changed row is
    /// still checked with `canEvaluate`).
    public var canImportSkillMaps: Bool { role == .supervisor || role == .admin }
    /// Bringing the company's own hand-made Excel 力量表 in (the onboarding wizard): a one-off
    /// for the whole company that may add people and skills, so the roles that keep the company's
    /// records (HR, admins) rather than a supervisor of some departments.
    public var canOnboardWorkbooks: Bool { role == .hr || role == .admin }
    public var canApproveManuals: Bool { role == .supervisor || role == .admin }
    public var canWriteManuals: Bool { role != .association && role != .hr }
    public var canManageAccounts: Bool { role == .admin }
    public var canSeeCompanyKPIs: Bool { role == .hr || role == .admin }
    public var canViewCareerPaths: Bool { role != .association }
    /// Registering mentors, running the pairing, starting and ending pairs: HR's work.
    public var canManageMentoring: Bool { role == .hr || role == .admin }
    /// What printed sheets say about the company (recruiting URL, support, stories).
    public var canManagePublishing: Bool { role == .hr || role == .admin }
    /// Recording mentor meetings and ランチミーティング.
    public var canRecordMeetings: Bool { role == .hr || role == .admin || role == .supervisor }
    /// Moving 改善提案 through review and recording their effect.
    public var canDecideProposals: Bool { role == .supervisor || role == .hr || role == .admin }
    /// Submitting one: any member linked to an employee record.
    public var canSubmitProposals: Bool { role != .association && account.employeeID != nil }

    /// Assigning manuals, clips and courses and following who completed them: supervisors (for
    /// the people they may see), HR and admins.
    public var canAssignTraining: Bool { role == .supervisor || role == .hr || role == .admin }

    /// Writing quizzes and checklists and setting which levels need a check: supervisors and admins.
    public var canWriteChecks: Bool { role == .supervisor || role == .admin }
    /// Signing off a trainee's practical check: whoever may evaluate them, never oneself (not
    /// even an admin: a 実技確認 is someone else watching the work).
    public func canSignOff(_ employee: Employee) -> Bool { canEvaluate(employee) && employee.id != account.employeeID }
    /// Which levels of which skills need a sign-off, a quiz, a validity: a company-wide rule,
    /// set by its admins (a supervisor could otherwise weaken it for everyone).
    public var canSetCheckRules: Bool { role == .admin }
    /// The ISO 9001 7.2 record: HR and admins for everyone, supervisors for people they may see.
    public var canSeeISORecords: Bool { role == .supervisor || role == .hr || role == .admin }

    /// Editing a clip's title, tags and chapters: its owner, supervisors and admins (never the association).
    public func canEditClip(_ clip: Clip) -> Bool {
        guard belongs(to: clip.companyID), role != .association else { return false }
        return role == .admin || role == .supervisor || (clip.ownerID != nil && clip.ownerID == account.employeeID)
    }

    /// Deleting a clip: whoever uploaded it (its owner), supervisors and admins of the company;
    /// never the association. (Manuals with approved revisions still keep a clip: the store refuses.)
    public func canDeleteClip(_ clip: Clip) -> Bool {
        guard belongs(to: clip.companyID), role != .association else { return false }
        return role == .admin || role == .supervisor || (clip.ownerID != nil && clip.ownerID == account.employeeID)
    }
}
