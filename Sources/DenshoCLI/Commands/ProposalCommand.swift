import ArgumentParser
import DenshoDomain
import DenshoMedia
import Foundation

struct ProposalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposal", abstract: "改善提案: submit, move through review, and count per person and department.",
        subcommands: [Add.self, Status.self, List.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit an improvement proposal (text, photos or a clip).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Who proposes: 社員番号 or name.") var employee: String
        @Option(help: "Title.") var title: String
        @Option(help: "What to change and why.") var body: String = ""
        @Option(help: "Improvement team (改善チーム).") var team: String = ""
        @Option(help: "A clip id showing it.") var clip: Int64?
        @Option(name: .customLong("photo"), help: "A photo file; repeat. Stored once, like clips' originals.") var photos: [String] = []

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let person = try await Resolver(context: context, company: company).employee(employee)
            let library = MediaLibrary(root: options.resolvedDataDirectory)
            var stored: [String] = []
            for photo in photos {
                guard FileManager.default.isReadableFile(atPath: photo) else { throw CLIError.message("cannot read \(photo)") }
                let original = try library.storeOriginal(from: photo)
                stored.append(MediaPaths.original(hash: original.hash, extension: original.fileExtension))
            }
            let proposal = try await context.store.addProposal(
                Proposal(id: .init(0), submittedBy: person.id, team: team, title: title, body: body, clipID: clip.map(Clip.ID.init),
                         photos: stored, submittedOn: context.today),
                company: company.id, by: context.actor)
            print("Proposal \(proposal.id.rawValue) submitted by \(person.name).")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move a proposal on: reviewing, adopted, implemented or rejected.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Proposal id.") var id: Int64
        @Argument(help: "submitted, reviewing, adopted, implemented or rejected.") var status: ProposalStatus
        @Option(help: "What it achieved (時間短縮、不良削減 …).") var effect: String?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            guard let current = try await context.store.proposal(.init(id), company: company.id) else {
                throw CLIError.message("no proposal \(id) in this company")
            }
            let updated = try await context.store.updateProposal(
                current.id, status: status, effect: effect ?? current.effect, on: context.today, company: company.id, by: context.actor)
            print("Proposal \(id): \(updated.status.label)" + (updated.effect.isEmpty ? "" : " — \(updated.effect)"))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Proposals, then counts per person and per department.")
        @OptionGroup var options: GlobalOptions
        @Flag(name: .customLong("counts"), help: "Only the counts per person and department.") var countsOnly = false

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let people = try await resolver.employeesByID()
            let departments = try await resolver.departmentNames()
            let proposals = try await context.store.proposals(company: company.id)
            if countsOnly {
                let counts = ProposalCounts(proposals, employees: people)
                var table = DataTable([("group", "区分"), ("name", "名前"), ("submitted", "提出"), ("adopted", "採用")])
                for row in counts.byDepartment {
                    table.append([.text("部署"), .text(row.key.flatMap { departments[$0] } ?? "所属なし"), .int(row.submitted), .int(row.adopted)])
                }
                for row in counts.byPerson {
                    table.append([.text("個人"), .text(people[row.key]?.name ?? "?"), .int(row.submitted), .int(row.adopted)])
                }
                return context.output.print(table)
            }
            var table = DataTable([("id", "ID"), ("date", "提出日"), ("by", "提案者"), ("team", "チーム"), ("title", "件名"),
                                   ("status", "状態"), ("effect", "効果")])
            for p in proposals {
                table.append([.int(Int(p.id.rawValue)), .text(p.submittedOn.slashed), .text(people[p.submittedBy]?.name ?? "?"), .text(p.team),
                              .text(p.title), .text(p.status.label), .text(p.effect)])
            }
            context.output.print(table)
        }
    }
}

extension ProposalStatus: ExpressibleByArgument {}
