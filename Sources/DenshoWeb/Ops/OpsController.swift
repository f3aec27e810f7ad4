import DenshoDomain
import Foundation
import Hummingbird

/// `/livez` and `/healthz` for load balancers and `/metrics` for Prometheus. Neither needs a login; neither
/// shows personal data.
struct OpsController {
    let store: any DenshoRepository
    let metrics: Metrics
    /// When set (`densho serve --metrics-token`), `/metrics` answers only `Authorization: Bearer <token>`.
    let metricsToken: String?

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/livez") { _, _ in "ok" }  // the process answers (no database): liveness probes
        router.get("/healthz", use: health)
        router.get("/metrics", use: exposition)
    }

    struct Health: Codable { var status: String; var database: String }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            _ = try await store.companies()
            return try JSONResponse.make(Health(status: "ok", database: "ok"))
        } catch {
            return try JSONResponse.make(Health(status: "unavailable", database: "\(error)"), status: .serviceUnavailable)
        }
    }

    @Sendable func exposition(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let metricsToken {
            let presented = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            guard let presented, Tokens.equal(presented, metricsToken) else {
                return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"metrics\""])
            }
        }
        let jobs = try await store.jobCounts()
        let samples = ["queued", "running", "done", "failed"].map { (labels: "state=\"\($0)\"", value: Double(jobs[$0] ?? 0)) }
        var extra: [(name: String, help: String, samples: [(labels: String, value: Double)])] = [
            (name: "densho_jobs", help: "Media jobs by state.", samples: samples),
        ]
        // Backups: absent until the first good one, so an alert on absence or on age both work.
        let backups = try await BackupStatus.read(store)
        if let good = backups.lastGood, let age = backups.age() {
            extra.append((name: "densho_backup_last_success_timestamp_seconds", help: "When the last good backup finished (seconds since 1970).",
                          samples: [(labels: "", value: good.finishedAt ?? good.startedAt)]))
            extra.append((name: "densho_backup_age_seconds", help: "Seconds since the last good backup finished.",
                          samples: [(labels: "", value: age)]))
        }
        if let verify = backups.lastVerify {
            extra.append((name: "densho_backup_verify_problems", help: "Problems the last verify found (missing, damaged files, database).",
                          samples: [(labels: "", value: Double(verify.problems))]))
        }
        let text = metrics.exposition(extra: extra)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
