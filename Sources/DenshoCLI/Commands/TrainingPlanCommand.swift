import ArgumentParser
import DenshoDomain
import DenshoInterchange
import DenshoPrint
import Foundation

/// `densho training plan`: the 年間教育計画 (people × trainings due by month of a 年度) as a
/// compact table, an Excel workbook or an A3 PDF.
///
/// Registered as a subcommand of `training` (TrainingCommand.swift), not at the top level.
struct TrainingPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The annual training plan (年間教育計画): who is to take which training in which month of a fiscal year.",
        discussion: """
            A fiscal year (年度) runs from April to March: --year 2026 covers 2026-04-01 to 2027-03-31. Trainings \
            are placed in the month of their due date; those without one are listed under 期限なし. With --xlsx or \
            --pdf the plan is written as a workbook or an A3 landscape sheet; otherwise each month shows \
            completed/planned, with ! where something is overdue.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Fiscal year (年度) by the year it starts in (default: the current one).") var year: Int?
    @Option(name: [.customLong("department"), .customLong("dept")], help: "Only this department.") var department: String?
    @Option(help: "Excel workbook to write.") var xlsx: String?
    @Option(help: "A3 PDF to write.") var pdf: String?

    func validate() throws {
        // LocalDate holds 1900…2200; a 年度 ends in the next calendar year.
        if let year, !(1900...2199).contains(year) { throw ValidationError("--year must be a fiscal year such as 2026") }
    }

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        let resolver = Resolver(context: context, company: company)
        let chosen = try await department.asyncMap { try await resolver.department($0) }
        let fiscalYear = year.map { FiscalYear($0) } ?? FiscalYear(containing: context.today)
        let plan = try await TrainingPlan.load(
            company: company.id, department: chosen?.id, fiscalYear: fiscalYear, from: context.store, today: context.today)
        if let xlsx {
            try TrainingPlanWorkbook(companyName: company.name, plan: plan).write(to: xlsx)
            Terminal.note("Wrote \(xlsx) (\(plan.rows.count) people, \(plan.total.planned) trainings).")
        }
        if let pdf {
            let document = try TrainingPlanSheet(companyName: company.name, plan: plan, printedOn: context.today).render()
            try Data(document.pdf).write(to: URL(fileURLWithPath: pdf), options: .atomic)
            for warning in document.warnings { Terminal.note("warning: \(warning)") }
            Terminal.note("Wrote \(pdf) (\(document.pageCount) page\(document.pageCount == 1 ? "" : "s")).")
        }
        guard xlsx == nil && pdf == nil else { return }
        if options.format == .table {
            print(Terminal.paint(plan.title(company: company.name) + "  (\(context.today.slashed) 現在)", .bold) + "\n")
        }
        context.output.print(Self.table(plan))
        if options.format == .table {
            let total = plan.total
            print("\n計画 \(total.planned)件  完了 \(total.completed)件  期限超過 \(total.overdue)件  "
                + "(each month: completed/planned, ! = overdue)")
        }
    }

    /// A row per person: a month's cell is `completed/planned`, `!` marking an overdue training;
    /// then the totals row.
    static func table(_ plan: TrainingPlan) -> DataTable {
        var columns: [(String, String)] = [("department", "所属"), ("number", "社員番号"), ("name", "氏名")]
        for (month, heading) in zip(FiscalYear.months, TrainingPlan.columnHeadings) {
            columns.append((month < 10 ? "m0\(month)" : "m\(month)", heading))
        }
        columns += [("undated", "期限なし"), ("planned", "計画"), ("completed", "完了")]
        var table = DataTable(columns)
        func cell(_ tally: TrainingPlan.Tally) -> Cell {
            tally.planned == 0 ? .text("") : .text("\(tally.completed)/\(tally.planned)" + (tally.overdue > 0 ? "!" : ""))
        }
        for row in plan.rows {
            var line: [Cell] = [Cell(row.department), .text(row.employee.number), .text(row.employee.name)]
            line += row.cells.map { cell(TrainingPlan.Tally(counting: $0)) }
            line += [.int(row.tally.planned), .int(row.tally.completed)]
            table.append(line)
        }
        var totals: [Cell] = [.text(""), .text(""), .text("合計")]
        totals += plan.columnTotals.map { cell($0) }
        totals += [.int(plan.total.planned), .int(plan.total.completed)]
        table.append(totals)
        return table
    }
}
