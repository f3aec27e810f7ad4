/// The sign-off or quiz attempt an evaluation's `evidence` names.
public enum EvaluationEvidence: Hashable, Sendable {
    case signOff(SignOff.ID)
    case quizAttempt(QuizAttempt.ID)
    /// The cell of a company's own 力量表 workbook the level was read from: `file.xlsx!力量表!C5`.
    case workbookCell(String)

    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        if parts[0] == "xlsx" {
            self = .workbookCell(String(parts[1]))
            return
        }
        guard let id = Int64(parts[1]) else { return nil }
        switch parts[0] {
        case "signoff": self = .signOff(.init(id))
        case "quiz": self = .quizAttempt(.init(id))
        default: return nil
        }
    }

    public var text: String {
        switch self {
        case .signOff(let id): "signoff:\(id.rawValue)"
        case .quizAttempt(let id): "quiz:\(id.rawValue)"
        case .workbookCell(let cell): "xlsx:\(cell)"
        }
    }
}

/// Who made an assessment: the employee (自己評価) or a supervisor (上長評価).
public enum EvaluationKind: String, Codable, Sendable, CaseIterable {
    case `self`
    case supervisor

    /// The label used in files and screens (自己 / 上長).
    public var label: String { self == .self ? "自己" : "上長" }
}

/// A self-assessment waits for a supervisor; only approved evaluations set the current level.
public enum ApprovalState: String, Codable, Sendable, CaseIterable {
    case pending
    case approved
    case rejected

    /// The label used in files and screens.
    public var label: String {
        switch self {
        case .pending: "承認待ち"
        case .approved: "承認済"
        case .rejected: "差し戻し"
        }
    }
}

/// One assessment of one employee in one skill. Evaluations are history: they are added, approved
/// or rejected, never overwritten. The current level is the latest approved one.
public struct Evaluation: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Evaluation>
    public var id: ID
    public var employeeID: Employee.ID
    public var skillID: Skill.ID
    public var level: Int
    public var evaluatorID: Employee.ID?
    public var evaluatedOn: LocalDate
    public var note: String
    public var kind: EvaluationKind
    public var state: ApprovalState
    public var decidedBy: Employee.ID?
    /// How the level was established (実技確認, 筆記, 上長評価, 自己評価, Excel取込).
    public var method: EvaluationMethod
    /// What proves it: `signoff:12`, `quiz:5` (an attempt), or empty.
    public var evidence: String
    /// The manual and its 版 the check was made on, if any.
    public var manualID: Manual.ID?
    public var manualRevision: Int?
    /// Why a self-assessment was sent back (差し戻し理由).
    public var decisionNote: String

    public init(
        id: ID, employeeID: Employee.ID, skillID: Skill.ID, level: Int, evaluatorID: Employee.ID?,
        evaluatedOn: LocalDate, note: String = "", kind: EvaluationKind = .supervisor,
        state: ApprovalState = .approved, decidedBy: Employee.ID? = nil, method: EvaluationMethod? = nil,
        evidence: String = "", manualID: Manual.ID? = nil, manualRevision: Int? = nil, decisionNote: String = ""
    ) {
        self.method = method ?? (kind == .self ? .self : .supervisor)
        self.evidence = evidence
        self.manualID = manualID
        self.manualRevision = manualRevision
        self.decisionNote = decisionNote
        self.id = id
        self.employeeID = employeeID
        self.skillID = skillID
        self.level = level
        self.evaluatorID = evaluatorID
        self.evaluatedOn = evaluatedOn
        self.note = note
        self.kind = kind
        self.state = state
        self.decidedBy = decidedBy
    }

    /// Supervisors' own evaluations count at once; self-assessments wait for approval.
    public static func initialState(for kind: EvaluationKind) -> ApprovalState {
        kind == .supervisor ? .approved : .pending
    }
}

extension Sequence where Element == Evaluation {
    /// The level that counts now: the latest approved evaluation (by date, then entry order).
    public func currentLevel() -> Int? {
        filter { $0.state == .approved }
            .max { ($0.evaluatedOn, $0.id) < ($1.evaluatedOn, $1.id) }?.level
    }
}
