import DenshoDomain
import Foundation
import GRDB

/// Watch records and 読了確認: what each person played of each clip, checked against the time
/// that passed, and the acknowledgements that complete assignments.
extension SQLiteStore {
    /// A clip's duration from its manifest (0 while it is not processed).
    static func clipDuration(_ db: Database, clip: Int64) throws -> Double {
        // Only the duration: decoding the whole manifest on every beacon would cost more than the write.
        try Double.fetchOne(db.cachedStatement(sql: "SELECT json_extract(manifest, '$.duration') FROM clip WHERE id = ?"), arguments: [clip]) ?? 0
    }

    /// The live version's steps (nil for a manual never approved).
    static func liveSteps(_ db: Database, manual: Int64) throws -> [ManualStep]? {
        guard let json = try String.fetchOne(db.cachedStatement(sql: "SELECT steps FROM manual_revision WHERE manual_id = ? ORDER BY revision DESC LIMIT 1"), arguments: [manual])
        else { return nil }
        return try JSONDecoder().decode([ManualStep].self, from: Data(json.utf8))
    }

    static func progress(_ db: Database, employee: Int64, clip: Int64) throws -> WatchCoverage {
        let json = try String.fetchOne(db.cachedStatement(sql: "SELECT ranges FROM watch_progress WHERE employee_id = ? AND clip_id = ?"),
                                       arguments: [employee, clip]) ?? "[]"
        return WatchCoverage((try? JSONDecoder().decode([PlayedRange].self, from: Data(json.utf8))) ?? [])
    }

