import ArgumentParser
import DenshoDomain
import DenshoInterchange
import Foundation

/// The kinds of records that travel as CSV.
enum RecordKind: String, ExpressibleByArgument, CaseIterable {
    case employees, skills, evaluations
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import employees, skills or evaluations from CSV (UTF-8 with or without BOM, or Shift_JIS).",
        discussion: """
            The whole file is checked first; if any row is wrong, nothing is imported and every problem is
            listed with its line and column. Employees and skills are matched by 社員番号 and スキルコード
            (existing ones are updated); evaluations are added to the history.
            Columns: employees 社員番号,氏名,フリガナ,入社日,生年,部署,役職,等級,退職日,退職理由
                     skills カテゴリ,スキルコード,スキル名,説明,レベル1…レベル4
                     evaluations 社員番号,スキルコード,レベル,評価日,評価者,区分,状態,備考
            (English headers such as number, name, hire_date are accepted too.)
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "What the file holds: employees, skills or evaluations.") var kind: RecordKind
    @Argument(help: "CSV file.", completion: .file(extensions: ["csv"])) var file: String
    @Flag(name: .customLong("dry-run"), help: "Check everything, report what would change, write nothing.") var dryRun = false

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError.message("cannot read \(file)")
        }
        let name = (file as NSString).lastPathComponent
        let batch: ImportBatch
        switch kind {
        case .employees: batch = .employees(try EmployeeCSV.read(data, file: name))
        case .skills: batch = .skills(try SkillCSV.read(data, file: name))
        case .evaluations: batch = .evaluations(try EvaluationCSV.read(data, file: name))
        }
        let bar = ProgressBar(dryRun ? "checking" : "importing", total: batch.count)
        let summary = try await context.store.importRecords(
            batch, company: company.id, dryRun: dryRun, by: context.actor, progress: { bar.update($0) })
        bar.finish()
        let verb = dryRun ? "would import" : "imported"
        print("\(name): \(verb) \(summary.inserted) new and \(summary.updated) updated \(kind.rawValue)"
            + (dryRun ? " (dry run: nothing was written)" : "") + ".")
    }
}
