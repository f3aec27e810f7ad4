import DenshoDomain
import DenshoInterchange
import DenshoStore
import Foundation

/// `make bench`: Densho against reference tools on the same machine and data, printing times,
/// ratios and whether targets are met. `densho-bench store`, `densho-bench media` or `densho-bench backup` runs one part.
@main
struct DenshoBench {
    static func main() async throws {
        let part = CommandLine.arguments.dropFirst().first ?? "all"
        let directory = ProcessInfo.processInfo.environment["DENSHO_BENCH_DIR"] ?? "Benchmarks/out"
        let log: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var results: [BenchResult] = []
        if part == "all" || part == "store" { results += try await storeBench(directory: directory, log: log) }
        let densho = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("densho").path
        if part == "all" || part == "web" { results += try await WebBench.run(directory: directory, densho: densho, log: log) }
        if part == "all" || part == "media" {
            results += try MediaBench.run(directory: directory, densho: densho, log: log)
        }
        if part == "all" || part == "training" { results += try await TrainingBench.run(directory: directory, log: log) }
        if part == "all" || part == "mentor" { results += try await MentorBench.run(directory: directory, log: log) }
        if part == "all" || part == "print" { results += try await PrintBench.run(directory: directory, densho: densho, log: log) }
        if part == "all" || part == "onboarding" { results += try await OnboardingBench.run(directory: directory, log: log) }
        if part == "all" || part == "search" { results += try await SearchBench.run(directory: directory, densho: densho, log: log) }
        if part == "all" || part == "backup" { results += try await BackupBench.run(directory: directory, densho: densho, log: log) }
        report(results)
    }

    /// The store against the `sqlite3` tool on the same file and the same SQL, on 1,000 employees ×
    /// 300 skills × 10 evaluations.
    static func storeBench(directory: String, log: @escaping @Sendable (String) -> Void) async throws -> [BenchResult] {
        guard SQLiteReference.isAvailable else { throw BenchError("sqlite3 is missing: run scripts/install-deps.sh") }
        let store = try await BenchDataset.open(directory: directory, log: log)
        let company = try await store.company(code: "bench")!
        let department = try await store.departments(company: company.id)[0]
        let asOf = BenchDataset.asOf
        let dateParameter = "'\(asOf)'"
        var results: [BenchResult] = []

        // 1. The 力量表 of one 200-person department.
        var cells = 0
        let matrixTime = try await Timing.median(runs: 15) {
            let matrix = try await store.matrix(company: company.id, department: department.id, asOf: asOf)
            cells = matrix.levels.values.reduce(0) { $0 + $1.count }
        }
        let matrixReference = try SQLiteReference.median(
            path: store.path, sql: SQLiteStore.matrixSQL(byDepartment: true),
            parameters: [String(company.id.rawValue), dateParameter, String(department.id.rawValue)], runs: 15)
        results.append(BenchResult(
            name: "department matrix (200 × 300, \(cells) cells)", ours: matrixTime, reference: matrixReference,
            referenceName: "same SQL", target: "< 50 ms, ≤ 1.5×",
            met: matrixTime < 0.050 && matrixTime <= 1.5 * matrixReference))

        // 2. Company-wide risk analysis: all current levels, then the pure analysis.
        var riskCount = 0
        let riskTime = try await Timing.median(runs: 7) {
            let matrix = try await store.matrix(company: company.id, department: nil, asOf: asOf)
            riskCount = RiskAnalysis(retirementAge: company.retirementAge, asOfYear: asOf.year).risks(in: matrix).count
        }
        let riskReference = try SQLiteReference.median(
            path: store.path, sql: SQLiteStore.matrixSQL(byDepartment: false),
            parameters: [String(company.id.rawValue), dateParameter], runs: 7)
        results.append(BenchResult(
            name: "company risk analysis (1,000 × 300, \(riskCount) at risk)", ours: riskTime, reference: riskReference,
            referenceName: "its matrix SQL", target: "< 500 ms", met: riskTime < 0.5))

        // 3. Import of 100,000 evaluation rows from CSV into a copy of the 3,000,000-row database.
        let csvPath = directory + "/import-100k.csv"
        try Data(BenchDataset.importCSV(rows: 100_000).utf8).write(to: URL(fileURLWithPath: csvPath))
        let oursCopy = try copy(store.path, to: directory + "/import-ours.sqlite")
        let target = try SQLiteStore(path: oursCopy)
        var imported = 0
        var parseTime = 0.0
        let importTime = try await Timing.once {
            var rows: [EvaluationRecord] = []
            parseTime = try await Timing.once {
                rows = try EvaluationCSV.read(try Data(contentsOf: URL(fileURLWithPath: csvPath)), file: "import-100k.csv")
            }
            imported = try await target.importRecords(.evaluations(rows), company: company.id, dryRun: false, by: "bench").rows
        }
        log(String(format: "import: CSV parsing %.2f s, checking and writing %.2f s", parseTime, importTime - parseTime))
        let referenceCopy = try copy(store.path, to: directory + "/import-sqlite3.sqlite")
        let importReference = try SQLiteReference.wallTime(path: referenceCopy, script: """
            CREATE TEMP TABLE import_rows (employee TEXT, skill TEXT, level TEXT, evaluated_on TEXT, evaluator TEXT, kind TEXT, note TEXT);
            .import --csv --skip 1 --schema temp \(csvPath) import_rows
            BEGIN;
            INSERT INTO evaluation (company_id, employee_id, skill_id, level, evaluator_id, evaluated_on, note, kind, state, decided_at)
            SELECT e.company_id, e.id, s.id, CAST(r.level AS INTEGER), ev.id, replace(r.evaluated_on, '/', '-'), r.note,
                   'supervisor', 'approved', strftime('%Y-%m-%dT%H:%M:%fZ','now')
            FROM temp.import_rows r
            JOIN employee e ON e.company_id = \(company.id.rawValue) AND e.number = r.employee
            JOIN skill s ON s.company_id = \(company.id.rawValue) AND s.code = r.skill
            LEFT JOIN employee ev ON ev.company_id = \(company.id.rawValue) AND ev.number = r.evaluator;
            COMMIT;
            """)
        results.append(BenchResult(
            name: "import \(imported) evaluation rows (CSV → checked → committed)", ours: importTime, reference: importReference,
            referenceName: ".import + INSERT…SELECT", target: "< 5 s", met: importTime < 5))
        for file in [oursCopy, referenceCopy] {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        }
        return results
    }

    static func copy(_ source: String, to destination: String) throws -> String {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
        try FileManager.default.copyItem(atPath: source, toPath: destination)
        return destination
    }

    static func report(_ results: [BenchResult]) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("\nDensho benchmarks — release build, \(cores) cores, sqlite3 \(sqliteVersion()); references run on the same machine")
        print("store: \(BenchDataset.employees) employees × \(BenchDataset.skills) skills × \(BenchDataset.evaluationsPerCell) evaluations "
            + "= \(BenchDataset.employees * BenchDataset.skills * BenchDataset.evaluationsPerCell) rows\n")
        let header = ["benchmark", "densho", "reference", "ratio", "reference is", "target", ""]
        let rows = results.map { r in
            [r.name, r.display(r.ours), r.reference.map(r.display) ?? "—", r.ratio, r.referenceName, r.target,
             r.met ? "met" : "MISSED"]
        }
        let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max()! }
        for row in [header] + rows {
            print(row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
    }

    static func sqliteVersion() -> String { SQLiteReference.version() }
}