    /// Recomputes watched_share (and started_at) of a person's open assignments: all those using
    /// `clip`, or the one `assignment`.
    static func refreshAssignments(_ db: Database, employee: Int64, clip: Int64? = nil, assignment: Int64? = nil) throws {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT a.id, a.manual_id, coalesce(a.clip_id, manual.clip_id) FROM assignment a LEFT JOIN manual ON manual.id = a.manual_id
                WHERE a.employee_id = ?1 AND a.completed_at IS NULL AND (?2 IS NULL OR coalesce(a.clip_id, manual.clip_id) = ?2)
                  AND (?3 IS NULL OR a.id = ?3)
                """), arguments: [employee, clip, assignment])
        for row in rows {
            guard let clip = row[2] as Int64? else { continue }
            let coverage = try progress(db, employee: employee, clip: clip)
            let duration = try clipDuration(db, clip: clip)
            let share: Double
            if let manual = row[1] as Int64? {
                share = coverage.stepShare(try liveSteps(db, manual: manual) ?? [], duration: duration)
            } else {
                share = coverage.share(ofDuration: duration)
            }
            try db.cachedStatement(
                sql: """
                    UPDATE assignment SET watched_share = ?1,
                      started_at = CASE WHEN ?1 > 0 THEN coalesce(started_at, \(Migrations.now)) ELSE started_at END
                    WHERE id = ?2
                    """).execute(arguments: [share, row[0] as Int64])
        }
    }

    public func recordWatch(
        employee: Employee.ID, clip: Clip.ID, manual: Manual.ID?, session: String, ranges: [PlayedRange], now: Double,
        plausibility: WatchPlausibility, company: Company.ID
    ) async throws -> WatchCoverage {
        let beacon = WatchBeacon(employee: employee, clip: clip, manual: manual, session: session, ranges: ranges, company: company)
        return try await recordWatches([beacon], now: now, plausibility: plausibility)[0].get()
    }

    public func recordWatches(_ beacons: [WatchBeacon], now: Double, plausibility: WatchPlausibility) async throws
        -> [Result<WatchCoverage, any Error>]
    {
        try await pool.write { db in
            try beacons.map { beacon in
                var result: Result<WatchCoverage, any Error> = .failure(StoreError.invalid("not recorded"))
                // Each beacon in a savepoint of its own: one that fails (refused, or a constraint)
                // is undone alone, and the others in the batch are written.
                try db.inSavepoint {
                    do {
                        result = .success(try Self.record(db, beacon, now: now, plausibility: plausibility))
                        return .commit
                    } catch let error as StoreError {
                        result = .failure(error)
                    } catch let error as DatabaseError {
                        result = .failure(StoreError.invalid("the watch record could not be written (\(error.message ?? "constraint"))"))
                    }
                    return .rollback
                }
                return result
            }
        }
    }

    static func record(_ db: Database, _ beacon: WatchBeacon, now: Double, plausibility: WatchPlausibility) throws -> WatchCoverage {
        let (employee, clip, session, company) = (beacon.employee, beacon.clip, beacon.session, beacon.company)
        guard WatchBeacon.isSessionID(session) else { throw StoreError.invalid("a watch session id is 1–64 letters, digits or '-'") }
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM clip WHERE id = ? AND company_id = ?"),
                                arguments: [clip.rawValue, company.rawValue]) == true,
              try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM employee WHERE id = ? AND company_id = ?"),
                                arguments: [employee.rawValue, company.rawValue]) == true
        else { throw StoreError.notFound(entity: "clip", key: clip.description) }
        // The manual, when given, must be one of this company's on this clip.
        if let manual = beacon.manual {
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM manual WHERE id = ? AND company_id = ? AND clip_id = ?"),
                                    arguments: [manual.rawValue, company.rawValue, clip.rawValue]) == true
            else { throw StoreError.notFound(entity: "manual", key: manual.description) }
        }
        guard beacon.ranges.count <= WatchCoverage.maxRangesPerBeacon else {
            throw StoreError.invalid("再生記録が細かすぎます (at most \(WatchCoverage.maxRangesPerBeacon) ranges per beacon)")
        }
        let duration = try clipDuration(db, clip: clip.rawValue)
        // Ranges past the clip's end are cut to it: a player's last timeupdate may overshoot.
        let clipped = beacon.ranges.map { duration > 0 ? PlayedRange(start: min($0.start, duration), end: min($0.end, duration)) : $0 }
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT clip_id, started_at, ranges FROM watch_session WHERE employee_id = ? AND id = ?"),
            arguments: [employee.rawValue, session])
        var played = WatchCoverage(clipped)
        var startedAt = now
        var known: [PlayedRange] = []
        if let existing {
            guard (existing[0] as Int64) == clip.rawValue else { throw StoreError.invalid("watch session \(session) belongs to another clip") }
            startedAt = existing[1]
            known = (try? JSONDecoder().decode([PlayedRange].self, from: Data((existing[2] as String).utf8))) ?? []
            played.add(known)
        }
        guard plausibility.allows(playedSeconds: played.seconds, sessionAge: now - startedAt) else {
            throw StoreError.invalid(
                "再生した時間が経過時間より長くなっています (the page reports \(Int(played.seconds)) s played in \(Int(now - startedAt)) s)")
        }
        if existing != nil, WatchCoverage(known) == played {
            // A repeated beacon (nothing new played): only the session's clock moves.
            try db.cachedStatement(sql: "UPDATE watch_session SET last_at = ? WHERE employee_id = ? AND id = ?").execute(arguments: [now, employee.rawValue, session])
            return try progress(db, employee: employee.rawValue, clip: clip.rawValue)
        }
        let revision = try beacon.manual.map {
            try Int.fetchOne(db.cachedStatement(sql: "SELECT revision FROM manual WHERE id = ? AND company_id = ?"), arguments: [$0.rawValue, company.rawValue]) ?? 0
        } ?? 0
        try db.cachedStatement(
            sql: """
                INSERT INTO watch_session (id, employee_id, clip_id, manual_id, revision, started_at, last_at, ranges, played)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                ON CONFLICT (employee_id, id) DO UPDATE SET last_at = ?7, ranges = ?8, played = ?9
                """).execute(
            arguments: [session, employee.rawValue, clip.rawValue, beacon.manual.map { $0.rawValue }, revision, startedAt, now,
                        Audit.json(played.ranges) ?? "[]", played.seconds])
        var progress = try progress(db, employee: employee.rawValue, clip: clip.rawValue)
        let before = progress
        progress.add(clipped)
        if progress != before {
            // All of the person's pages together: several sessions at once claim no more than one.
            let since = try Double.fetchOne(db.cachedStatement(sql: "SELECT started_at FROM watch_progress WHERE employee_id = ? AND clip_id = ?"),
                                            arguments: [employee.rawValue, clip.rawValue]) ?? startedAt
            guard plausibility.allows(playedSeconds: progress.seconds, sessionAge: now - min(since, startedAt)) else {
                throw StoreError.invalid(
                    "再生した時間が経過時間より長くなっています (\(Int(progress.seconds)) s of this clip reported played in \(Int(now - since)) s)")
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO watch_progress (employee_id, clip_id, ranges, started_at) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (employee_id, clip_id) DO UPDATE SET ranges = ?3, updated_at = \(Migrations.now)
                    """).execute(arguments: [employee.rawValue, clip.rawValue, Audit.json(progress.ranges) ?? "[]", min(since, startedAt)])
            try refreshAssignments(db, employee: employee.rawValue, clip: clip.rawValue)
        }
        return progress
    }

    public func watchCoverage(employee: Employee.ID, clip: Clip.ID, company: Company.ID) async throws -> WatchCoverage {
        try await pool.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM clip WHERE id = ? AND company_id = ?",
                                    arguments: [clip.rawValue, company.rawValue]) == true
            else { return WatchCoverage() }
            return try Self.progress(db, employee: employee.rawValue, clip: clip.rawValue)
        }
    }

    public func acknowledge(employee: Employee.ID, item: TrainingItem, company: Company.ID, by actor: String) async throws -> Acknowledgement {
        try await pool.write { db in
            try Self.requireEmployees(db, [employee], company: company)
            _ = try Self.itemTitle(db, item, company: company)
            let revision: Int
            let watched: Bool
            switch item {
            case .manual(let id):
                let row = try Row.fetchOne(db, sql: "SELECT revision, clip_id FROM manual WHERE id = ?", arguments: [id.rawValue])!
                revision = row[0]
                if let clip = row[1] as Int64? {
                    let duration = try Self.clipDuration(db, clip: clip)
                    let coverage = try Self.progress(db, employee: employee.rawValue, clip: clip)
                    let steps = try Self.liveSteps(db, manual: id.rawValue) ?? []
                    // A clip still processing (or failed) cannot have been watched.
                    watched = duration > 0 && coverage.coversSteps(steps, duration: duration)
                } else {
                    watched = true  // A manual without a clip is read, not watched.
                }
            case .clip(let id):
                revision = 0
                let duration = try Self.clipDuration(db, clip: id.rawValue)
                let coverage = try Self.progress(db, employee: employee.rawValue, clip: id.rawValue)
                watched = duration > 0 && coverage.isWatched(duration: duration)
            }
            guard watched else {
                throw StoreError.invalid("まだ最後まで視聴していません (watch every step before acknowledging)")
            }
            try db.execute(
                sql: "INSERT INTO acknowledgement (employee_id, manual_id, clip_id, revision) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [employee.rawValue, item.manualID?.rawValue, item.clipID?.rawValue, revision])
            let at = try String.fetchOne(
                db, sql: """
                    SELECT at FROM acknowledgement WHERE employee_id = ? AND ifnull(manual_id, 0) = ? AND ifnull(clip_id, 0) = ? AND revision = ?
                    """, arguments: [employee.rawValue, item.manualID?.rawValue ?? 0, item.clipID?.rawValue ?? 0, revision]) ?? ""
            try db.execute(
                sql: """
                    UPDATE assignment SET completed_at = \(Migrations.now), watched_share = max(watched_share, 1)
                    WHERE employee_id = ? AND completed_at IS NULL AND required_revision <= ?
                      AND ((manual_id IS NOT NULL AND manual_id = ?) OR (clip_id IS NOT NULL AND clip_id = ?))
                    """, arguments: [employee.rawValue, revision, item.manualID?.rawValue, item.clipID?.rawValue])
            try Audit.record(db, company: company, actor: actor, entity: "acknowledgement", id: employee.rawValue, action: "acknowledge",
                             after: ["item": "\(item.kind):\(item.rawID)", "revision": String(revision)])
            return Acknowledgement(employeeID: employee, item: item, revision: revision, at: at)
        }
    }

    public func acknowledgements(company: Company.ID, item: TrainingItem?, employee: Employee.ID?) async throws -> [Acknowledgement] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT k.employee_id, k.manual_id, k.clip_id, k.revision, k.at FROM acknowledgement k
                    JOIN employee ON employee.id = k.employee_id
                    WHERE employee.company_id = ?1 AND (?2 IS NULL OR k.employee_id = ?2) AND (?3 IS NULL OR k.manual_id = ?3)
                      AND (?4 IS NULL OR k.clip_id = ?4)
                    ORDER BY k.at DESC
                    """,
                arguments: [company.rawValue, employee?.rawValue, item?.manualID?.rawValue, item?.clipID?.rawValue]
            ).map {
                let manual: Int64? = $0[1]
                return Acknowledgement(employeeID: .init($0[0]), item: manual.map { .manual(.init($0)) } ?? .clip(.init($0[2] as Int64)),
                                       revision: $0[3], at: $0[4])
            }
        }
    }
}
