import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: MentoringRepository {
    // MARK: Mentors and preferences

    public func setMentor(_ mentor: Mentor, company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            try Self.requireEmployees(db, [mentor.employeeID], company: company)
            try db.execute(
                sql: """
                    INSERT INTO mentor (employee_id, company_id, capacity, active, note) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (employee_id) DO UPDATE SET capacity = excluded.capacity, active = excluded.active, note = excluded.note
                    """,
                arguments: [mentor.employeeID.rawValue, company.rawValue, mentor.capacity, mentor.active, mentor.note])
            try Audit.record(db, company: company, actor: actor, entity: "mentor", id: mentor.employeeID.rawValue,
                             action: "set", after: mentor)
        }
    }

    public func mentors(company: Company.ID) async throws -> [Mentor] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT employee_id, capacity, active, note FROM mentor WHERE company_id = ? ORDER BY employee_id",
                             arguments: [company.rawValue]).map {
                Mentor(employeeID: .init($0[0]), capacity: $0[1], active: $0[2], note: $0[3])
            }
        }
    }

    public func setPreferences(mentee: Employee.ID, mentors: [Employee.ID], company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            try Self.requireEmployees(db, [mentee] + mentors, company: company)
            try db.execute(sql: "DELETE FROM mentor_preference WHERE mentee_id = ?", arguments: [mentee.rawValue])
            for mentor in Set(mentors) {
                try db.execute(sql: "INSERT INTO mentor_preference (mentee_id, mentor_id, company_id) VALUES (?, ?, ?)",
                               arguments: [mentee.rawValue, mentor.rawValue, company.rawValue])
            }
            try Audit.record(db, company: company, actor: actor, entity: "mentor_preference", id: mentee.rawValue,
                             action: "set", after: mentors.map(\.rawValue))
        }
    }

    public func preferences(company: Company.ID) async throws -> [Employee.ID: Set<Employee.ID>] {
        try await pool.read { db in
            var result: [Employee.ID: Set<Employee.ID>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT mentee_id, mentor_id FROM mentor_preference WHERE company_id = ?",
                                        arguments: [company.rawValue]) {
                result[.init(row[0]), default: []].insert(.init(row[1]))
            }
            return result
        }
    }

    // MARK: Pairings

    static let pairingColumns = "id, mentor_id, mentee_id, status, score, reasons, proposed_on, started_on, ended_on, end_reason"

    static func pairing(row: Row) -> Pairing {
        Pairing(
            id: .init(row[0]), mentorID: .init(row[1]), menteeID: .init(row[2]), status: PairingStatus(rawValue: row[3]) ?? .ended,
            score: row[4], reasons: decodeStrings(row[5]), proposedOn: LocalDate(parsing: row[6])!,
            startedOn: (row[7] as String?).flatMap(LocalDate.init(parsing:)), endedOn: (row[8] as String?).flatMap(LocalDate.init(parsing:)),
            endReason: row[9])
    }

    static func pairing(_ db: Database, _ id: Pairing.ID, company: Company.ID) throws -> Pairing? {
        try Row.fetchOne(db, sql: "SELECT \(pairingColumns) FROM pairing WHERE id = ? AND company_id = ?",
                         arguments: [id.rawValue, company.rawValue]).map(pairing(row:))
    }

    public func replaceProposals(_ pairings: [Pairing], company: Company.ID, by actor: String) async throws -> [Pairing] {
        try await pool.write { db in
            try Self.requireEmployees(db, pairings.flatMap { [$0.mentorID, $0.menteeID] }, company: company)
            try db.execute(sql: "DELETE FROM pairing WHERE company_id = ? AND status = 'proposed'", arguments: [company.rawValue])
            var saved: [Pairing] = []
            for pairing in pairings {
                try db.execute(
                    sql: """
                        INSERT INTO pairing (company_id, mentor_id, mentee_id, status, score, reasons, proposed_on)
                        VALUES (?, ?, ?, 'proposed', ?, ?, ?)
                        """,
                    arguments: [company.rawValue, pairing.mentorID.rawValue, pairing.menteeID.rawValue, pairing.score,
                                Audit.json(pairing.reasons), pairing.proposedOn.description])
                var copy = pairing
                copy.id = .init(db.lastInsertedRowID)
                copy.status = .proposed
                saved.append(copy)
            }
            try Audit.record(db, company: company, actor: actor, entity: "pairing", id: 0, action: "propose",
                             after: saved.map { [$0.mentorID.rawValue, $0.menteeID.rawValue] })
            return saved
        }
    }

    public func pairings(company: Company.ID, status: PairingStatus?) async throws -> [Pairing] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.pairingColumns) FROM pairing WHERE company_id = ? AND (? IS NULL OR status = ?) ORDER BY id",
                arguments: [company.rawValue, status?.rawValue, status?.rawValue]
            ).map(Self.pairing(row:))
        }
    }

    public func pairing(_ id: Pairing.ID, company: Company.ID) async throws -> Pairing? {
        try await pool.read { db in try Self.pairing(db, id, company: company) }
    }

    public func decide(pairing id: Pairing.ID, accept: Bool, on date: LocalDate, company: Company.ID, by actor: String) async throws -> Pairing {
        try await pool.write { db in
            guard let before = try Self.pairing(db, id, company: company) else { throw StoreError.notFound(entity: "pairing", key: String(id.rawValue)) }
            guard before.status == .proposed else {
                throw StoreError.invalid("pairing \(id.rawValue) is \(before.status.rawValue), not proposed")
            }
            if accept, try Bool.fetchOne(db, sql: "SELECT 1 FROM pairing WHERE mentee_id = ? AND status = 'active'",
                                         arguments: [before.menteeID.rawValue]) == true {
                throw StoreError.invalid("the mentee already has an active mentor: end that pairing first")
            }
            try db.execute(
                sql: "UPDATE pairing SET status = ?, started_on = ? WHERE id = ?",
                arguments: [accept ? "active" : "declined", accept ? date.description : nil, id.rawValue])
            let after = try Self.pairing(db, id, company: company)!
            try Audit.record(db, company: company, actor: actor, entity: "pairing", id: id.rawValue,
                             action: accept ? "accept" : "decline", before: before, after: after)
            return after
        }
    }

    public func end(pairing id: Pairing.ID, on date: LocalDate, reason: String, company: Company.ID, by actor: String) async throws -> Pairing {
        try await pool.write { db in
            guard let before = try Self.pairing(db, id, company: company) else { throw StoreError.notFound(entity: "pairing", key: String(id.rawValue)) }
            guard before.status == .active else { throw StoreError.invalid("pairing \(id.rawValue) is not active") }
            try db.execute(sql: "UPDATE pairing SET status = 'ended', ended_on = ?, end_reason = ? WHERE id = ?",
                           arguments: [date.description, reason, id.rawValue])
            let after = try Self.pairing(db, id, company: company)!
            try Audit.record(db, company: company, actor: actor, entity: "pairing", id: id.rawValue, action: "end", before: before, after: after)
            return after
        }
    }

    // MARK: Meetings

    public func addMeeting(_ meeting: Meeting, company: Company.ID, by actor: String) async throws -> Meeting {
        try await pool.write { db in
            try Self.requireEmployees(db, meeting.attendees, company: company)
            if let pairing = meeting.pairingID, try Self.pairing(db, pairing, company: company) == nil {
                throw StoreError.notFound(entity: "pairing", key: String(pairing.rawValue))
            }
            try db.execute(
                sql: "INSERT INTO meeting (company_id, kind, held_on, pairing_id, title, topics, next_actions) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [company.rawValue, meeting.kind.rawValue, meeting.heldOn.description, meeting.pairingID?.rawValue,
                            meeting.title, meeting.topics, meeting.nextActions])
            var saved = meeting
            saved.id = .init(db.lastInsertedRowID)
            for attendee in Set(meeting.attendees) {
                try db.execute(sql: "INSERT INTO meeting_attendee (meeting_id, employee_id) VALUES (?, ?)",
                               arguments: [saved.id.rawValue, attendee.rawValue])
            }
            try Audit.record(db, company: company, actor: actor, entity: "meeting", id: saved.id.rawValue, action: "insert", after: saved)
            return saved
        }
    }

    public func meetings(company: Company.ID, kind: MeetingKind?) async throws -> [Meeting] {
        try await pool.read { db in
            var attendees: [Int64: [Employee.ID]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT a.meeting_id, a.employee_id FROM meeting_attendee a JOIN meeting m ON m.id = a.meeting_id WHERE m.company_id = ?",
                arguments: [company.rawValue]) {
                attendees[row[0], default: []].append(.init(row[1]))
            }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, kind, held_on, pairing_id, title, topics, next_actions FROM meeting
                    WHERE company_id = ? AND (? IS NULL OR kind = ?) ORDER BY held_on DESC, id DESC
                    """, arguments: [company.rawValue, kind?.rawValue, kind?.rawValue]
            ).map { row in
                Meeting(id: .init(row[0]), kind: MeetingKind(rawValue: row[1]) ?? .mentor, heldOn: LocalDate(parsing: row[2])!,
                        pairingID: (row[3] as Int64?).map(Pairing.ID.init), title: row[4], topics: row[5], nextActions: row[6],
                        attendees: (attendees[row[0]] ?? []).sorted { $0.rawValue < $1.rawValue })
            }
        }
    }

    // MARK: Proposals

    static let proposalColumns = "id, submitted_by, team, title, body, status, effect, clip_id, photos, submitted_on, decided_on"

    static func proposal(row: Row) -> Proposal {
        Proposal(
            id: .init(row[0]), submittedBy: .init(row[1]), team: row[2], title: row[3], body: row[4],
            status: ProposalStatus(rawValue: row[5]) ?? .submitted, effect: row[6], clipID: (row[7] as Int64?).map(Clip.ID.init),
            photos: decodeStrings(row[8]), submittedOn: LocalDate(parsing: row[9])!,
            decidedOn: (row[10] as String?).flatMap(LocalDate.init(parsing:)))
    }

    public func addProposal(_ proposal: Proposal, company: Company.ID, by actor: String) async throws -> Proposal {
        try await pool.write { db in
            try Self.requireEmployees(db, [proposal.submittedBy], company: company)
            if let clip = proposal.clipID, try Bool.fetchOne(db, sql: "SELECT 1 FROM clip WHERE id = ? AND company_id = ?",
                                                            arguments: [clip.rawValue, company.rawValue]) != true {
                throw StoreError.notFound(entity: "clip", key: String(clip.rawValue))
            }
            try db.execute(
                sql: """
                    INSERT INTO proposal (company_id, submitted_by, team, title, body, status, effect, clip_id, photos, submitted_on)
                    VALUES (?, ?, ?, ?, ?, 'submitted', '', ?, ?, ?)
                    """,
                arguments: [company.rawValue, proposal.submittedBy.rawValue, proposal.team, proposal.title, proposal.body,
                            proposal.clipID?.rawValue, Audit.json(proposal.photos), proposal.submittedOn.description])
            let saved = try Row.fetchOne(db, sql: "SELECT \(Self.proposalColumns) FROM proposal WHERE id = ?",
                                         arguments: [db.lastInsertedRowID]).map(Self.proposal(row:))!
            try Audit.record(db, company: company, actor: actor, entity: "proposal", id: saved.id.rawValue, action: "insert", after: saved)
            return saved
        }
    }

    public func updateProposal(_ id: Proposal.ID, status: ProposalStatus, effect: String, on date: LocalDate, company: Company.ID, by actor: String)
        async throws -> Proposal
    {
        try await pool.write { db in
            let select = "SELECT \(Self.proposalColumns) FROM proposal WHERE id = ? AND company_id = ?"
            guard let before = try Row.fetchOne(db, sql: select, arguments: [id.rawValue, company.rawValue]).map(Self.proposal(row:)) else {
                throw StoreError.notFound(entity: "proposal", key: String(id.rawValue))
            }
            let decided = status == .submitted || status == .reviewing ? nil : (before.decidedOn ?? date).description
            try db.execute(sql: "UPDATE proposal SET status = ?, effect = ?, decided_on = ? WHERE id = ?",
                           arguments: [status.rawValue, effect, decided, id.rawValue])
            let after = try Row.fetchOne(db, sql: select, arguments: [id.rawValue, company.rawValue]).map(Self.proposal(row:))!
            try Audit.record(db, company: company, actor: actor, entity: "proposal", id: id.rawValue, action: "update", before: before, after: after)
            try Notifier.proposalDecided(db, before: before, after: after, company: company)
            return after
        }
    }

    public func proposals(company: Company.ID) async throws -> [Proposal] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.proposalColumns) FROM proposal WHERE company_id = ? ORDER BY submitted_on DESC, id DESC",
                             arguments: [company.rawValue]).map(Self.proposal(row:))
        }
    }

    public func proposal(_ id: Proposal.ID, company: Company.ID) async throws -> Proposal? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.proposalColumns) FROM proposal WHERE id = ? AND company_id = ?",
                             arguments: [id.rawValue, company.rawValue]).map(Self.proposal(row:))
        }
    }
}
