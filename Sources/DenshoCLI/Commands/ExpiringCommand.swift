import ArgumentParser
import DenshoDomain

struct ExpiringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expiring", abstract: "List qualifications that expired or expire soon (30/60/90 days).")

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
                               ("name", "氏名"), ("qualification", "資格"), ("id", "ID")])
        for item in ExpiryReport.expiring(held, asOf: context.today, within: days) {
            let person = active[item.held.employeeID]!
            table.append([.text(item.bucket.label), .text(item.held.expiresOn!.slashed), .int(item.daysLeft), .text(person.number),
                          .text(person.name), Cell(qualifications[item.held.qualificationID]), .int(Int(item.held.id.rawValue))])
        }
        context.output.print(table)
    }
}
