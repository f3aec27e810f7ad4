import ArgumentParser
import DenshoDomain

struct PathCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path", abstract: "Manage career paths (キャリアパス): tracks, grades and their requirements.",
        subcommands: [Add.self, List.self, Show.self, Grade.self, Require.self, Assign.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a career track.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Track name (e.g. 技能職コース).") var name: String
        @Option(help: "What the track leads to.") var description: String = ""

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            _ = try await context.store.addTrack(name: name, description: description, company: company.id, by: context.actor)
            print("Added track \(name). Add grades with: densho path grade \"\(name)\" CODE NAME --years N")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List career tracks.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let employees = try await context.store.employees(company: company.id, filter: EmployeeFilter(activeOn: context.today))
            var table = DataTable([("track", "コース"), ("grades", "等級"), ("employees", "人数"), ("description", "説明")])
            for t in try await context.store.tracks(company: company.id) {
                table.append([.text(t.name), .text(t.grades.map { "\($0.code) \($0.name)" }.joined(separator: " → ")),
                              .int(employees.filter { e in t.contains(e.gradeID ?? .init(-1)) }.count), .text(t.description)])
            }
            context.output.print(table)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a track's grades with their requirements.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Track name.") var track: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let t = try await resolver.track(track)
            if options.format == .json { return context.output.printJSON(t) }
            let skills = try await resolver.skillsByID()
            let qualifications = try await resolver.qualificationNames()
            let scale = try await context.store.levelScale(company: company.id)
            print(Terminal.paint(t.name, .bold) + (t.description.isEmpty ? "" : "  \(t.description)"))
            for g in t.grades.reversed() {
                print("\n" + Terminal.paint("\(g.code) \(g.name)", .bold) + "  目安 入社\(g.typicalYears)年目〜  \(g.description)")
                for r in g.requiredSkills {
                    print("   \(scale.symbol(r.level)) \(skills[r.skillID]?.name ?? "?") レベル\(r.level)以上")
                }
                for q in g.requiredQualifications { print("   資格: \(qualifications[q] ?? "?")") }
            }
        }
    }

    /// Parses `CODE=LEVEL` requirements and qualification names.
    static func requirements(
        _ pairs: [KeyValue], _ qualificationNames: [String], resolver: Resolver
    ) async throws -> ([SkillRequirement], [Qualification.ID]) {
        var skills: [SkillRequirement] = []
        for pair in pairs {
            guard let level = Int(pair.value.halfWidthASCII) else { throw ValidationError("'\(pair.value)' is not a level") }
            skills.append(SkillRequirement(skillID: try await resolver.skill(pair.key).id, level: try await resolver.level(level)))
        }
        var qualifications: [Qualification.ID] = []
        for name in qualificationNames { qualifications.append(try await resolver.qualification(name).id) }
        return (skills, qualifications)
    }

    struct Grade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Append a grade to the top of a track.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Track name.") var track: String
        @Argument(help: "Grade code, unique in the company (e.g. G3).") var code: String
        @Argument(help: "Grade name (e.g. 班長).") var name: String
        @Option(help: "Typical years of service to reach it.") var years: Int
        @Option(help: "What the grade means.") var description: String = ""
        @Option(name: .customLong("require"), help: ArgumentHelp("Required skill level as SKILL=LEVEL (repeatable).", valueName: "skill=level"))
        var required: [KeyValue] = []
        @Option(name: .customLong("qualification"), help: "Required qualification (repeatable).")
        var qualifications: [String] = []

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let t = try await resolver.track(track)
            let (skills, quals) = try await PathCommand.requirements(required, qualifications, resolver: resolver)
            let grade = try await context.store.addGrade(
                DenshoDomain.Grade(id: .init(0), trackID: t.id, rank: 0, code: code, name: name, typicalYears: years,
                                   description: description, requiredSkills: skills, requiredQualifications: quals),
                company: company.id, by: context.actor)
            print("Added grade \(grade.code) \(grade.name) (rank \(grade.rank)) to \(t.name).")
        }
    }

    struct Require: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace a grade's requirements.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Grade code.") var grade: String
        @Option(name: .customLong("skill"), help: ArgumentHelp("Required skill level as SKILL=LEVEL (repeatable).", valueName: "skill=level"))
        var required: [KeyValue] = []
        @Option(name: .customLong("qualification"), help: "Required qualification (repeatable).")
        var qualifications: [String] = []

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let (_, g) = try await resolver.grade(grade)
            let (skills, quals) = try await PathCommand.requirements(required, qualifications, resolver: resolver)
            try await context.store.setRequirements(grade: g.id, skills: skills, qualifications: quals, company: company.id, by: context.actor)
            print("\(g.code) \(g.name): \(skills.count) skill and \(quals.count) qualification requirements.")
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Place an employee on a grade.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Employee: 社員番号 or name.") var employee: String
        @Argument(help: "Grade code.") var grade: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            var e = try await resolver.employee(employee)
            let (t, g) = try await resolver.grade(grade)
            e.gradeID = g.id
            try await context.store.updateEmployee(e, by: context.actor)
            print("\(e.name): \(t.name) \(g.code) \(g.name).")
        }
    }
}
