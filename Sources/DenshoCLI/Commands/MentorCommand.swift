import ArgumentParser
import DenshoDomain
import Foundation

struct MentorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mentor",
        abstract: "Mentor system (メンター制度): register mentors, suggest optimal pairs, accept, list and end them.",
        subcommands: [Add.self, Prefer.self, Suggest.self, Accept.self, Decline.self, List.self, End.self],
        defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register (or change) a mentor and how many mentees they take.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "社員番号 or name.") var employee: String
        @Option(help: "Mentees at most (0–20).") var capacity: Int = 2
        @Flag(help: "Stop offering this mentor (pairings already active go on).") var inactive = false
        @Option(help: "備考.") var note: String = ""

        func validate() throws { guard (0...20).contains(capacity) else { throw ValidationError("--capacity takes 0 to 20") } }

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let person = try await Resolver(context: context, company: company).employee(employee)
            try await context.store.setMentor(Mentor(employeeID: person.id, capacity: capacity, active: !inactive, note: note),
                                              company: company.id, by: context.actor)
            print("\(person.name): mentor, up to \(capacity) mentee\(capacity == 1 ? "" : "s")\(inactive ? " (inactive)" : "").")
        }
    }

    struct Prefer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record whom a mentee would like as mentor (counts in the pairing).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The mentee: 社員番号 or name.") var mentee: String
        @Argument(help: "Preferred mentors (none to clear).") var mentors: [String] = []

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let person = try await resolver.employee(mentee)
            var chosen: [Employee] = []
            for name in mentors { chosen.append(try await resolver.employee(name)) }
            try await context.store.setPreferences(mentee: person.id, mentors: chosen.map(\.id), company: company.id, by: context.actor)
            print("\(person.name) prefers: \(chosen.isEmpty ? "nobody in particular" : chosen.map(\.name).joined(separator: ", ")).")
        }
    }

    struct Suggest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suggest the optimal pairing of mentees (first three years, no mentor yet) with mentors.",
            discussion: """
                Exact optimum: as many mentees as possible get a mentor, then the pairing whose mentors can teach \
                the most of the mentees' gaps to their next grade, plus stated preferences. Never a mentee's own \
                supervisor. The suggestion is saved as proposals (replacing unaccepted earlier ones) unless --dry-run.
                """)
        @OptionGroup var options: GlobalOptions
        @Flag(name: .customLong("other-department"), help: "Only mentors from another department (斜めの関係).") var otherDepartment = false
        @Option(name: .customLong("max-pairs"), help: "At most this many mentees per mentor.") var maxPairs: Int?
        @Option(name: .customLong("mentee-years"), help: "Mentees: staff in their first N years.") var menteeYears = MentoringPlanner.defaultMenteeYears
        @Flag(name: .customLong("dry-run"), help: "Show the suggestion without saving it.") var dryRun = false

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let planner = MentoringPlanner(store: context.store, company: company, asOf: context.today)
            let suggestion = try await planner.suggest(
                rules: PairingRules(requireOtherDepartment: otherDepartment, maxPairsPerMentor: maxPairs), menteeYears: menteeYears)
            let saved = dryRun ? suggestion.pairings
                : try await context.store.replaceProposals(suggestion.pairings, company: company.id, by: context.actor)
            let people = try await Resolver(context: context, company: company).employeesByID()
            var table = DataTable([("id", "ID"), ("mentee", "メンティー"), ("mentor", "メンター"), ("score", "点"), ("reasons", "理由")])
            for pairing in saved {
                table.append([.int(Int(pairing.id.rawValue)), .text(people[pairing.menteeID]?.name ?? "?"),
                              .text(people[pairing.mentorID]?.name ?? "?"), .int(pairing.score), .text(pairing.reasons.joined(separator: " / "))])
            }
            for (mentee, reason) in suggestion.result.unmatched {
                table.append([.text("—"), .text(people[mentee]?.name ?? "?"), .text("—"), .text(""), .text(reason)])
            }
            context.output.print(table)
            if options.format == .table {
                print("\n\(suggestion.menteeCount) mentees, \(suggestion.mentorCount) mentors with room: \(suggestion.result.pairs.count) pairs, "
                    + "score \(suggestion.result.totalScore)" + (dryRun ? " (dry run: nothing saved)" : "; accept with `densho mentor accept ID` or --all"))
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start proposed pairings (proposed → active).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Pairing ids.") var ids: [Int64] = []
        @Flag(help: "Every proposed pairing.") var all = false

        func validate() throws { if ids.isEmpty && !all { throw ValidationError("give pairing ids or --all") } }

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let targets = all ? try await context.store.pairings(company: company.id, status: .proposed).map(\.id) : ids.map(Pairing.ID.init)
            for id in targets {
                _ = try await context.store.decide(pairing: id, accept: true, on: context.today, company: company.id, by: context.actor)
            }
            print("\(targets.count) pairing\(targets.count == 1 ? "" : "s") started on \(context.today.slashed).")
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decline a proposed pairing (kept in the history).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Pairing id.") var id: Int64

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            _ = try await context.store.decide(pairing: .init(id), accept: false, on: context.today, company: company.id, by: context.actor)
            print("Pairing \(id) declined.")
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End an active pairing (active → ended).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Pairing id.") var id: Int64
        @Option(help: "Why it ended (期間満了, 異動 …).") var reason: String = "期間満了"

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            _ = try await context.store.end(pairing: .init(id), on: context.today, reason: reason, company: company.id, by: context.actor)
            print("Pairing \(id) ended (\(reason)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mentors and pairings, with overdue meetings marked.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only pairings in this state: proposed, active, ended, declined.") var status: PairingStatus?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let people = try await Resolver(context: context, company: company).employeesByID()
            let planner = MentoringPlanner(store: context.store, company: company, asOf: context.today)
            let overdue = try await planner.reminders().lastMetOfOverdue
            var table = DataTable([("id", "ID"), ("status", "状態"), ("mentee", "メンティー"), ("mentor", "メンター"),
                                   ("since", "開始"), ("until", "終了"), ("reasons", "理由・備考")])
            for pairing in try await context.store.pairings(company: company.id, status: status) {
                var note = pairing.reasons.joined(separator: " / ")
                if let last = overdue[pairing.id] {
                    note = "⚠ 面談が\(MentoringPlanner.meetingOverdueDays)日以上ありません（最終: \(last?.slashed ?? "なし")） " + note
                }
                if let reason = pairing.endReason { note = reason + " " + note }
                table.append([.int(Int(pairing.id.rawValue)), .text(pairing.status.label), .text(people[pairing.menteeID]?.name ?? "?"),
                              .text(people[pairing.mentorID]?.name ?? "?"), .text(pairing.startedOn?.slashed ?? ""),
                              .text(pairing.endedOn?.slashed ?? ""), .text(note)])
            }
            if options.format == .table {
                let mentors = try await context.store.mentors(company: company.id)
                print("メンター: " + (mentors.isEmpty ? "未登録 (densho mentor add EMPLOYEE --capacity N)"
                    : mentors.map { "\(people[$0.employeeID]?.name ?? "?")(\($0.capacity)\($0.active ? "" : "・休止"))" }.joined(separator: "、")) + "\n")
            }
            context.output.print(table)
        }
    }
}

extension PairingStatus: ExpressibleByArgument {}
