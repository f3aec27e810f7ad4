import DenshoDomain
import Testing

/// 「35日以上面談なし」: an active pairing is overdue from the 35th day after its last mentor
/// meeting, or after its start while it has had none; a pairing that is not active never is.
@Suite("Mentoring reminders: a mentor meeting at least every 35 days")
struct MentoringReminderTests {
    static let today = Fixture.asOf

    static func day(_ daysAgo: Int) -> LocalDate { today.adding(days: -daysAgo) }

    /// Pairing 1: mentor 10, mentee 20, proposed 120 days ago and started 100 days ago unless told.
    static func pairing(_ id: Int64 = 1, status: PairingStatus = .active, proposed: Int = 120, started: Int? = 100) -> Pairing {
        Pairing(id: .init(id), mentorID: .init(10), menteeID: .init(20), status: status, score: 0, reasons: [],
                proposedOn: day(proposed), startedOn: started.map { day($0) })
    }

    static func meeting(_ id: Int64, daysAgo: Int, pairing: Int64?, kind: MeetingKind = .mentor) -> Meeting {
        Meeting(id: .init(id), kind: kind, heldOn: day(daysAgo), pairingID: pairing.map { Pairing.ID($0) })
    }

    static func overdueIDs(_ reminders: MentoringPlanner.Reminders) -> [Pairing.ID] {
        reminders.overdue.map { $0.pairing.id }
    }

    @Test func theRuleIsThirtyFiveDays() {
        #expect(MentoringPlanner.meetingOverdueDays == 35)
    }

    @Test(arguments: [(34, false), (35, true), (36, true)])
    func countsFromTheLastMentorMeeting(daysAgo: Int, overdue: Bool) {
        let meetings = [Self.meeting(1, daysAgo: 90, pairing: 1), Self.meeting(2, daysAgo: daysAgo, pairing: 1)]
        let reminders = MentoringPlanner.reminders(pairings: [Self.pairing()], meetings: meetings, asOf: Self.today)
        #expect(Self.overdueIDs(reminders) == (overdue ? [Pairing.ID(1)] : []))
        if overdue { #expect(reminders.overdue.first?.lastMet == Self.day(daysAgo)) }
    }

    /// Before the first meeting, from the day the pairing started (not the day it was proposed).
    @Test(arguments: [(34, false), (35, true), (36, true)])
    func withoutAMeetingCountsFromTheStart(startedDaysAgo: Int, overdue: Bool) {
        let pairing = Self.pairing(proposed: 200, started: startedDaysAgo)
        let reminders = MentoringPlanner.reminders(pairings: [pairing], meetings: [], asOf: Self.today)
        #expect(Self.overdueIDs(reminders) == (overdue ? [Pairing.ID(1)] : []))
        if overdue {
            #expect(reminders.overdue.first?.lastMet == nil, "never met")
            #expect(reminders.lastMetOfOverdue.keys.contains(.init(1)))
        }
    }

    /// Meetings that are not this pairing's mentor meetings do not reset its clock.
    @Test func onlyItsOwnMentorMeetingsCount() {
        let meetings = [
            Self.meeting(1, daysAgo: 40, pairing: 1),
            Self.meeting(2, daysAgo: 3, pairing: 2),
            Self.meeting(3, daysAgo: 3, pairing: 1, kind: .lunch),
            Self.meeting(4, daysAgo: 3, pairing: nil),
        ]
        let reminders = MentoringPlanner.reminders(pairings: [Self.pairing()], meetings: meetings, asOf: Self.today)
        #expect(Self.overdueIDs(reminders) == [Pairing.ID(1)])
        #expect(reminders.overdue.first?.lastMet == Self.day(40))
    }

    @Test(arguments: [PairingStatus.proposed, .ended, .declined])
    func onlyActivePairingsAreEverOverdue(status: PairingStatus) {
        let pairing = Self.pairing(status: status, proposed: 400, started: status == .proposed ? nil : 300)
        let meetings = [Self.meeting(1, daysAgo: 200, pairing: 1)]
        let reminders = MentoringPlanner.reminders(pairings: [pairing], meetings: meetings, asOf: Self.today)
        #expect(reminders.overdue.isEmpty)
        #expect(reminders.lastMetOfOverdue.isEmpty)
    }
}
