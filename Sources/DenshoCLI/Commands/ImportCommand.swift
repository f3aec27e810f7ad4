import ArgumentParser
import DenshoDomain
import DenshoStore
import DenshoInterchange
import Foundation

/// The kinds of records that travel as files: three as CSV, the 力量表 as an Excel workbook
/// (Densho's own export, or the company's own in any reasonable layout).
enum RecordKind: String, ExpressibleByArgument, CaseIterable {
    case employees, skills, evaluations, skillmap, workbook
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import employees, skills or evaluations from CSV (UTF-8 with or without BOM, or Shift_JIS), or an edited 力量表 workbook.",
        discussion: """
            The whole file is checked first; if any row is wrong, nothing is imported and every problem is \
            listed with its line and column; if the database refuses a row, nothing is imported either.

            Employees and skills are matched by 社員番号 and スキルコード (existing ones are updated); \
            evaluations are added to the history. A row equal to what is stored counts as unchanged and is \
            not written, so a file exported here, edited in Excel and imported again changes only the edited \
            rows. An evaluation row counts as changed when the same employee, skill, date, evaluator and \
            区分 are recorded with another level or 備考; it is added as a new evaluation (history is never rewritten).

            Columns: employees 社員番号,氏名,フリガナ,入社日,生年,部署,役職,等級,退職日,退職理由
                     skills カテゴリ,スキルコード,スキル名,説明,レベル1…レベル4
                     evaluations 社員番号,スキルコード,レベル,評価日,評価者,区分,状態,備考
            (English headers such as number, name, hire_date are accepted too.)

            skillmap reads an .xlsx written by `densho export skillmap --xlsx` and edited in Excel: every level that \
            differs from the current one is recorded as a supervisor's evaluation (--by), dated today (--as-of).

            workbook reads the company's own 力量表 as it is (title rows, categories merged over their skills, a No. \
            column, names without 社員番号, ◎○△ with a 凡例, skills down the rows, a sheet per department …): \
            it shows what it found and every level it would record; --pick, --add, --mark and --skill decide \
            what it cannot (they are remembered for the next file of the same name, so next month's file \
            imports in one step). Levels are recorded as Excel取込 with the file and cell as evidence.
            Employees: payroll exports' headers (従業員番号, ﾌﾘｶﾞﾅ, 入社年月日, 生年月日, 部門 …) and 和暦 dates are \
            read as they are; --map 採用日=入社日 names a column that is not recognised.
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "What the file holds: employees, skills, evaluations (CSV) or skillmap (xlsx).") var kind: RecordKind
    @Argument(help: "CSV file, or .xlsx for skillmap.", completion: .file(extensions: ["csv", "xlsx"])) var file: String
    @Option(help: "skillmap, workbook: who made the evaluations (社員番号 or name).") var by: String?
    @Flag(name: .customLong("dry-run"), help: "Check everything, report what would change, write nothing.") var dryRun = false
    @Option(name: .customLong("pick"), help: "workbook: NAME=社員番号 for a name found twice or not at all.") var picks: [String] = []
    @Option(name: .customLong("add"), help: "workbook: add this person (a name the company does not have).") var adds: [String] = []
    @Option(name: .customLong("mark"), help: "workbook: MARK=LEVEL (or MARK=none) for how a mark reads.") var marks: [String] = []
    @Option(name: .customLong("skill"), help: "workbook: HEADING=CODE, HEADING=new:CATEGORY or HEADING=skip.") var skills: [String] = []
    @Option(name: .customLong("map"), help: "employees: HEADER=COLUMN for a column not recognised (採用日=入社日).") var columnMap: [String] = []

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError.message("cannot read \(file)")
        }
        let name = (file as NSString).lastPathComponent
        let batch: ImportBatch
        switch kind {
        case .workbook: return try await importWorkbook(data, name: name, context: context, company: company)
        case .employees:
            let mapping = try Self.pairs(columnMap, option: "--map")
            let columns = try EmployeeCSV.inspect(data, file: name, mapping: mapping)
            if !columns.unrecognised.isEmpty {
                Terminal.note("note: columns not read: \(columns.unrecognised.joined(separator: ", ")) (name one with --map HEADER=COLUMN)")
            }
            batch = .employees(try EmployeeCSV.read(data, file: name, mapping: mapping))
        case .skills: batch = .skills(try SkillCSV.read(data, file: name))
        case .evaluations: batch = .evaluations(try EvaluationCSV.read(data, file: name))
        case .skillmap: batch = .evaluations(try await skillMapChanges(data, name: name, context: context, company: company))
        }
        let bar = ProgressBar(dryRun ? "checking" : "importing", total: batch.count)
        let summary: ImportSummary
        do {
            summary = try await context.store.importRecords(
                batch, company: company.id, dryRun: dryRun, by: context.actor, progress: { bar.update($0) })
        } catch let error as ImportError {
            bar.abandon()
            throw error
        } catch {
            // The store writes a file in one transaction: whatever failed, nothing was written.
            bar.abandon()
            throw CLIError.message("import refused, nothing was imported: \(StoreError.classify(error))")
        }
        bar.finish()
        let verb = dryRun ? "would import" : "imported"
        let what = kind == .skillmap ? "evaluations (changed cells)" : kind.rawValue
        // `a.csv: imported 0 new, 1 changed, 2,945 unchanged evaluations.`
        print("\(name): \(verb) \(summary.counts) \(what)" + (dryRun ? " (dry run: nothing was written)" : "") + ".")
    }

    /// The evaluations an edited 力量表 workbook asks for, made by `--by`.
    func skillMapChanges(_ data: Data, name: String, context: CLIContext, company: Company) async throws -> [EvaluationRecord] {
        let evaluator = try await by.asyncMap { try await Resolver(context: context, company: company).employee($0).number }
        return try await SkillMapWorkbook.proposedChanges(
            data, file: name, company: company.id, from: context.store, asOf: context.today, evaluator: evaluator).changes.map(\.record)
    }
}
