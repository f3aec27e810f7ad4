import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore {
    public func claimJob(worker: String, leaseSeconds: Double, now: Double) async throws -> Job? {
        try await pool.write { db in
            // A worker that stopped heartbeating on its last attempt leaves a job that can only fail.
            let abandoned = try Row.fetchAll(
                db, sql: "SELECT id, clip_id FROM job WHERE state = 'running' AND lease_until < ? AND attempts >= max_attempts",
                arguments: [now])
            for row in abandoned {
                try Self.markFailed(db, job: row[0], clip: row[1],
                                    reason: "処理中のワーカーが応答しなくなりました (the worker stopped responding on the last attempt)")
            }
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    UPDATE job SET state = 'running', worker = ?1, attempts = attempts + 1, lease_until = ?2 + ?3,
                      heartbeat_at = ?2, progress = 0
                    WHERE id = (SELECT id FROM job
                                WHERE (state = 'queued' AND next_attempt_at <= ?2) OR (state = 'running' AND lease_until < ?2)
                                ORDER BY next_attempt_at, id LIMIT 1)
                    RETURNING \(Job.columns)
                    """, arguments: [worker, now, leaseSeconds])
            else { return nil }
            let job = Job(row: row)
            try db.execute(sql: "UPDATE clip SET status = 'processing', failure_reason = NULL WHERE id = ?",
                           arguments: [job.clipID.rawValue])
            return job
        }
    }

    public func heartbeat(_ job: Job.ID, worker: String, progress: Double, leaseSeconds: Double, now: Double) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE job SET lease_until = ?1 + ?2, heartbeat_at = ?1, progress = ?3
                    WHERE id = ?4 AND worker = ?5 AND state = 'running'
                    """, arguments: [now, leaseSeconds, progress, job.rawValue, worker])
            return db.changesCount == 1
        }
    }

    public func completeJob(_ job: Job.ID, worker: String, probe: MediaProbe, manifest: ClipManifest) async throws {
        try await pool.write { db in
            guard let clip = try Int64.fetchOne(
                db, sql: "SELECT clip_id FROM job WHERE id = ? AND worker = ? AND state = 'running'", arguments: [job.rawValue, worker])
            else { throw StoreError.invalid("job \(job) is not running on \(worker) any more") }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try db.execute(
                sql: "UPDATE clip SET status = 'ready', failure_reason = NULL, probe = ?, manifest = ? WHERE id = ?",
                arguments: [String(decoding: try encoder.encode(probe), as: UTF8.self),
                            String(decoding: try encoder.encode(manifest), as: UTF8.self), clip])
            try db.execute(sql: "DELETE FROM chapter WHERE clip_id = ? AND suggested = 1", arguments: [clip])
            for (index, time) in manifest.suggestedChapters.enumerated() {
                try db.execute(
                    sql: "INSERT INTO chapter (clip_id, time, title, suggested) VALUES (?, ?, ?, 1)",
                    arguments: [clip, time, index == 0 ? "はじめ" : "場面 \(index + 1)"])
            }
            try db.execute(sql: "UPDATE job SET state = 'done', progress = 1, last_error = NULL, lease_until = NULL WHERE id = ?",
                           arguments: [job.rawValue])
        }
    }

    public func failJob(_ job: Job.ID, worker: String, reason: String, final: Bool, backoffBase: Double, now: Double) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT clip_id, attempts, max_attempts FROM job WHERE id = ? AND worker = ? AND state = 'running'",
                arguments: [job.rawValue, worker])
            else { return }
            let clip: Int64 = row[0], attempts: Int = row[1], maxAttempts: Int = row[2]
            if final || attempts >= maxAttempts {
                try Self.markFailed(db, job: job.rawValue, clip: clip, reason: reason)
            } else {
                try db.execute(
                    sql: """
                        UPDATE job SET state = 'queued', worker = NULL, lease_until = NULL, last_error = ?, next_attempt_at = ?
                        WHERE id = ?
                        """,
                    arguments: [reason, now + Job.backoff(afterAttempts: attempts, base: backoffBase), job.rawValue])
                try db.execute(sql: "UPDATE clip SET status = 'uploaded' WHERE id = ?", arguments: [clip])
            }
        }
    }

    static func markFailed(_ db: Database, job: Int64, clip: Int64, reason: String) throws {
        try db.execute(sql: "UPDATE job SET state = 'failed', last_error = ?, lease_until = NULL WHERE id = ?", arguments: [reason, job])
        try db.execute(sql: "UPDATE clip SET status = 'failed', failure_reason = ? WHERE id = ?", arguments: [reason, clip])
    }

    public func retryClip(_ id: Clip.ID, company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            try Self.requireInCompany(db, table: "clip", id: id.rawValue, company: company)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM job WHERE clip_id = ? AND state = 'running'", arguments: [id.rawValue]) == true {
                throw StoreError.invalid("clip \(id) is being processed right now")
            }
            try db.execute(
                sql: """
                    UPDATE job SET state = 'queued', attempts = 0, next_attempt_at = 0, worker = NULL, last_error = NULL,
                      progress = 0 WHERE clip_id = ?
                    """, arguments: [id.rawValue])
            if db.changesCount == 0 { try db.execute(sql: "INSERT INTO job (clip_id) VALUES (?)", arguments: [id.rawValue]) }
            try db.execute(sql: "UPDATE clip SET status = 'uploaded', failure_reason = NULL WHERE id = ?", arguments: [id.rawValue])
            try Audit.record(db, company: company, actor: actor, entity: "clip", id: id.rawValue, action: "retry")
        }
    }

    public func nextJobTime() async throws -> Double? {
        try await pool.read { db in
            try Double.fetchOne(db, sql: """
                SELECT MIN(CASE state WHEN 'queued' THEN next_attempt_at ELSE lease_until END) FROM job
                WHERE state IN ('queued', 'running')
                """)
        }
    }


    public func clipForJob(_ job: Job) async throws -> Clip? {
        try await pool.read { db in
            guard let company = try Int64.fetchOne(db, sql: "SELECT company_id FROM clip WHERE id = ?", arguments: [job.clipID.rawValue])
            else { return nil }
            return try Self.fetchClip(db, job.clipID, company: Company.ID(company))
        }
    }

    public func jobs(clip: Clip.ID) async throws -> [Job] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Job.columns) FROM job WHERE clip_id = ? ORDER BY id", arguments: [clip.rawValue])
                .map(Job.init(row:))
        }
    }
}
