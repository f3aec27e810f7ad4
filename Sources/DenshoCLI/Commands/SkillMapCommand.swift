import ArgumentParser
import Foundation
import DenshoDomain

struct SkillMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skillmap", abstract: "Print the skill map (力量表): skills × employees with level marks.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Only this department.") var dept: String?
    @Option(help: "Only this skill category.") var category: String?
    @Flag(name: .customLong("all-skills"), help: "Also show skills nobody in the view has started.") var allSkills = false

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        let resolver = Resolver(context: context, company: company)
        let department = try await dept.asyncMap { try await resolver.department($0) }
        var matrix = try await context.store.matrix(company: company.id, department: department?.id, asOf: context.today)
        if let category {
            let id = try await resolver.category(category).id
            matrix.skills = matrix.skills.filter { $0.categoryID == id }
        }
        let requirements = try await context.store.tracks(company: company.id).nextGradeRequirements(for: matrix.employees)
        if !allSkills {
            matrix.skills = matrix.skills.filter { skill in
                matrix.employees.contains { matrix.level($0.id, skill.id) > 0 || requirements[$0.id]?[skill.id] != nil }
            }
        }
        let scale = try await context.store.levelScale(company: company.id)
        switch options.format {
        case .table:
            let title = "\(company.name)  力量表" + (department.map { "  \($0.name)" } ?? "") + "  (\(context.today.slashed) 現在)"
            print(SkillMapRenderer(matrix: matrix, scale: scale, requirements: requirements,
                                   threshold: company.multiSkillThreshold).render(title: title), terminator: "")
        case .csv, .json:
            var table = DataTable([("number", "社員番号"), ("name", "氏名")] + matrix.skills.map { ($0.code, $0.name) })
            for e in matrix.employees {
                table.append([.text(e.number), .text(e.name)] + matrix.skills.map { .int(matrix.level(e.id, $0.id)) })
            }
            context.output.print(table)
        }
    }
}

/// Draws the 力量表 for a terminal: names written vertically above narrow columns, one row per skill
/// grouped by category, holders at teaching level counted on the right.
struct SkillMapRenderer {
    let matrix: SkillMatrix
    let scale: LevelScale
    let requirements: [Employee.ID: [Skill.ID: Int]]
    let threshold: Int

    static let styles: [Int: Terminal.Style] = [0: .dim, 1: .yellow, 2: .green, 3: .boldGreen, 4: .magenta]

    /// Short vertical labels: family names, with the given name's first character where two clash.
    var labels: [[Character]] {
        let families = matrix.employees.map(\.familyName)
        return matrix.employees.map { e in
            let family = e.familyName
            let clash = families.filter { $0 == family }.count > 1
            let given = e.name.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).dropFirst().first?.first
            return Array(family.prefix(3)) + (clash ? given.map { [$0] } ?? [] : [])
        }
    }

    func render(title: String) -> String {
        var out = Terminal.paint(title, .bold) + "\n\n"
        guard !matrix.employees.isEmpty else { return out + "(no employees)\n" }
        let skillTexts = matrix.skills.map { "\($0.code) \($0.name)" }
        let left = max(16, (skillTexts.map(DisplayWidth.of).max() ?? 0) + 2)
        let names = labels
        for row in 0..<(names.map(\.count).max() ?? 0) {
            out += String(repeating: " ", count: left)
            out += names.map { $0.count > row ? DisplayWidth.pad(String($0[row]), to: 2) : "  " }.joined(separator: " ")
            out += row == 0 ? "  指導可" : ""
            out += "\n"
        }
        var lastCategory: SkillCategory.ID?
        for (index, skill) in matrix.skills.enumerated() {
            if skill.categoryID != lastCategory {
                out += Terminal.paint(matrix.category(of: skill)?.name ?? "", .bold) + "\n"
                lastCategory = skill.categoryID
            }
            out += DisplayWidth.pad("  " + skillTexts[index], to: left)
            out += matrix.employees.map { e in
                let level = matrix.level(e.id, skill.id)
                let mark = DisplayWidth.pad(scale.symbol(level), to: 2)
                let short = requirements[e.id]?[skill.id].map { level < $0 } ?? false
                return Terminal.paint(mark, short ? .reverseRed : Self.styles[level])
            }.joined(separator: " ")
            let instructors = matrix.holders(of: skill.id, atLeast: SkillThreshold.instructor).count
            let count = DisplayWidth.pad(String(instructors), to: 4, right: true)
            out += "  " + (instructors < 2 ? Terminal.paint(count + " ⚠", .red) : count) + "\n"
        }
        out += DisplayWidth.pad("Lv2以上のスキル数", to: left)
        out += matrix.employees.map { e in
            DisplayWidth.pad(String(matrix.skills.filter { matrix.level(e.id, $0.id) >= SkillThreshold.independent }.count), to: 2, right: true)
        }.joined(separator: " ") + "\n\n"
        out += "凡例: " + scale.levels.map { "\($0.symbol) \($0.level) \($0.label)" }.joined(separator: "  ") + "\n"
        let rate = matrix.multiSkillRate(threshold: threshold)
        out += String(format: "多能工化率 (Lv2以上が%d以上): %d/%d人 = %.0f%%", threshold, rate.multiSkilled, rate.employees, rate.rate * 100)
        if !requirements.isEmpty { out += "   " + Terminal.paint("反転赤", .reverseRed) + " = 次の等級の要件に不足" }
        out += "   ⚠ = 指導できる人が2人未満\n"
        return out
    }
}
