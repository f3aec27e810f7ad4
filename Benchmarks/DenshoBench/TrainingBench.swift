import DenshoDomain
import DenshoStore
import Foundation

/// The training report on 1,000 people × 300 manuals (300,000 assignments) with 10 watch
/// events each (3,000,000 watch-session rows), against the same SQL in the `sqlite3` tool.
/// The rows are written with SQL in one transaction (the store's own paths are measured elsewhere).
enum TrainingBench {
    static let manuals = 300
    static let eventsPerAssignment = 10

    static func run(directory: String, log: @escaping @Sendable (String) -> Void) async throws -> [BenchResult] {
        guard SQLiteReference.isAvailable else { throw BenchError("sqlite3 is missing: run scripts/install-deps.sh") }
        let source = try await BenchDataset.open(directory: directory, log: log)
        let path = directory + "/training.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try await source.backup(to: path)
        var store = try SQLiteStore(path: path)
        let company = try await store.company(code: "bench")!
        log("training: \(manuals) manuals, \(BenchDataset.employees * manuals) assignments, "
            + "\(BenchDataset.employees * manuals * eventsPerAssignment) watch events")
        let clip = try await store.addClip(
            Clip(id: .init(0), companyID: company.id, ownerID: nil, title: "ベンチ動画", originalHash: String(repeating: "b", count: 64),
                 originalExtension: "mp4", originalName: "b.mp4", originalSize: 1), by: "bench").clip
        let c = company.id.rawValue
        let fill = """
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(manuals))
            INSERT INTO manual (company_id, clip_id, title, document_number, status, revision, author, approver, approved_at)
              SELECT \(c), \(clip.id.rawValue), 'マニュアル ' || i, 'B-' || i, 'approved', 1, 'bench', '班長', '2026-04-01' FROM n;
            INSERT INTO assignment (company_id, employee_id, manual_id, due_on, assigned_by, required_revision, watched_share, started_at, completed_at)
              SELECT \(c), e.id, m.id, date('2026-04-01', '+' || ((e.id + m.id) % 365) || ' days'), 'bench', 1,
                     ((e.id * 7 + m.id) % 4) / 3.0,
                     CASE WHEN (e.id * 7 + m.id) % 4 > 0 THEN '2026-05-01' END,
                     CASE WHEN (e.id * 7 + m.id) % 4 = 3 THEN '2026-06-01' END
              FROM employee e CROSS JOIN manual m WHERE e.company_id = \(c) AND m.company_id = \(c);
            WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < \(eventsPerAssignment))
            INSERT INTO watch_session (id, employee_id, clip_id, manual_id, revision, started_at, last_at, ranges, played)
              SELECT 's' || a.manual_id || '-' || k.j, a.employee_id, \(clip.id.rawValue), a.manual_id, 1, 0, 0, '[]', 0
              FROM assignment a CROSS JOIN k WHERE a.company_id = \(c);
            COMMIT;
            ANALYZE;
            """
        let fillTime = try SQLiteReference.wallTime(path: path, script: fill)
        log(String(format: "training: rows written in %.1f s", fillTime))
        store = try SQLiteStore(path: path)
        let today = LocalDate(parsing: "2026-11-28")!
        var rows = 0
        let ours = try await Timing.median(runs: 15) {
            rows = try await store.trainingReport(company: company.id, department: nil, today: today).count
        }
        let reference = try SQLiteReference.median(
            path: path, sql: SQLiteStore.trainingReportSQL(byDepartment: false), parameters: [String(c), "'\(today)'"], runs: 15)
        return [BenchResult(
            name: "training report (1,000 people × \(manuals) manuals × \(eventsPerAssignment) watch events, \(rows) rows)",
            ours: ours, reference: reference, referenceName: "same SQL", target: "< 200 ms, ≤ 2×",
            met: ours < 0.2 && ours <= 2 * reference)]
    }
}
