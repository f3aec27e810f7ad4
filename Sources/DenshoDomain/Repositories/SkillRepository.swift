/// The skill catalogue, evaluations, targets and the current-level matrix (力量表).
public protocol SkillRepository: Sendable {
    func addCategory(name: String, company: Company.ID, by: String) async throws -> SkillCategory
    func categories(company: Company.ID) async throws -> [SkillCategory]

    /// Inserts `skill` (its id is ignored).
    func addSkill(_ skill: Skill, by: String) async throws -> Skill
    func updateSkill(_ skill: Skill, by: String) async throws
    func skills(company: Company.ID, includeRetired: Bool) async throws -> [Skill]
    func skill(code: String, company: Company.ID) async throws -> Skill?
    /// One skill (retired ones too), without reading the catalogue.
    func skill(_ id: Skill.ID, company: Company.ID) async throws -> Skill?

    /// Records an evaluation (history is append-only) and returns it with its id.
    func addEvaluation(_ evaluation: Evaluation, company: Company.ID, by: String) async throws -> Evaluation
    /// Approves or rejects a pending self-assessment.
    func decide(_ id: Evaluation.ID, approve: Bool, decidedBy: Employee.ID?, company: Company.ID, by: String)
        async throws -> Evaluation
    func evaluations(company: Company.ID, employee: Employee.ID?, skill: Skill.ID?, state: ApprovalState?)
        async throws -> [Evaluation]
    func evaluation(_ id: Evaluation.ID, company: Company.ID) async throws -> Evaluation?

    func addTarget(_ target: SkillTarget, company: Company.ID, by: String) async throws -> SkillTarget
    func targets(company: Company.ID, employee: Employee.ID?) async throws -> [SkillTarget]

    /// Current levels of the company's active employees (optionally one department) on its skills.
    func matrix(company: Company.ID, department: Department.ID?, asOf: LocalDate) async throws -> SkillMatrix
    /// Current levels of one employee.
    func levels(of employee: Employee.ID, company: Company.ID) async throws -> [Skill.ID: Int]
}

/// The qualification catalogue and who holds what.
public protocol QualificationRepository: Sendable {
    func addQualification(_ qualification: Qualification, by: String) async throws -> Qualification
    func qualifications(company: Company.ID) async throws -> [Qualification]
    func grant(_ held: HeldQualification, company: Company.ID, by: String) async throws -> HeldQualification
    func renew(_ id: HeldQualification.ID, expiresOn: LocalDate?, company: Company.ID, by: String) async throws
    func heldQualifications(company: Company.ID, employee: Employee.ID?) async throws -> [HeldQualification]
}

/// Career tracks and their grades.
public protocol CareerPathRepository: Sendable {
    func addTrack(name: String, description: String, company: Company.ID, by: String) async throws -> CareerTrack
    /// Appends a grade (its id is ignored) with its requirements.
    func addGrade(_ grade: Grade, company: Company.ID, by: String) async throws -> Grade
    func setRequirements(
        grade: Grade.ID, skills: [SkillRequirement], qualifications: [Qualification.ID], company: Company.ID, by: String
    ) async throws
    func tracks(company: Company.ID) async throws -> [CareerTrack]
}

/// One entry of the audit log: who changed what, and the record before and after (JSON).
public struct AuditEntry: Hashable, Codable, Sendable {
    public var at: String
    public var actor: String
    public var entity: String
    public var entityID: Int64
    public var action: String
    public var before: String?
    public var after: String?

    public init(at: String, actor: String, entity: String, entityID: Int64, action: String, before: String?, after: String?) {
        self.at = at
        self.actor = actor
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.before = before
        self.after = after
    }
}

/// Audit history, search, bulk import and backup.
public protocol MaintenanceRepository: Sendable {
    func auditLog(company: Company.ID, limit: Int) async throws -> [AuditEntry]
    /// A number that moves forward whenever what a 力量表 shows changes (for caches).
    func dataRevision() async throws -> Int64
    /// Hits for `query` in one company, best first (see `SearchQuery` for what matches): the first `limit` that
    /// `visible` lets through, so callers filtering by who may open a hit still get a full page. Without
    /// `snippets` (suggestions as one types) only titles are marked.
    func search(
        _ query: SearchQuery, company: Company.ID, limit: Int, snippets: Bool, visible: (@Sendable (SearchHit) -> Bool)?
    ) async throws -> [SearchHit]
    /// Brings the search index up to date with everything written since it was last brought up to date, and
    /// answers how many entries it rewrote. Searching does this first by itself; imports call it at their end.
    @discardableResult func refreshSearchIndex() async throws -> Int
    /// Rewrites every entry of the search index (after the reading dictionary changed); answers how many.
    @discardableResult func rebuildSearchIndex() async throws -> Int
    /// Imports parsed files all-or-nothing, in order, in one transaction; with `dryRun` everything
    /// is checked and rolled back. `progress` is told how many of a batch's rows are written, from time to time.
    func importRecords(
        _ batches: [ImportBatch], company: Company.ID, dryRun: Bool, by: String, progress: (@Sendable (Int) -> Void)?
    ) async throws -> ImportSummary
    /// Loads a whole company (demo data or a template) in one transaction.
    func seed(_ dataset: CompanyDataset, by: String) async throws -> Company
    /// Writes a consistent copy of the database to `path`, safe while others write.
    func backup(to path: String) async throws
}

extension MaintenanceRepository {
    public func importRecords(_ batch: ImportBatch, company: Company.ID, dryRun: Bool, by: String) async throws -> ImportSummary {
        try await importRecords([batch], company: company, dryRun: dryRun, by: by, progress: nil)
    }

    public func importRecords(
        _ batch: ImportBatch, company: Company.ID, dryRun: Bool, by: String, progress: (@Sendable (Int) -> Void)?
    ) async throws -> ImportSummary {
        try await importRecords([batch], company: company, dryRun: dryRun, by: by, progress: progress)
    }
}

/// Everything the CLI and web app need from persistence.
public typealias DenshoRepository = OrganizationRepository & SkillRepository & QualificationRepository
    & CareerPathRepository & MaintenanceRepository & ClipRepository & AccountRepository & ManualRepository
    & UploadRepository & PublishingRepository & MentoringRepository & TrainingRepository & NotificationRepository
    & CheckRepository & BackupRepository & OnboardingRepository
