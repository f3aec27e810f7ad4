import ArgumentParser
import DenshoStore

/// `densho`: the command line of Densho (伝承), the skills, OJT and knowledge-transfer manager.
public struct Densho: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "densho",
        abstract: "伝承 Densho — skill maps, career paths and skill transfer for small manufacturers.",
        discussion: """
            Data lives in an SQLite file in the data directory (--data-dir, $DENSHO_DATA, default ./Media).
            Start with `densho demo` for demo data, or `densho init` for your own company.
            """,
        version: "0.1.0",
        groupedSubcommands: [
            CommandGroup(name: "Set-up", subcommands: [InitCommand.self, DemoCommand.self, CompanyCommand.self, AssociationCommand.self]),
            CommandGroup(name: "People and skills", subcommands: [
                DeptCommand.self, EmployeeCommand.self, SkillCommand.self, LevelCommand.self, EvalCommand.self,
                TargetCommand.self, QualCommand.self, PathCommand.self,
            ]),
            CommandGroup(name: "Analysis", subcommands: [
                SkillMapCommand.self, GapsCommand.self, RiskCommand.self, ExpiringCommand.self, KPICommand.self, SearchCommand.self,
            ]),
            CommandGroup(name: "Mentoring and engagement", subcommands: [
                MentorCommand.self, MeetingCommand.self, ProposalCommand.self,
            ]),
            CommandGroup(name: "Training (OJT)", subcommands: [
                AssignCommand.self, TrainingCommand.self, QuizCommand.self, SignOffCommand.self,
            ]),
            CommandGroup(name: "Data", subcommands: [
                ImportCommand.self, ExportCommand.self, PrintCommand.self, ISORecordCommand.self, BackupCommand.self, VerifyCommand.self,
                RestoreCommand.self, AuditCommand.self,
            ]),
            CommandGroup(name: "Video", subcommands: [
                ClipCommand.self, WorkerCommand.self, MediaCommand.self,
            ]),
            CommandGroup(name: "Service", subcommands: [
                ServeCommand.self, NotifyCommand.self,
            ]),
        ]
    )

    public init() {}

    /// Entry point for the `densho` executable: parses the process arguments, runs the command and
    /// exits with its status.
    public static func start() async {
        let arguments = GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            // A full disk reads the same from every command, whichever layer noticed it.
            exit(withError: StoreError.classify(error))
        }
    }
}
