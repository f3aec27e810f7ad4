import DenshoDomain
import DenshoStore
import Foundation

/// The benchmark company: 1,000 employees in five departments of 200, 300 skills, ten evaluations
/// per employee and skill (3,000,000 rows). Built once and cached, since generating it takes a while.
enum BenchDataset {
    static let employees = 1_000
    static let skills = 300
    static let evaluationsPerCell = 10
    static let departments = ["機械加工", "溶接", "組立", "検査", "品質保証"]
    static let asOf = LocalDate(year: 2026, month: 4, day: 1)!
    static let version = "v2"

    /// Opens the cached database, building it first when missing.
    static func open(directory: String, log: @Sendable (String) -> Void) async throws -> SQLiteStore {
        let path = directory + "/bench-\(version).sqlite"
        if FileManager.default.fileExists(atPath: path) { return try SQLiteStore(path: path) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let building = path + ".building"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: building + suffix) }
        let store = try SQLiteStore(path: building)
        log("Building the benchmark database (\(employees) × \(skills) × \(evaluationsPerCell) evaluations, once)…")
        let company = try await store.seed(dataset(), by: "bench")
        var random = SeededGenerator(seed: 42)
        let batch = 100 * skills * evaluationsPerCell
        var records: [EvaluationRecord] = []
        records.reserveCapacity(batch)
        let elapsed = try await Timing.once {
            for employee in 0..<employees {
                for skill in 0..<skills {
                    for round in 0..<evaluationsPerCell {
                        records.append(EvaluationRecord(
                            source: SourcePosition(file: "bench", line: records.count), employeeNumber: number(employee),
                            skillCode: code(skill), level: Int.random(in: 0...4, using: &random),
                            evaluatedOn: asOf.adding(days: -182 * (evaluationsPerCell - round))))
                    }
                }
                if records.count >= batch {
                    _ = try await store.importRecords(.evaluations(records), company: company.id, dryRun: false, by: "bench")
                    records.removeAll(keepingCapacity: true)
                    log("  \(employee + 1)/\(employees) employees")
                }
            }
        }
        log(String(format: "Built in %.1f s.", elapsed))
        try await store.backup(to: path)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: building + suffix) }
        return try SQLiteStore(path: path)
    }

    /// A fresh copy of the benchmark database in `directory/name`, for a part that writes to it or serves it.
    static func copy(
        directory: String, name: String, log: @Sendable (String) -> Void
    ) async throws -> (root: String, store: SQLiteStore, company: Company) {
        let root = FileManager.default.currentDirectoryPath + "/" + directory + "/" + name
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let source = try await open(directory: directory, log: log)
        try await source.backup(to: root + "/" + SQLiteStore.fileName)
        let store = try SQLiteStore(dataDirectory: root)
        return (root, store, try await store.company(code: "bench")!)
    }

    static func number(_ index: Int) -> String { String(10_000 + index) }
    static func code(_ index: Int) -> String { String(format: "S%03d", index) }

    static func dataset() -> CompanyDataset {
        var random = SeededGenerator(seed: 7)
        let categories = (0..<10).map { "カテゴリ\($0 + 1)" }
        return CompanyDataset(
            code: "bench", name: "ベンチマーク工業株式会社", departments: departments, categories: categories,
            skills: (0..<skills).map { i in
                SkillRecord(source: SourcePosition(file: "bench", line: i), category: categories[i % 10], code: code(i),
                            name: "スキル\(i + 1)")
            },
            employees: (0..<employees).map { i in
                EmployeeRecord(source: SourcePosition(file: "bench", line: i), number: number(i), name: "社員 \(i + 1)",
                               kana: "シャイン", hireDate: LocalDate(year: 1985 + i % 30, month: 4, day: 1)!,
                               birthYear: Int.random(in: 1961...2006, using: &random), department: departments[i / 200])
            })
    }

    /// A CSV file of `rows` new evaluations for the import benchmark.
    static func importCSV(rows: Int) -> String {
        var random = SeededGenerator(seed: 99)
        var text = "社員番号,スキルコード,レベル,評価日,評価者,区分,備考\r\n"
        text.reserveCapacity(rows * 40)
        for i in 0..<rows {
            let employee = Int.random(in: 0..<employees, using: &random)
            text += "\(number(employee)),\(code(i % skills)),\(Int.random(in: 0...4, using: &random)),2026/04/15,\(number(0)),上長,\r\n"
        }
        return text
    }
}
