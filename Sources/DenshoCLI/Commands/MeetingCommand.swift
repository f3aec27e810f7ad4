import ArgumentParser
import DenshoDomain
import Foundation

struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting", abstract: "Mentor meetings and monthly ランチミーティング: record, list, see what is overdue.",
        subcommands: [Add.self, List.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a meeting with its attendees, topics and next actions.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "mentor or lunch.") var kind: MeetingKind
        @Option(help: "Date held (default today).") var date: LocalDate?
        @Option(help: "For a mentor meeting: the pairing id (its mentor and mentee attend).") var pairing: Int64?
        @Option(name: .customLong("attendee"), help: "An attendee (社員番号 or name); repeat.") var attendees: [String] = []
        @Option(help: "Title.") var title: String = ""
        @Option(help: "What was talked about.") var topics: String = ""
        @Option(name: .customLong("next"), help: "Next actions.") var nextActions: String = ""

        func validate() throws {
            if kind == .mentor && pairing == nil { throw ValidationError("a mentor meeting needs --pairing ID (see `densho mentor list`)") }
        }

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            var people: [Employee.ID] = []
            for name in attendees { people.append(try await resolver.employee(name).id) }
            if let pairing {
                guard let found = try await context.store.pairing(.init(pairing), company: company.id) else {
                    throw CLIError.message("no pairing \(pairing) in this company")
                }
                people += [found.mentorID, found.menteeID]
            }
            let meeting = try await context.store.addMeeting(
                Meeting(id: .init(0), kind: kind, heldOn: date ?? context.today, pairingID: pairing.map(Pairing.ID.init), title: title,
                        topics: topics, nextActions: nextActions, attendees: people),
                company: company.id, by: context.actor)
            print("Recorded \(kind.label) \(meeting.id.rawValue) on \(meeting.heldOn.slashed) with \(Set(people).count) attendees.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Meetings, newest first; overdue reminders first.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "mentor or lunch.") var kind: MeetingKind?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let people = try await Resolver(context: context, company: company).employeesByID()
            let planner = MentoringPlanner(store: context.store, company: company, asOf: context.today)
            if options.format == .table {
                let reminders = try await planner.reminders()
                for (pairing, last) in reminders.overdue {
                    print("⚠ \(people[pairing.menteeID]?.name ?? "?") と \(people[pairing.mentorID]?.name ?? "?") の面談が"
                        + "\(MentoringPlanner.meetingOverdueDays)日以上ありません"
                        + "（最終: \(last?.slashed ?? "なし")、ペア \(pairing.id.rawValue)）")
                }
                if reminders.lunchDue { print("⚠ 今月のランチミーティングがまだです") }
            }
            var table = DataTable([("id", "ID"), ("date", "日付"), ("kind", "種類"), ("title", "件名"), ("attendees", "出席者"),
                                   ("topics", "話題"), ("next", "次の行動")])
            for meeting in try await context.store.meetings(company: company.id, kind: kind) {
                table.append([.int(Int(meeting.id.rawValue)), .text(meeting.heldOn.slashed), .text(meeting.kind.label), .text(meeting.title),
                              .text(meeting.attendees.compactMap { people[$0]?.name }.joined(separator: "、")), .text(meeting.topics),
                              .text(meeting.nextActions)])
            }
            context.output.print(table)
        }
    }
}

extension MeetingKind: ExpressibleByArgument {}
