import ArgumentParser
import DenshoDomain
import DenshoPrint
import Foundation

/// `densho assign`: gives a manual, a clip or a course to people, a department or everyone short
/// of a skill for their next grade.
struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign a manual, clip or course (with a due date) to people, a department or those lacking a skill.",
        discussion: """
            Examples:
              densho assign --manual HANAWA-M-001 --department 機械加工 --due 2026-12-15
              densho assign --course 新人コース --employee 1001 --employee 佐藤
              densho assign --manual 3 --lacking L-02
            People who already have it keep their record; an open assignment gets the new due date.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Manual: id, 文書番号 or title.") var manual: String?
    @Option(help: "Clip: id or title.") var clip: String?
    @Option(help: "Course: title.") var course: String?
    @Option(name: .customLong("employee"), help: "社員番号 or name (repeatable).") var employees: [String] = []
    @Option(name: [.customLong("department"), .customLong("dept")], help: "Everyone in this department.") var department: String?
    @Option(help: "Everyone whose next grade needs this skill above their level (skill code or name).") var lacking: String?
    @Option(help: "Due date (2026-12-15).") var due: String?

    func validate() throws {
        guard [manual, clip, course].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give one of --manual, --clip or --course")
        }
        guard [!employees.isEmpty, department != nil, lacking != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give --employee (one or more), --department or --lacking")
        }
        if let due, LocalDate(parsing: due) == nil { throw ValidationError("--due must be a date such as 2026-12-15") }
    }

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        let resolver = Resolver(context: context, company: company)
        let (items, courseID) = try await TrainingItems.resolve(manual: manual, clip: clip, course: course, company: company, context: context)
        let audience: AssignmentAudience
        if let department {
            audience = .department(try await resolver.department(department).id)
        } else if let lacking {
            audience = .lackingSkill(try await resolver.skill(lacking).id)
        } else {
            var ids: [Employee.ID] = []
            for query in employees { ids.append(try await resolver.employee(query).id) }
            audience = .employees(ids)
        }
        let people = try await TrainingAudience(store: context.store, company: company, asOf: context.today).resolve(audience, visibleTo: nil)
        guard !people.isEmpty else { throw CLIError.message("nobody to assign it to (no current employee matches)") }
        let saved = try await context.store.assign(items, course: courseID, to: people, due: due.flatMap { LocalDate(parsing: $0) },
                                                   company: company.id, by: context.actor)
        if options.format == .json { return context.output.printJSON(saved) }
        print("Assigned \(items.count) item\(items.count == 1 ? "" : "s") to \(people.count) \(people.count == 1 ? "person" : "people")"
            + (due.map { ", due \($0)" } ?? "") + " (\(saved.count) assignment\(saved.count == 1 ? "" : "s") new or updated).")
    }
}

/// Finds what to assign from the command line's words.
enum TrainingItems {
    static func resolve(manual: String?, clip: String?, course: String?, company: Company, context: CLIContext) async throws
        -> (items: [TrainingItem], course: Course.ID?)
    {
        if let manual {
            return ([.manual(try await ManualSheet.find(manual, company: company, in: context.store).id)], nil)
        }
        if let clip {
            let clips = try await context.store.clips(company: company.id, status: nil)
            guard let found = clips.first(where: { $0.id.description == clip }) ?? clips.first(where: { $0.title == clip }) else {
                throw CLIError.message("unknown clip '\(clip)': give its id or title")
            }
            return ([.clip(found.id)], nil)
        }
        let courses = try await context.store.courses(company: company.id)
        guard let found = courses.first(where: { $0.title == course }) else {
            throw CLIError.message("unknown course '\(course ?? "")' (courses: \(courses.map(\.title).joined(separator: ", ")))")
        }
        return (found.items, found.id)
    }
}

/// `densho training`: who must watch what, and how far they are.
struct TrainingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "Training assignments: list them, report progress per manual, the annual plan.",
        subcommands: [List.self, Report.self, TrainingPlanCommand.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assignments with their state (not started, in progress, completed, overdue).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this employee (社員番号 or name).") var employee: String?
        @Option(help: "Only this state: not-started, in-progress, completed, overdue.") var state: String?

        func validate() throws {
            if let state, AssignmentState(rawValue: state) == nil {
                throw ValidationError("--state takes \(AssignmentState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let person = try await employee.asyncMap { try await resolver.employee($0) }
            let people = try await resolver.employeesByID()
            let titles = try await TrainingTitles.load(company: company, context: context)
            let rows = try await context.store.assignments(company: company.id, employee: person?.id, item: nil)
                .filter { state == nil || $0.state(on: context.today).rawValue == state }
            if options.format == .json { return context.output.printJSON(rows) }
            var table = DataTable([("number", "社員番号"), ("name", "氏名"), ("item", "教育"), ("due", "期限"), ("state", "状態"), ("watched", "視聴")])
            for a in rows {
                let who = people[a.employeeID]
                table.append([Cell(who?.number), Cell(who?.name), Cell(titles[a.item]), Cell(a.dueOn?.description ?? "—"),
                              Cell(a.state(on: context.today).rawValue), Cell("\(Int((a.watchedShare * 100).rounded(.down)))%")])
            }
            context.output.print(table)
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per manual and clip: assigned, not started, in progress, completed, overdue.")
        @OptionGroup var options: GlobalOptions
        @Option(name: [.customLong("department"), .customLong("dept")], help: "Only this department.") var department: String?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let chosen = try await department.asyncMap { try await Resolver(context: context, company: company).department($0) }
            let rows = try await context.store.trainingReport(company: company.id, department: chosen?.id, today: context.today)
            if options.format == .json { return context.output.printJSON(rows) }
            var table = DataTable([("item", "教育"), ("assigned", "割当"), ("not_started", "未着手"), ("in_progress", "視聴中"),
                                   ("completed", "完了"), ("overdue", "期限超過")])
            for row in rows {
                table.append([Cell(row.title), .int(row.assigned), .int(row.notStarted), .int(row.inProgress), .int(row.completed), .int(row.overdue)])
            }
            context.output.print(table)
        }
    }
}

/// Titles of every manual and clip of a company, for listing assignments.
enum TrainingTitles {
    static func load(company: Company, context: CLIContext) async throws -> [TrainingItem: String] {
        var titles: [TrainingItem: String] = [:]
        for manual in try await context.store.manuals(company: company.id, clip: nil) { titles[.manual(manual.id)] = manual.title }
        for clip in try await context.store.clips(company: company.id, status: nil) { titles[.clip(clip.id)] = clip.title }
        return titles
    }
}
