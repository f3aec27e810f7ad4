/// A 動画マニュアル: the TWI job breakdown of one task, each step tied to a time range of a clip.
///
/// Editing happens on a draft; a supervisor's approval freezes it as a numbered revision (版) that
/// is kept, so a 作業標準書 hanging at a machine can always be traced to the text it was printed from.
public struct Manual: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Manual>
    public var id: ID
    public var companyID: Company.ID
    public var clipID: Clip.ID?
    public var title: String
    /// 文書番号, e.g. "KZ-M-012".
    public var documentNumber: String
    public var status: ManualStatus
    /// Number of approved revisions so far (0 for a manual never approved).
    public var revision: Int
    public var author: String
    public var approver: String?
    public var approvedAt: String?
    public var updatedAt: String
    public var steps: [ManualStep]

    public init(
        id: ID, companyID: Company.ID, clipID: Clip.ID?, title: String, documentNumber: String = "",
        status: ManualStatus = .draft, revision: Int = 0, author: String, approver: String? = nil,
        approvedAt: String? = nil, updatedAt: String = "", steps: [ManualStep] = []
    ) {
        self.id = id
        self.companyID = companyID
        self.clipID = clipID
        self.title = title
        self.documentNumber = documentNumber
        self.status = status
        self.revision = revision
        self.author = author
        self.approver = approver
        self.approvedAt = approvedAt
        self.updatedAt = updatedAt
        self.steps = steps
    }
}

public enum ManualStatus: String, Codable, Sendable, CaseIterable {
    case draft, approved

    public var label: String {
        switch self {
        case .draft: "下書き"
        case .approved: "承認済み"
        }
    }
}

/// One step of the job breakdown: 主なステップ (what), 急所 (how, the key point) and 急所の理由 (why).
public struct ManualStep: Hashable, Codable, Sendable {
    public var mainStep: String
    public var keyPoint: String
    public var reason: String
    /// Seconds into the clip where the step starts.
    public var start: Double
    /// Seconds where it ends; nil means "until the next step".
    public var end: Double?

    public init(mainStep: String, keyPoint: String = "", reason: String = "", start: Double, end: Double? = nil) {
        self.mainStep = mainStep
        self.keyPoint = keyPoint
        self.reason = reason
        self.start = start
        self.end = end
    }
}

/// Why a step cannot be saved, in words for the person editing it.
public struct ManualStepError: Error, Hashable, Sendable, CustomStringConvertible {
    public var step: Int
    public var message: String
    public var description: String { "手順\(step): \(message)" }

    public init(step: Int, message: String) {
        self.step = step
        self.message = message
    }
}

extension ManualStep {
    /// Checks the step against the clip's duration (when known). `number` is 1-based, for messages.
    public func validate(number: Int, clipDuration: Double?) throws(ManualStepError) {
        func fail(_ message: String) -> ManualStepError { ManualStepError(step: number, message: message) }
        if mainStep.allSatisfy(\.isWhitespace) { throw fail("主なステップを入力してください") }
        if !start.isFinite || start < 0 { throw fail("開始時刻が正しくありません") }
        if let end, !end.isFinite || end <= start { throw fail("終了時刻は開始時刻より後にしてください") }
        if let clipDuration, start > clipDuration + 0.05 { throw fail("開始時刻が動画の長さを超えています") }
        if let clipDuration, let end, end > clipDuration + 0.05 { throw fail("終了時刻が動画の長さを超えています") }
    }
}

/// An approved revision kept as it was approved.
public struct ManualRevision: Hashable, Codable, Sendable {
    public var revision: Int
    public var approver: String
    public var approvedAt: String
    public var title: String
    public var steps: [ManualStep]

    public init(revision: Int, approver: String, approvedAt: String, title: String, steps: [ManualStep]) {
        self.revision = revision
        self.approver = approver
        self.approvedAt = approvedAt
        self.title = title
        self.steps = steps
    }
}

/// Manuals and their revisions.
public protocol ManualRepository: Sendable {
    func addManual(_ manual: Manual, by: String) async throws -> Manual
    func manuals(company: Company.ID, clip: Clip.ID?) async throws -> [Manual]
    func manual(_ id: Manual.ID, company: Company.ID) async throws -> Manual?
    /// Replaces title and steps; an approved manual goes back to draft until approved again.
    func updateManual(_ id: Manual.ID, title: String, documentNumber: String, steps: [ManualStep], company: Company.ID, by: String)
        async throws -> Manual
    /// Approves the current draft as the next revision.
    func approveManual(_ id: Manual.ID, company: Company.ID, by: String) async throws -> Manual
    func revisions(of manual: Manual.ID, company: Company.ID) async throws -> [ManualRevision]
}
