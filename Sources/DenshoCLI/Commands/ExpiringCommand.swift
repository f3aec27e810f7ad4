import ArgumentParser
import DenshoDomain

struct ExpiringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expiring", abstract: "List qualifications and skill checks (recertification) that expired or expire soon (30/60/90 days).")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Look this many days ahead.") var days: Int = 90

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        let resolver = Resolver(context: context, company: company)
        let active = Dictionary(uniqueKeysWithValues: try await context.store.employees(
            company: company.id, filter: EmployeeFilter(activeOn: context.today)).map { ($0.id, $0) })
        let qualifications = try await resolver.qualificationNames()
        let held = try await context.store.heldQualifications(company: company.id, employee: nil).filter { active[$0.employeeID] != nil }
        var table = DataTable([("bucket", "区分"), ("expires", "有効期限"), ("days_left", "残日数"), ("number", "社員番号"),
                               ("name", "氏名"), ("qualification", "資格"), ("id", "ID"), ("kind", "種類"), ("skill", "技能"),
                               ("level", "レベル")])
        var rows: [(daysLeft: Int, cells: [Cell])] = []
        for item in ExpiryReport.expiring(held, asOf: context.today, within: days) {
            let person = active[item.held.employeeID]!
            rows.append((daysLeft: item.daysLeft, cells: [
                .text(item.bucket.label), .text(item.held.expiresOn!.slashed), .int(item.daysLeft), .text(person.number),
                .text(person.name), Cell(qualifications[item.held.qualificationID]), .int(Int(item.held.id.rawValue)), .text("資格"), .null, .null,
            ]))
        }
        // Skill checks with a validity (玉掛け practice every 24 months …): the level whose check runs out.
        let skills = try await resolver.skillsByID()
        let scale = try await context.store.levelScale(company: company.id)
        let checks = try await context.store.checkedLevels(company: company.id, employee: nil)
            .filter { $0.level > 0 && active[$0.employeeID] != nil }
        for item in CheckExpiry.expiring(checks, asOf: context.today, within: days) {
            let person = active[item.check.employeeID]!
            rows.append((daysLeft: item.daysLeft, cells: [
                .text(item.bucket.label), .text(item.check.validThrough.slashed), .int(item.daysLeft), .text(person.number),
                .text(person.name), .null, .null, .text("技能確認"), Cell(skills[item.check.skillID]?.name), .text(scale.symbol(item.check.level)),
            ]))
        }
        // Soonest first; on the same day qualifications before checks (a stable sort keeps their order).
        for row in rows.enumerated().sorted(by: { ($0.element.daysLeft, $0.offset) < ($1.element.daysLeft, $1.offset) }) {
            table.append(row.element.cells)
        }
        context.output.print(table)
    }
}
