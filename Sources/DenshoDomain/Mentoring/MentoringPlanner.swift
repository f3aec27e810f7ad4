/// Gathers who can mentor and who needs a mentor from the repositories, runs the optimiser and
/// words each pair's reasons: one piece for the CLI and the web app.
public struct MentoringPlanner: Sendable {
    public let store: any DenshoRepository
    public let company: Company
    public let asOf: LocalDate

    public init(store: any DenshoRepository, company: Company, asOf: LocalDate) {
        self.store = store
        self.company = company
        self.asOf = asOf
    }

    /// Mentees by default: staff within their first three years (KGI②: fewer leavers in three years).
    public static let defaultMenteeYears = 3

    /// A pairing is overdue for a mentor meeting once this many days or more have passed since its
    /// last one (or since it started). The rule and the wording of every reminder (「…日以上」) use it.
    public static let meetingOverdueDays = 35

    /// A suggestion: the optimiser's result, and each pair as it would be saved.
    public struct Suggestion: Sendable {
        public var result: PairingResult
        public var pairings: [Pairing]
        public var menteeCount: Int
        public var mentorCount: Int
    }

    public func suggest(rules: PairingRules, menteeYears: Int = defaultMenteeYears) async throws -> Suggestion {
        let employees = try await store.employees(company: company.id, filter: EmployeeFilter(activeOn: asOf))
        let byID = Dictionary(uniqueKeysWithValues: employees.map { ($0.id, $0) })
        let active = try await store.pairings(company: company.id, status: .active)
        let load = Dictionary(grouping: active, by: \.mentorID).mapValues(\.count)
        let paired = Set(active.map(\.menteeID))
        let matrix = try await store.matrix(company: company.id, department: nil, asOf: asOf)
        let tracks = try await store.tracks(company: company.id)
        let held = Dictionary(grouping: try await store.heldQualifications(company: company.id, employee: nil), by: \.employeeID)
        let preferences = try await store.preferences(company: company.id)

        let mentors = try await store.mentors(company: company.id).compactMap { mentor -> MentorCandidate? in
            guard mentor.active, let employee = byID[mentor.employeeID] else { return nil }
            return MentorCandidate(employee: employee, capacity: max(0, mentor.capacity - (load[mentor.employeeID] ?? 0)),
                                   levels: matrix.levels[employee.id] ?? [:])
        }
        let mentorIDs = Set(mentors.map(\.employee.id))
        // Who supervises each department: supervisor accounts, through their own department and scope.
        var supervisorsOf: [Department.ID: Set<Employee.ID>] = [:]
        for account in try await store.accounts(company: company.id) where account.role == .supervisor {
            guard let employeeID = account.employeeID else { continue }
            var scope = Set(try await store.supervisedDepartments(account.id))
            if let own = byID[employeeID]?.departmentID { scope.insert(own) }
            for department in scope { supervisorsOf[department, default: []].insert(employeeID) }
        }
        let mentees = employees.filter {
            $0.serviceYears(on: asOf) < menteeYears && !paired.contains($0.id) && !mentorIDs.contains($0.id)
        }.map { employee -> MenteeCandidate in
            let gaps = tracks.track(of: employee).flatMap { track in
                CareerAssessment(employee: employee, track: track, levels: matrix.levels[employee.id] ?? [:],
                                 heldQualifications: held[employee.id] ?? [], asOf: asOf).nextGradeGaps?.skillGaps
            } ?? []
            return MenteeCandidate(employee: employee, gaps: gaps, preferredMentors: preferences[employee.id] ?? [],
                                   supervisors: employee.departmentID.flatMap { supervisorsOf[$0] } ?? [])
        }
        let result = MentorPairing.propose(mentors: mentors, mentees: mentees, rules: rules)
        let skills = Dictionary(uniqueKeysWithValues: matrix.skills.map { ($0.id, $0) })
        let pairings = result.pairs.map { pair in
            Pairing(id: .init(0), mentorID: pair.mentor, menteeID: pair.mentee, status: .proposed, score: pair.score,
                    reasons: Self.reasons(pair, skills: skills), proposedOn: asOf)
        }
        return Suggestion(result: result, pairings: pairings, menteeCount: mentees.count, mentorCount: mentors.count)
    }

    /// Why a pair, in words.
    public static func reasons(_ pair: ProposedPair, skills: [Skill.ID: Skill]) -> [String] {
        var reasons = pair.covered.map { gap in
            "\(skills[gap.skillID]?.name ?? "?") Lv\(gap.current)→Lv\(gap.required) を指導できる (Lv\(gap.mentorLevel))"
        }
        if pair.preferred { reasons.append("本人の希望") }
        if pair.crossDepartment { reasons.append("他部署（斜めの関係）") }
        if pair.covered.isEmpty && !pair.preferred { reasons.append("次の等級の不足スキルとは重ならないが、受け入れ枠あり") }
        return reasons
    }

    /// What dashboards and lists remind of: active pairings whose last mentor meeting (or start) is
    /// `days` or more ago, and whether this month's ランチミーティング (one a month, as the strategy
    /// asks) is still to be held.
    public struct Reminders: Sendable {
        public var overdue: [(pairing: Pairing, lastMet: LocalDate?)]
        public var lunchDue: Bool

        /// The last meeting of each overdue pairing (nil: never met).
        public var lastMetOfOverdue: [Pairing.ID: LocalDate?] {
            Dictionary(overdue.map { ($0.pairing.id, $0.lastMet) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Reminders from pairings and meetings already at hand (pairings of any status; only active
    /// ones can be overdue).
    public static func reminders(
        pairings: [Pairing], meetings: [Meeting], asOf: LocalDate, days: Int = meetingOverdueDays
    ) -> Reminders {
        var last: [Pairing.ID: LocalDate] = [:]
        for meeting in meetings where meeting.kind == .mentor {
            if let id = meeting.pairingID { last[id] = max(last[id] ?? meeting.heldOn, meeting.heldOn) }
        }
        let overdue = pairings.filter { $0.status == .active }.compactMap { pairing -> (pairing: Pairing, lastMet: LocalDate?)? in
            let reference = last[pairing.id] ?? pairing.startedOn ?? pairing.proposedOn
            return reference.days(until: asOf) >= days ? (pairing, last[pairing.id]) : nil
        }
        let lunchDue = !meetings.contains { $0.kind == .lunch && $0.heldOn.year == asOf.year && $0.heldOn.month == asOf.month }
        return Reminders(overdue: overdue, lunchDue: lunchDue)
    }

    /// Reminders read from the store: active pairings and meetings, each loaded once.
    public func reminders(days: Int = meetingOverdueDays) async throws -> Reminders {
        Self.reminders(pairings: try await store.pairings(company: company.id, status: .active),
                       meetings: try await store.meetings(company: company.id, kind: nil), asOf: asOf, days: days)
    }
}
