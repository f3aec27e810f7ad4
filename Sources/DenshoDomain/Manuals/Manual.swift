/// A 動画マニュアル: the TWI job breakdown of one task, each step tied to a time range of a clip.
///
/// A controlled document: the live version is the latest approved revision (版), kept as it was
/// approved, so a 作業標準書 hanging at a machine can always be traced to the text it was printed
/// from. This value is the working copy: edits go here (anyone who writes manuals may propose a
/// revision), are submitted for review, and become the next 版 only when a supervisor approves
/// them; until then everyone keeps seeing and printing the live version.
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
    /// Where the working copy is in review.
    public var review: ManualReview
    /// 改訂理由 of the pending revision (required from the second 版 on).
    public var revisionReason: String
    /// Whether the pending revision changes the work enough that people must watch it again.
    public var majorChange: Bool
    /// Set on an old approved version (旧版): when the next one replaced it.
    public var supersededAt: String?

    public init(
        id: ID, companyID: Company.ID, clipID: Clip.ID?, title: String, documentNumber: String = "",
        status: ManualStatus = .draft, revision: Int = 0, author: String, approver: String? = nil,
        approvedAt: String? = nil, updatedAt: String = "", steps: [ManualStep] = [], review: ManualReview = .editing,
        revisionReason: String = "", majorChange: Bool = false, supersededAt: String? = nil
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
        self.review = review
        self.revisionReason = revisionReason
        self.majorChange = majorChange
        self.supersededAt = supersededAt
    }

    /// Whether the working copy has changes no approval covers yet.
    public var hasPendingChanges: Bool { status == .draft }

    /// The approved version `revision` as a manual to show or print (the 旧版 mark comes from
    /// `revision.supersededAt`).
    public func version(_ revision: ManualRevision) -> Manual {
        Manual(
            id: id, companyID: companyID, clipID: clipID, title: revision.title,
            documentNumber: revision.documentNumber.isEmpty ? documentNumber : revision.documentNumber, status: .approved,
            revision: revision.revision, author: author, approver: revision.approver, approvedAt: revision.approvedAt,
            updatedAt: revision.approvedAt, steps: revision.steps, review: .editing, revisionReason: revision.reason,
            majorChange: revision.majorChange, supersededAt: revision.supersededAt)
    }
}

/// The review state of a manual's working copy.
public enum ManualReview: String, Codable, Sendable, CaseIterable {
    /// Being written; not yet asked for approval.
    case editing
    /// 承認待ち: waiting for a supervisor.
    case submitted
    /// 差し戻し: sent back with a comment.
    case returned
}

extension ManualRepository {
    /// Approval from the command line and tests, where nothing was shown first.
    public func approveManual(_ id: Manual.ID, company: Company.ID, by: String, approverName: String) async throws -> Manual {
        try await approveManual(id, company: company, by: by, approverName: approverName, seen: nil)
    }
}

/// One step of a manual's review history: who submitted, returned (and why) or approved, and when.
public struct ManualReviewEntry: Hashable, Codable, Sendable {
    public enum Action: String, Codable, Sendable { case submit, `return`, approve, withdraw }
    public var action: Action
    public var actor: String
    public var comment: String
    public var at: String

    public init(action: Action, actor: String, comment: String, at: String) {
        self.action = action
        self.actor = actor
        self.comment = comment
        self.at = at
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
    /// 改訂理由 (empty for the first 版).
    public var reason: String
    public var majorChange: Bool
    public var documentNumber: String
    /// When the next 版 was approved; nil for the live version.
    public var supersededAt: String?

    public init(
        revision: Int, approver: String, approvedAt: String, title: String, steps: [ManualStep], reason: String = "",
        majorChange: Bool = false, documentNumber: String = "", supersededAt: String? = nil
    ) {
        self.revision = revision
        self.approver = approver
        self.approvedAt = approvedAt
        self.title = title
        self.steps = steps
        self.reason = reason
        self.majorChange = majorChange
        self.documentNumber = documentNumber
        self.supersededAt = supersededAt
    }
}

/// Manuals and their revisions.
public protocol ManualRepository: Sendable {
    func addManual(_ manual: Manual, by: String) async throws -> Manual
    func manuals(company: Company.ID, clip: Clip.ID?) async throws -> [Manual]
    func manual(_ id: Manual.ID, company: Company.ID) async throws -> Manual?
    /// Replaces the working copy's title and steps (with the 改訂理由 and whether the change is
    /// major); the live version stays as approved. A submitted copy goes back to editing.
    func updateManual(
        _ id: Manual.ID, title: String, documentNumber: String, steps: [ManualStep], reason: String, majorChange: Bool,
        company: Company.ID, by: String
    ) async throws -> Manual
    /// Asks for approval of the working copy; notifies the supervisors of the author's department.
    func submitManual(_ id: Manual.ID, company: Company.ID, by: String) async throws -> Manual
    /// Sends the working copy back with a comment (required); notifies whoever submitted it.
    func returnManual(_ id: Manual.ID, comment: String, company: Company.ID, by: String) async throws -> Manual
    /// Approves the working copy as the next 版 under `approverName`. A major change re-opens the
    /// assignments of everyone who had completed the manual, and tells them.
    ///
    /// `seen` is the working copy's `updatedAt` as the approver saw it: a copy changed since is
    /// refused, so an approval covers only what was read.
    func approveManual(_ id: Manual.ID, company: Company.ID, by: String, approverName: String, seen: String?) async throws -> Manual
    /// Approved versions, newest first, each with the date the next one superseded it.
    func revisions(of manual: Manual.ID, company: Company.ID) async throws -> [ManualRevision]
    func reviews(of manual: Manual.ID, company: Company.ID) async throws -> [ManualReviewEntry]
}
