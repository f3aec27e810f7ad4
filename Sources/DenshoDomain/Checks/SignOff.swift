/// A 実技確認: a supervisor watched the trainee do the work and marked each checklist step OK or
/// NG. A pass records the checklist's level in the 力量表 (method 実技確認, this sign-off as the
/// evidence); the trainee then acknowledges the result. Kept for good, like evaluations.
public struct SignOff: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<SignOff>
    public var id: ID
    public var companyID: Company.ID
    public var checklistID: Checklist.ID
    public var traineeID: Employee.ID
    public var evaluatorID: Employee.ID?
    public var evaluatorName: String
    /// Copied from the checklist when signed (the checklist may change later).
    public var skillID: Skill.ID
    public var level: Int
    public var manualID: Manual.ID?
    public var manualRevision: Int?
    /// One per checklist item, in order.
    public var marks: [SignOffMark]
    /// The steps as they were checked (the checklist may be edited later); set by the store.
    public var items: [ChecklistItem] = []
    public var passed: Bool
    /// Required, pass or fail: what went well and what to practise.
    public var feedback: String
    /// A photo or short clip of the trainee at work (through the normal upload).
    public var evidenceClipID: Clip.ID?
    public var signedOn: LocalDate
    /// The evaluation a pass recorded.
    public var evaluationID: Evaluation.ID?
    /// When the trainee acknowledged the result (確認).
    public var acknowledgedAt: String?

    public init(
        id: ID, companyID: Company.ID, checklistID: Checklist.ID, traineeID: Employee.ID, evaluatorID: Employee.ID?,
        evaluatorName: String = "", skillID: Skill.ID, level: Int, manualID: Manual.ID? = nil, manualRevision: Int? = nil,
        marks: [SignOffMark], passed: Bool, feedback: String, evidenceClipID: Clip.ID? = nil, signedOn: LocalDate,
        evaluationID: Evaluation.ID? = nil, acknowledgedAt: String? = nil
    ) {
        self.id = id
        self.companyID = companyID
        self.checklistID = checklistID
        self.traineeID = traineeID
        self.evaluatorID = evaluatorID
        self.evaluatorName = evaluatorName
        self.skillID = skillID
        self.level = level
        self.manualID = manualID
        self.manualRevision = manualRevision
        self.marks = marks
        self.passed = passed
        self.feedback = feedback
        self.evidenceClipID = evidenceClipID
        self.signedOn = signedOn
        self.evaluationID = evaluationID
        self.acknowledgedAt = acknowledgedAt
    }

    public var ngCount: Int { marks.filter { !$0.ok }.count }

    /// Refuses a sign-off that is not complete: a step left unmarked, an NG without a comment,
    /// no feedback.
    public func validated(against checklist: Checklist) throws(CheckError) -> SignOff {
        guard evaluatorID == nil || evaluatorID != traineeID else {
            throw .invalid(ja: "自分自身の実技確認はできません。", en: "Nobody signs off their own practical check.")
        }
        guard marks.count == checklist.items.count else {
            throw .invalid(ja: "すべての項目をOKかNGで記録してください。", en: "Mark every step OK or NG.")
        }
        if let index = marks.firstIndex(where: { !$0.ok && $0.comment.trimmed.isEmpty }) {
            throw .invalid(ja: "項目\(index + 1): NGの理由を書いてください。", en: "Step \(index + 1): say why it is NG.")
        }
        guard !feedback.trimmed.isEmpty else {
            throw .invalid(ja: "フィードバックを入力してください（合否にかかわらず必要です）。",
                           en: "Feedback is required, pass or fail.")
        }
        return self
    }
}

public struct SignOffMark: Hashable, Codable, Sendable {
    public var ok: Bool
    public var comment: String

    public init(ok: Bool, comment: String = "") {
        self.ok = ok
        self.comment = comment
    }
}
