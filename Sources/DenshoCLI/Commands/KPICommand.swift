import ArgumentParser
import DenshoDomain
import Foundation

struct KPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "HR figures: 3-year retention per hire cohort, hires, 多能工化率, qualifications, at-risk skills, targets, meetings.",
        discussion: "--format csv writes the chosen table for Excel. --all-companies gives the association's view: counts and rates per member company, no personal data.")

    enum Table: String, ExpressibleByArgument, CaseIterable { case years, cohorts, months }

    @OptionGroup var options: GlobalOptions
    @Option(help: "Years back, this year included.") var years = 5
    @Option(help: "Which table: years, cohorts or months (for csv/json; the table format shows all).") var table: Table = .years
    @Flag(name: .customLong("all-companies"), help: "Aggregated figures per member company.") var allCompanies = false

    func run() async throws {
        let context = try CLIContext(options)
        if allCompanies {
            var summaries: [CompanySummary] = []
            for company in try await context.store.companies() {
                let report = KPIReport.compute(try await KPIInputs.load(company: company, from: context.store), asOf: context.today, years: years)
                summaries.append(CompanySummary(company: company, report: report))
            }
            if options.format == .json { return context.output.printJSON(summaries) }
            var out = DataTable([("company", "会社"), ("employees", "在籍"), ("hires", "今年の採用"), ("retention", "3年定着率"),
                                 ("multi_skill", "多能工化率"), ("at_risk", "継承リスク"), ("qualifications", "有効資格"),
                                 ("mentor_meetings", "面談(12か月)"), ("lunch", "ランチ(12か月)"), ("adopted", "採用提案(今年)")])
            for s in summaries {
                out.append([.text(s.company), .int(s.employees), .int(s.newHiresThisYear), .text(s.threeYearRetention.map(Self.percent) ?? "—"),
                            .text(Self.percent(s.multiSkillRate)), .int(s.atRiskSkills), .int(s.qualificationsHeld),
                            .int(s.mentorMeetings12Months), .int(s.lunchMeetings12Months), .int(s.proposalsAdoptedThisYear)])
            }
            return context.output.print(out)
        }
        let company = try await context.company()
        let report = KPIReport.compute(try await KPIInputs.load(company: company, from: context.store), asOf: context.today, years: years)
        if options.format == .json { return context.output.printJSON(report) }
        let tables: [Table] = options.format == .table ? Table.allCases : [table]
        for (index, which) in tables.enumerated() {
            if options.format == .table { print((index > 0 ? "\n" : "") + Terminal.paint(Self.titles[which]!, .bold)) }
            context.output.print(Self.table(which, report))
        }
    }

    static let titles: [Table: String] = [.years: "年ごとの指標", .cohorts: "入社年別 3年定着率", .months: "面談・ランチミーティング（月別）"]

    static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }

    static func table(_ which: Table, _ report: KPIReport) -> DataTable {
        switch which {
        case .years:
            var t = DataTable([("year", "年"), ("hires", "採用"), ("employees", "在籍"), ("multi_skilled", "多能工"),
                               ("multi_skill_rate", "多能工化率"), ("qualifications", "有効資格"), ("at_risk", "継承リスク"),
                               ("targets_due", "期限の目標"), ("targets_on_time", "期限内達成"), ("proposals", "改善提案"), ("adopted", "採用")])
            for y in report.years {
                t.append([.int(y.year), .int(y.newHires), .int(y.employees), .int(y.multiSkilled), .text(percent(y.multiSkillRate)),
                          .int(y.qualificationsHeld), .int(y.atRiskSkills), .int(y.targetsDue), .int(y.targetsMetOnTime),
                          .int(y.proposalsSubmitted), .int(y.proposalsAdopted)])
            }
            return t
        case .cohorts:
            var t = DataTable([("hire_year", "入社年"), ("hired", "採用"), ("left_within_3y", "3年以内の退職"), ("retention", "定着率"), ("final", "確定")])
            for c in report.cohorts {
                t.append([.int(c.hireYear), .int(c.hired), .int(c.leftWithinThreeYears), .text(c.retentionRate.map(percent) ?? "—"),
                          .text(c.complete ? "確定" : "途中")])
            }
            return t
        case .months:
            var t = DataTable([("month", "月"), ("mentor", "メンター面談"), ("lunch", "ランチミーティング")])
            for m in report.months { t.append([.text(m.month), .int(m.mentorMeetings), .int(m.lunchMeetings)]) }
            return t
        }
    }
}
