import ArgumentParser
import Foundation
import DenshoDomain

struct RiskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "List skills at risk of being lost: fewer than two who can teach them, or all near retirement.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Only this department's people.") var dept: String?

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        let resolver = Resolver(context: context, company: company)
        let department = try await dept.asyncMap { try await resolver.department($0) }
        let matrix = try await context.store.matrix(company: company.id, department: department?.id, asOf: context.today)
        let analysis = RiskAnalysis(retirementAge: company.retirementAge, asOfYear: context.today.year)
        let risks = analysis.risks(in: matrix)
        let categories = Dictionary(uniqueKeysWithValues: matrix.categories.map { ($0.id, $0.name) })
        /// Names with ages; a table shows the first four and a count, JSON and CSV show everyone.
        func names(_ people: [Employee]) -> String {
            let shown = options.format == .table ? Array(people.prefix(4)) : people
            return shown.map { p in p.name + (p.age(in: context.today.year).map { "(\($0))" } ?? "") }.joined(separator: "、")
                + (shown.count < people.count ? " 他\(people.count - shown.count)人" : "")
        }
        var table = DataTable([("code", "コード"), ("skill", "スキル"), ("category", "カテゴリ"), ("instructors", "指導可"),
                               ("reason", "リスク"), ("holders", "指導できる人"), ("successors", "後継候補 (Lv2)")])
        for risk in risks {
            let reasons = risk.reasons.map { reason -> String in
                switch reason {
                case .fewInstructors(let n): n == 0 ? "指導者なし" : "指導者\(n)人のみ"
                case .instructorsNearRetirement: "全員が定年まで\(analysis.horizonYears)年以内"
                }
            }
            table.append([.text(risk.skill.code), .text(risk.skill.name), Cell(categories[risk.skill.categoryID]),
                          .int(risk.instructors.count), .text(reasons.joined(separator: "・")), .text(names(risk.instructors)),
                          .text(names(risk.successors))])
        }
        if options.format != .table { return context.output.print(table) }
        print(Terminal.paint("技能伝承リスク  \(company.name)" + (department.map { " \($0.name)" } ?? ""), .bold)
            + "  (\(context.today.slashed) 現在, 定年\(company.retirementAge)歳)\n")
        context.output.print(table)
        let rate = matrix.multiSkillRate(threshold: company.multiSkillThreshold)
        print(String(format: "\n%d/%d スキルにリスク。多能工化率 %.0f%% (%d/%d人)。", risks.count,
                     matrix.skills.filter { !$0.retired }.count, rate.rate * 100, rate.multiSkilled, rate.employees))
    }
}
