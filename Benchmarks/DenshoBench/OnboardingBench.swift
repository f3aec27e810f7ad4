import DenshoDomain
import DenshoInterchange
import DenshoStore
import Foundation

/// A company's own 力量表 of 300 people × 300 skills (merged category headings, ◎○△ and blanks,
/// a 凡例; written by the onboarding fixture script with openpyxl): the wizard's preview (read,
/// find the table, match, work out every change) and the commit (new levels in one transaction).
/// Reference: openpyxl reading the same workbook's values (what a Python script would start with).
enum OnboardingBench {
    static let script = "Tests/Fixtures/onboarding/make_workbooks.py"

    static func run(directory: String, log: @escaping @Sendable (String) -> Void) async throws -> [BenchResult] {
        let root = directory + "/onboarding"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let workbook = root + "/力量表_300x300.xlsx"
        log("onboarding: writing the 300 × 300 workbook with openpyxl …")
        _ = try ChildProcess.measure("/usr/bin/env", ["python3", script, "--big", workbook])
        let seed = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workbook + ".json"))) as? [String: Any]
        guard let company = seed?["company"] as? [String: Any], let people = company["people"] as? [[String: String]],
              let skills = company["skills"] as? [[String: String]], let departments = company["departments"] as? [String]
        else { throw BenchError("cannot read \(workbook).json") }
        let expectedCount = seed?["evaluationCount"] as? Int ?? 0

        let store = try SQLiteStore(dataDirectory: root + "/data")
        let source = SourcePosition(file: "seed", line: 1)
        var categories: [String] = []
        for skill in skills where !categories.contains(skill["category"] ?? "") { categories.append(skill["category"] ?? "") }
        let seeded = try await store.seed(CompanyDataset(
            code: "onboard", name: "ベンチ工業", departments: departments, categories: categories,
            skills: skills.enumerated().map { index, skill in
                SkillRecord(source: source, category: skill["category"] ?? "", code: String(format: "B-%03d", index + 1), name: skill["name"] ?? "")
            },
            employees: people.map { person in
                EmployeeRecord(source: source, number: person["number"] ?? "", name: person["name"] ?? "", kana: person["furigana"] ?? "",
                               hireDate: LocalDate(year: 2015, month: 4, day: 1)!, department: person["department"])
            }), by: "bench")
        let data = try Data(contentsOf: URL(fileURLWithPath: workbook))
        let asOf = LocalDate(year: 2026, month: 4, day: 1)!

        var plan: OnboardingPlan?
        let preview = try await Timing.median(runs: 3) {
            plan = try await OnboardingImport.plan(data, file: "力量表_300x300.xlsx", company: seeded.id, store: store, asOf: asOf, evaluator: nil)
        }
        guard let plan, plan.canCommit, plan.changes.count == expectedCount else {
            throw BenchError("the preview found \(plan?.changes.count ?? 0) levels, not \(expectedCount): \(plan?.problems.prefix(3) ?? [])")
        }
        let commit = try await Timing.once { _ = try await OnboardingImport.commit(plan, company: seeded.id, store: store, by: "bench") }
        let reference = try await Timing.median(runs: 3) {
            _ = try ChildProcess.measure("/usr/bin/env", [
                "python3", "-c", "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); [list(ws.iter_rows(values_only=True)) for ws in wb]",
                workbook,
            ])
        }
        log(String(format: "onboarding: %d levels previewed in %.2f s, committed in %.2f s", plan.changes.count, preview, commit))
        return [
            BenchResult(name: "力量表 300 × 300 workbook: preview (\(plan.changes.count) levels)", ours: preview, reference: reference,
                        referenceName: "openpyxl reading its values", target: "< 2 s", met: preview < 2),
            BenchResult(name: "力量表 300 × 300 workbook: commit", ours: commit, reference: nil, referenceName: "—", target: "< 5 s",
                        met: commit < 5),
        ]
    }
}
