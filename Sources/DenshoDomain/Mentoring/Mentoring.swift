/// An employee registered as a mentor, with how many mentees they take on.
public struct Mentor: Hashable, Codable, Sendable {
    public var employeeID: Employee.ID
    public var capacity: Int
    public var active: Bool
    public var note: String

    public init(employeeID: Employee.ID, capacity: Int, active: Bool = true, note: String = "") {
        self.employeeID = employeeID
        self.capacity = capacity
        self.active = active
        self.note = note
    }
}

/// A pairing's life: proposed by the optimiser (or by hand), then active, then ended; or declined.
public enum PairingStatus: String, Codable, Sendable, CaseIterable {
    case proposed, active, ended, declined

    public var label: String {
        switch self {
        case .proposed: "提案"
        case .active: "実施中"
        case .ended: "終了"
        case .declined: "見送り"
        }
    }
}

/// A mentor and a mentee, with why they were paired. History is kept: ended pairings stay.
public struct Pairing: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Pairing>
    public var id: ID
    public var mentorID: Employee.ID
    public var menteeID: Employee.ID
    public var status: PairingStatus
    public var score: Int
    /// Why, in words (`旋盤段取り Lv1→Lv2 を指導できる (Lv4)`, `本人の希望`, `他部署 (斜めの関係)`).
    public var reasons: [String]
    public var proposedOn: LocalDate
    public var startedOn: LocalDate?
    public var endedOn: LocalDate?
    public var endReason: String?

    public init(
        id: ID, mentorID: Employee.ID, menteeID: Employee.ID, status: PairingStatus, score: Int, reasons: [String],
        proposedOn: LocalDate, startedOn: LocalDate? = nil, endedOn: LocalDate? = nil, endReason: String? = nil
    ) {
        self.id = id
        self.mentorID = mentorID
        self.menteeID = menteeID
        self.status = status
        self.score = score
        self.reasons = reasons
        self.proposedOn = proposedOn
        self.startedOn = startedOn
        self.endedOn = endedOn
        self.endReason = endReason
    }
}

/// 面談 with a mentor, or the monthly ランチミーティング with young staff.
public enum MeetingKind: String, Codable, Sendable, CaseIterable {
    case mentor, lunch

    public var label: String { self == .mentor ? "メンター面談" : "ランチミーティング" }
}

public struct Meeting: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Meeting>
    public var id: ID
    public var kind: MeetingKind
    public var heldOn: LocalDate
    /// The pairing a mentor meeting belongs to.
    public var pairingID: Pairing.ID?
    public var title: String
    public var topics: String
    public var nextActions: String
    public var attendees: [Employee.ID]

    public init(
        id: ID, kind: MeetingKind, heldOn: LocalDate, pairingID: Pairing.ID? = nil, title: String = "", topics: String = "",
        nextActions: String = "", attendees: [Employee.ID] = []
    ) {
        self.id = id
        self.kind = kind
        self.heldOn = heldOn
        self.pairingID = pairingID
        self.title = title
        self.topics = topics
        self.nextActions = nextActions
        self.attendees = attendees
    }
}

/// 改善提案: from submitted to adopted (or not), with its effect.
public enum ProposalStatus: String, Codable, Sendable, CaseIterable {
    case submitted, reviewing, adopted, implemented, rejected

    public var label: String {
        switch self {
        case .submitted: "提出"
        case .reviewing: "検討中"
        case .adopted: "採用"
        case .implemented: "実施済"
        case .rejected: "不採用"
        }
    }

    /// Adopted or further: counts as an adopted proposal.
    public var isAdopted: Bool { self == .adopted || self == .implemented }
}

public struct Proposal: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Proposal>
    public var id: ID
    public var submittedBy: Employee.ID
    /// The improvement team (改善チーム) it came from, if any.
    public var team: String
    public var title: String
    public var body: String
    public var status: ProposalStatus
    /// What it achieved (時間短縮、不良削減 …) once adopted.
    public var effect: String
    /// A clip showing the problem or the improvement.
    public var clipID: Clip.ID?
    /// Photos, stored like originals: content-addressed file names inside the data directory.
    public var photos: [String]
    public var submittedOn: LocalDate
    public var decidedOn: LocalDate?

    public init(
        id: ID, submittedBy: Employee.ID, team: String = "", title: String, body: String = "", status: ProposalStatus = .submitted,
        effect: String = "", clipID: Clip.ID? = nil, photos: [String] = [], submittedOn: LocalDate, decidedOn: LocalDate? = nil
    ) {
        self.id = id
        self.submittedBy = submittedBy
        self.team = team
        self.title = title
        self.body = body
        self.status = status
        self.effect = effect
        self.clipID = clipID
        self.photos = photos
        self.submittedOn = submittedOn
        self.decidedOn = decidedOn
    }
}

/// Mentors, pairings, meetings and improvement proposals of a company.
public protocol MentoringRepository: Sendable {
    func setMentor(_ mentor: Mentor, company: Company.ID, by: String) async throws
    func mentors(company: Company.ID) async throws -> [Mentor]
    /// Replaces a mentee's stated preferences (whom they would like as mentor).
    func setPreferences(mentee: Employee.ID, mentors: [Employee.ID], company: Company.ID, by: String) async throws
    func preferences(company: Company.ID) async throws -> [Employee.ID: Set<Employee.ID>]

    /// Adds proposed pairings, replacing the earlier proposals that were never accepted.
    func replaceProposals(_ pairings: [Pairing], company: Company.ID, by: String) async throws -> [Pairing]
    func pairings(company: Company.ID, status: PairingStatus?) async throws -> [Pairing]
    func pairing(_ id: Pairing.ID, company: Company.ID) async throws -> Pairing?
    /// proposed → active (the mentee's other active pairing, if any, must have ended), or → declined.
    func decide(pairing: Pairing.ID, accept: Bool, on: LocalDate, company: Company.ID, by: String) async throws -> Pairing
    func end(pairing: Pairing.ID, on: LocalDate, reason: String, company: Company.ID, by: String) async throws -> Pairing

    func addMeeting(_ meeting: Meeting, company: Company.ID, by: String) async throws -> Meeting
    func meetings(company: Company.ID, kind: MeetingKind?) async throws -> [Meeting]

    func addProposal(_ proposal: Proposal, company: Company.ID, by: String) async throws -> Proposal
    func updateProposal(_ id: Proposal.ID, status: ProposalStatus, effect: String, on: LocalDate, company: Company.ID, by: String)
        async throws -> Proposal
    func proposals(company: Company.ID) async throws -> [Proposal]
    func proposal(_ id: Proposal.ID, company: Company.ID) async throws -> Proposal?
}

extension MentoringRepository where Self: OrganizationRepository {
    /// The employee's mentor in an active pairing, if any.
    public func activeMentor(of employee: Employee.ID, company: Company.ID) async throws -> Employee? {
        guard let pairing = try await pairings(company: company, status: .active).first(where: { $0.menteeID == employee }) else { return nil }
        return try await self.employee(pairing.mentorID, company: company)
    }
}
