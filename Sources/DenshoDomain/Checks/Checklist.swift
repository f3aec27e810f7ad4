/// The steps a supervisor checks while watching a trainee do the work on the floor (実技確認):
/// either for reaching a level of a skill or for one manual (its steps and 急所).
public struct Checklist: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Checklist>
    public static let maxItems = 40

    public var id: ID
    public var companyID: Company.ID
    public var title: String
    /// The skill and level a passed sign-off records in the 力量表.
    public var skillID: Skill.ID
    public var level: Int
    /// The manual the steps come from (its live 版 is recorded with each sign-off), if any.
    public var manualID: Manual.ID?
    public var items: [ChecklistItem]

    public init(
        id: ID, companyID: Company.ID, title: String, skillID: Skill.ID, level: Int, manualID: Manual.ID? = nil,
        items: [ChecklistItem]
    ) {
        self.id = id
        self.companyID = companyID
        self.title = title
        self.skillID = skillID
        self.level = level
        self.manualID = manualID
        self.items = items
    }

    /// The manual's steps as checklist items (main step and its 急所), to start from.
    public static func items(from steps: [ManualStep]) -> [ChecklistItem] {
        steps.map { ChecklistItem(step: $0.mainStep, keyPoint: $0.keyPoint) }
    }

    public func validated() throws(CheckError) -> Checklist {
        guard !title.trimmed.isEmpty else { throw .invalid(ja: "名前を入力してください。", en: "The checklist needs a title.") }
        guard !items.isEmpty else { throw .invalid(ja: "確認項目を1つ以上入力してください。", en: "Add at least one step to check.") }
        guard items.count <= Self.maxItems else {
            throw .invalid(ja: "確認項目は\(Self.maxItems)個までです。", en: "At most \(Self.maxItems) steps.")
        }
        if let index = items.firstIndex(where: { $0.step.trimmed.isEmpty }) {
            throw .invalid(ja: "項目\(index + 1): 手順を入力してください。", en: "Step \(index + 1) is empty.")
        }
        return self
    }
}

public struct ChecklistItem: Hashable, Codable, Sendable {
    public var step: String
    /// 急所: what makes the step succeed or fail (shown under the step while checking).
    public var keyPoint: String

    public init(step: String, keyPoint: String = "") {
        self.step = step
        self.keyPoint = keyPoint
    }
}
