import ArgumentParser
import DenshoDomain

struct SkillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skill", abstract: "Manage the skill catalogue (スキル) and its categories.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Retire.self, Category.self], defaultSubcommand: List.self)

    /// `--level 2="一人でできる"` options, shared by add and edit.
    struct LevelWording: ParsableArguments {
        @Option(name: .customLong("level"), help: ArgumentHelp("Wording of a level for this skill, as LEVEL=TEXT (repeatable).",
                                                               valueName: "level=text"))
        var wording: [KeyValue] = []

        func parsed() throws -> [Int: String] {
            var result: [Int: String] = [:]
            for pair in wording {
                guard let level = Int(pair.key.halfWidthASCII) else { throw ValidationError("'\(pair.key)' is not a level number") }
                result[level] = pair.value
            }
            return result
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a skill.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Skill code (e.g. L-01).") var code: String
        @Argument(help: "Skill name (e.g. 汎用旋盤 外径加工).") var name: String
        @Option(help: "Category name; created when new.") var category: String
        @Option(help: "What the skill covers.") var description: String = ""
        @OptionGroup var levels: LevelWording

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let categories = try await context.store.categories(company: company.id)
            var categoryID = categories.first { $0.name == category }?.id
            if categoryID == nil {
                categoryID = try await context.store.addCategory(name: category, company: company.id, by: context.actor).id
            }
            let skill = try await context.store.addSkill(
                Skill(id: .init(0), companyID: company.id, categoryID: categoryID!, code: code, name: name,
                      description: description, levelDescriptions: try levels.parsed()),
                by: context.actor)
            print("Added skill \(skill.code) \(skill.name) in \(category).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List skills with how many can work and teach them.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this category.") var category: String?
        @Flag(help: "Include retired skills.") var all = false

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let matrix = try await context.store.matrix(company: company.id, department: nil, asOf: context.today)
            let skills = try await context.store.skills(company: company.id, includeRetired: all)
            let categories = try await resolver.categoryNames()
            let coverage = Dictionary(uniqueKeysWithValues: matrix.coverage().map { ($0.skillID, $0) })
            var table = DataTable([("code", "コード"), ("category", "カテゴリ"), ("name", "スキル名"),
                                   ("independent", "Lv2以上"), ("instructors", "Lv3以上"), ("retired", "廃止")])
            for s in skills where category == nil || categories[s.categoryID] == category {
                table.append([.text(s.code), Cell(categories[s.categoryID]), .text(s.name),
                              .int(coverage[s.id]?.independent ?? 0), .int(coverage[s.id]?.instructors ?? 0),
                              .text(s.retired ? "廃止" : "")])
            }
            context.output.print(table)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a skill: level wording and who holds it.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Skill code or name.") var skill: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            let s = try await resolver.skill(skill)
            let scale = try await context.store.levelScale(company: company.id)
            let matrix = try await context.store.matrix(company: company.id, department: nil, asOf: context.today)
            var table = DataTable([("number", "社員番号"), ("name", "氏名"), ("level", "レベル")])
            for e in matrix.employees.sorted(by: { matrix.level($0.id, s.id) > matrix.level($1.id, s.id) })
            where matrix.level(e.id, s.id) > 0 {
                let level = matrix.level(e.id, s.id)
                table.append([.text(e.number), .text(e.name), .text("\(scale.symbol(level)) \(level)")])
            }
            guard options.format == .table else { return context.output.print(table) }
            print(Terminal.paint("\(s.code) \(s.name)", .bold) + (s.retired ? "（廃止）" : ""))
            if !s.description.isEmpty { print(s.description) }
            for definition in scale.levels {
                let wording = s.levelDescriptions[definition.level] ?? definition.label
                print("  \(definition.symbol) \(definition.level)  \(wording)")
            }
            print()
            context.output.print(table)
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a skill.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Skill code or name.") var skill: String
        @Option(help: "New name.") var name: String?
        @Option(help: "New code.") var code: String?
        @Option(help: "Move to this category.") var category: String?
        @Option(help: "New description.") var description: String?
        @OptionGroup var levels: LevelWording

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            var s = try await resolver.skill(skill)
            if let name { s.name = name }
            if let code { s.code = code }
            if let description { s.description = description }
            if let category { s.categoryID = try await resolver.category(category).id }
            s.levelDescriptions.merge(try levels.parsed()) { $1 }
            try await context.store.updateSkill(s, by: context.actor)
            print("Updated skill \(s.code) \(s.name).")
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire a skill: it leaves the map, its history stays.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Skill code or name.") var skill: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let resolver = Resolver(context: context, company: company)
            var s = try await resolver.skill(skill)
            s.retired = true
            try await context.store.updateSkill(s, by: context.actor)
            print("Retired skill \(s.code) \(s.name).")
        }
    }

    struct Category: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or list skill categories.", subcommands: [AddCategory.self, ListCategories.self],
            defaultSubcommand: ListCategories.self)
    }

    struct AddCategory: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a category.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Category name (e.g. 旋盤加工).") var name: String

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            _ = try await context.store.addCategory(name: name, company: company.id, by: context.actor)
            print("Added category \(name).")
        }
    }

    struct ListCategories: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List categories.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let skills = try await context.store.skills(company: company.id, includeRetired: false)
            var table = DataTable([("name", "カテゴリ"), ("skills", "スキル数")])
            for c in try await context.store.categories(company: company.id) {
                table.append([.text(c.name), .int(skills.filter { $0.categoryID == c.id }.count)])
            }
            context.output.print(table)
        }
    }
}
