/// Training given to one person: a manual or a clip to watch (a course is stored as one
/// assignment per item, in order, sharing `courseID`), with a due date.
public struct Assignment: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Assignment>
    public var id: ID
    public var companyID: Company.ID
    public var employeeID: Employee.ID
    public var item: TrainingItem
    /// The course this is part of, and its place there.
    public var courseID: Course.ID?
    public var position: Int
    public var dueOn: LocalDate?
    public var assignedBy: String
    public var assignedAt: String
    /// The manual revision the person must acknowledge (0 for clips). A major revision raises it.
    public var requiredRevision: Int
    /// Share of the clip (or of the manual's steps) played since the assignment was (re)opened.
    public var watchedShare: Double
    /// When the person first played anything of it since it was (re)opened.
    public var startedAt: String?
    public var completedAt: String?
    /// When a major revision re-opened it, if one did.
    public var reopenedAt: String?

    public init(
        id: ID, companyID: Company.ID, employeeID: Employee.ID, item: TrainingItem, courseID: Course.ID? = nil,
        position: Int = 0, dueOn: LocalDate?, assignedBy: String, assignedAt: String = "", requiredRevision: Int = 0,
        watchedShare: Double = 0, startedAt: String? = nil, completedAt: String? = nil, reopenedAt: String? = nil
    ) {
        self.id = id
        self.companyID = companyID
        self.employeeID = employeeID
        self.item = item
        self.courseID = courseID
        self.position = position
        self.dueOn = dueOn
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
        self.requiredRevision = requiredRevision
        self.watchedShare = watchedShare
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.reopenedAt = reopenedAt
    }

    /// Its state on `today` (a date in Japan: due dates are office dates, not instants).
    public func state(on today: LocalDate) -> AssignmentState {
        AssignmentState.of(completed: completedAt != nil, started: startedAt != nil || watchedShare > 0, due: dueOn, today: today)
    }
}

/// What is assigned.
public enum TrainingItem: Hashable, Codable, Sendable {
    case manual(Manual.ID)
    case clip(Clip.ID)

    public var kind: String {
        switch self {
        case .manual: "manual"
        case .clip: "clip"
        }
    }

    public var manualID: Manual.ID? { if case .manual(let id) = self { id } else { nil } }
    public var clipID: Clip.ID? { if case .clip(let id) = self { id } else { nil } }
    /// The manual's or clip's id, with `kind` what names it in files and the API.
    public var rawID: Int64 { manualID?.rawValue ?? clipID?.rawValue ?? 0 }
}

public enum AssignmentState: String, Codable, Sendable, CaseIterable {
    case notStarted = "not-started", inProgress = "in-progress", completed, overdue

    /// Completed wins; otherwise a due date before `today` makes it overdue (the due day itself
    /// is still on time, to the end of that day in Japan).
    public static func of(completed: Bool, started: Bool, due: LocalDate?, today: LocalDate) -> AssignmentState {
        if completed { return .completed }
        if let due, due < today { return .overdue }
        return started ? .inProgress : .notStarted
    }

    /// Key in the UI string table.
    public var stringKey: String { "assignment.\(rawValue)" }
}

/// An ordered list of manuals and clips assigned together (新人教育コース …).
public struct Course: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Course>
    public var id: ID
    public var companyID: Company.ID
    public var title: String
    public var items: [TrainingItem]

    public init(id: ID, companyID: Company.ID, title: String, items: [TrainingItem]) {
        self.id = id
        self.companyID = companyID
        self.title = title
        self.items = items
    }
}

/// Who an assignment goes to.
public enum AssignmentAudience: Hashable, Sendable {
    case employees([Employee.ID])
    case department(Department.ID)
    /// Everyone whose next grade needs `skill` at a level above their current one.
    case lackingSkill(Skill.ID)
}

/// A person's acknowledgement (読了確認) of a manual version or a clip.
public struct Acknowledgement: Hashable, Codable, Sendable {
    public var employeeID: Employee.ID
    public var item: TrainingItem
    public var revision: Int
    public var at: String

    public init(employeeID: Employee.ID, item: TrainingItem, revision: Int, at: String) {
        self.employeeID = employeeID
        self.item = item
        self.revision = revision
        self.at = at
    }
}

/// One line of the training report: a manual or clip with how its assignments stand.
public struct TrainingReportRow: Hashable, Codable, Sendable {
    public var item: TrainingItem
    public var title: String
    public var assigned: Int
    public var notStarted: Int
    public var inProgress: Int
    public var completed: Int
    public var overdue: Int

    public init(item: TrainingItem, title: String, assigned: Int, notStarted: Int, inProgress: Int, completed: Int, overdue: Int) {
        self.item = item
        self.title = title
        self.assigned = assigned
        self.notStarted = notStarted
        self.inProgress = inProgress
        self.completed = completed
        self.overdue = overdue
    }
}
