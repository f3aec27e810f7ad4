import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: ClipRepository {
    public func addClip(_ clip: Clip, by actor: String) async throws -> (clip: Clip, isNew: Bool) {
        try await pool.write { db in
            if let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM clip WHERE company_id = ? AND original_hash = ?",
                arguments: [clip.companyID.rawValue, clip.originalHash])
            {
                return (try Self.fetchClip(db, Clip.ID(id), company: clip.companyID)!, false)
            }
            if let owner = clip.ownerID { try Self.requireInCompany(db, table: "employee", id: owner.rawValue, company: clip.companyID) }
            try db.execute(
                sql: """
                    INSERT INTO clip (company_id, owner_id, title, description, tags, original_hash, original_extension,
                      original_name, original_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [clip.companyID.rawValue, clip.ownerID?.rawValue, clip.title, clip.description,
                            Self.tagText(clip.tags), clip.originalHash, clip.originalExtension, clip.originalName, clip.originalSize])
            let id = Clip.ID(db.lastInsertedRowID)
            try Self.writeSkills(db, clip: id, skills: clip.skillIDs, company: clip.companyID)
            try db.execute(sql: "INSERT INTO job (clip_id) VALUES (?)", arguments: [id.rawValue])
            let saved = try Self.fetchClip(db, id, company: clip.companyID)!
            try Audit.record(db, company: clip.companyID, actor: actor, entity: "clip", id: id.rawValue, action: "create",
                             after: ["title": saved.title, "original": saved.originalHash])
            return (saved, true)
        }
    }

    /// Tags as stored: single words joined by spaces (tags themselves cannot hold spaces).
    static func tagText(_ tags: [String]) -> String {
        tags.flatMap { $0.split(whereSeparator: \.isWhitespace) }.map(String.init).joined(separator: " ")
    }

    static func writeSkills(_ db: Database, clip: Clip.ID, skills: [Skill.ID], company: Company.ID) throws {
        try db.execute(sql: "DELETE FROM clip_skill WHERE clip_id = ?", arguments: [clip.rawValue])
        for skill in Set(skills) {
            try requireInCompany(db, table: "skill", id: skill.rawValue, company: company)
            try db.execute(sql: "INSERT INTO clip_skill (clip_id, skill_id) VALUES (?, ?)", arguments: [clip.rawValue, skill.rawValue])
        }
    }

    static func fetchClip(_ db: Database, _ id: Clip.ID, company: Company.ID) throws -> Clip? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT \(Clip.columns) FROM clip WHERE id = ? AND company_id = ?", arguments: [id.rawValue, company.rawValue])
        else { return nil }
        let skills = try Int64.fetchAll(db, sql: "SELECT skill_id FROM clip_skill WHERE clip_id = ? ORDER BY skill_id",
                                        arguments: [id.rawValue]).map(Skill.ID.init)
        return Clip(row: row, skills: skills)
    }

    public func clips(company: Company.ID, status: ClipStatus?) async throws -> [Clip] {
        try await pool.read { db in
            var skills: [Int64: [Skill.ID]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT cs.clip_id, cs.skill_id FROM clip_skill cs JOIN clip c ON c.id = cs.clip_id WHERE c.company_id = ?",
                arguments: [company.rawValue])
            {
                skills[row[0], default: []].append(Skill.ID(row[1]))
            }
            var sql = "SELECT \(Clip.columns) FROM clip WHERE company_id = ?"
            var arguments: StatementArguments = [company.rawValue]
            if let status { sql += " AND status = ?"; arguments += [status.rawValue] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id DESC", arguments: arguments).map {
                Clip(row: $0, skills: skills[$0[0]] ?? [])
            }
        }
    }

    public func clip(_ id: Clip.ID, company: Company.ID) async throws -> Clip? {
        try await pool.read { db in try Self.fetchClip(db, id, company: company) }
    }

    public func clipServes(_ id: Clip.ID, company: Company.ID, file: String) async throws -> Bool {
        try lookup { db in
            // The same names as ClipManifest.servedFiles, read by SQLite's JSON functions.
            let statement = try db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM clip WHERE id = ? AND company_id = ? AND status = ? AND manifest IS NOT NULL
                  AND (?4 IN (json_extract(manifest, '$.video'), json_extract(manifest, '$.poster'),
                              json_extract(manifest, '$.storyboard.vtt'))
                       OR EXISTS (SELECT 1 FROM json_each(manifest, '$.storyboard.sprites') WHERE value = ?4)))
                """)
            return try Bool.fetchOne(statement, arguments: [id.rawValue, company.rawValue, ClipStatus.ready.rawValue, file]) ?? false
        }
    }

    public func updateClip(_ clip: Clip, by actor: String) async throws {
        try await pool.write { db in
            guard let before = try Self.fetchClip(db, clip.id, company: clip.companyID) else {
                throw StoreError.notFound(entity: "clip", key: clip.id.description)
            }
            try db.execute(
                sql: "UPDATE clip SET title = ?, description = ?, tags = ?, owner_id = ? WHERE id = ? AND company_id = ?",
                arguments: [clip.title, clip.description, Self.tagText(clip.tags), clip.ownerID?.rawValue, clip.id.rawValue,
                            clip.companyID.rawValue])
            try Self.writeSkills(db, clip: clip.id, skills: clip.skillIDs, company: clip.companyID)
            try Audit.record(db, company: clip.companyID, actor: actor, entity: "clip", id: clip.id.rawValue, action: "update",
                             before: ["title": before.title, "tags": Self.tagText(before.tags)],
                             after: ["title": clip.title, "tags": Self.tagText(clip.tags)])
        }
    }

    @discardableResult
    public func removeClip(_ id: Clip.ID, company: Company.ID, by actor: String) async throws -> ClipRemoval {
        try await pool.write { db in
            guard let clip = try Self.fetchClip(db, id, company: company) else {
                throw StoreError.notFound(entity: "clip", key: id.description)
            }
            let approved = try String.fetchAll(
                db,
                sql: """
                    SELECT title FROM manual WHERE clip_id = ? AND company_id = ?
                      AND EXISTS (SELECT 1 FROM manual_revision r WHERE r.manual_id = manual.id) ORDER BY id
                    """,
                arguments: [id.rawValue, company.rawValue])
            guard approved.isEmpty else { throw ClipInUse(clipID: id, manuals: approved) }
            // Evidence of a 実技確認 is part of the competence record an auditor may ask to see.
            let signOffs = try Int64.fetchAll(db, sql: "SELECT id FROM sign_off WHERE evidence_clip_id = ? ORDER BY id", arguments: [id.rawValue])
            guard signOffs.isEmpty else { throw ClipInUse(clipID: id, manuals: signOffs.map { "実技確認 #\($0)" }) }
            // A finished upload's record would otherwise lose its clip and look unfinished again.
            try db.execute(sql: "DELETE FROM upload WHERE clip_id = ?", arguments: [id.rawValue])
            // 改善提案 that showed the clip keep their text (their column has no ON DELETE action).
            let proposals = try Int64.fetchAll(db, sql: "SELECT id FROM proposal WHERE clip_id = ?", arguments: [id.rawValue])
            try db.execute(sql: "UPDATE proposal SET clip_id = NULL WHERE clip_id = ?", arguments: [id.rawValue])
            try db.execute(sql: "DELETE FROM clip WHERE id = ?", arguments: [id.rawValue])
            // Stored once by content: another company's clip (or a proposal's photo) may be the same file.
            let shared = try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM clip WHERE original_hash = ? AND original_extension = ?)
                      OR EXISTS (SELECT 1 FROM proposal, json_each(proposal.photos) WHERE json_each.value = ?)
                    """,
                arguments: [clip.originalHash, clip.originalExtension, clip.originalPath]) ?? false
            try Audit.record(db, company: company, actor: actor, entity: "clip", id: id.rawValue, action: "remove",
                             before: ClipRecord(title: clip.title, original: clip.originalHash, name: clip.originalName, proposals: proposals))
            return ClipRemoval(clip: clip, originalInUse: shared)
        }
    }

    /// What the audit log keeps of a removed clip.
    struct ClipRecord: Encodable {
        var title: String
        var original: String
        var name: String
        /// Proposals that showed it.
        var proposals: [Int64]
    }

    public func mediaReferences() async throws -> MediaReferences {
        try await pool.read { db in
            var originals = Set<String>(), clips = Set<Clip.ID>()
            for row in try Row.fetchAll(db, sql: "SELECT id, original_hash, original_extension FROM clip") {
                clips.insert(Clip.ID(row["id"]))
                originals.insert(MediaPaths.original(hash: row["original_hash"], extension: row["original_extension"]))
            }
            // 改善提案 photos are stored in the same library (`densho proposal submit --photo`).
            for photos in try String.fetchAll(db, sql: "SELECT photos FROM proposal") {
                originals.formUnion(Self.decodeStrings(photos))
            }
            return MediaReferences(originals: originals, clips: clips)
        }
    }

    public func chapterLocation(_ chapter: Chapter.ID, company: Company.ID) async throws -> (clip: Clip.ID, time: Double)? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT chapter.clip_id, chapter.time FROM chapter JOIN clip ON clip.id = chapter.clip_id WHERE chapter.id = ? AND clip.company_id = ?",
                arguments: [chapter.rawValue, company.rawValue]
            ).map { (Clip.ID($0[0]), $0[1]) }
        }
    }

    /// Jobs by state, for `/metrics`.
    public func jobCounts() async throws -> [String: Int] {
        try await pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT state, count(*) FROM job GROUP BY state").map {
                ($0[0] as String, $0[1] as Int)
            })
        }
    }

    public func chapters(of clip: Clip.ID, company: Company.ID) async throws -> [Chapter] {
        try await pool.read { db in
            try Self.requireInCompany(db, table: "clip", id: clip.rawValue, company: company)
            return try Row.fetchAll(
                db, sql: "SELECT id, clip_id, time, title, suggested FROM chapter WHERE clip_id = ? ORDER BY time, id",
                arguments: [clip.rawValue]
            ).map { Chapter(id: .init($0[0]), clipID: .init($0[1]), time: $0[2], title: $0[3], suggested: $0[4]) }
        }
    }

    public func addChapter(_ chapter: Chapter, company: Company.ID, by actor: String) async throws -> Chapter {
        try await pool.write { db in
            try Self.requireInCompany(db, table: "clip", id: chapter.clipID.rawValue, company: company)
            try db.execute(
                sql: "INSERT INTO chapter (clip_id, time, title, suggested) VALUES (?, ?, ?, ?)",
                arguments: [chapter.clipID.rawValue, chapter.time, chapter.title, chapter.suggested])
            var saved = chapter
            saved.id = Chapter.ID(db.lastInsertedRowID)
            try Audit.record(db, company: company, actor: actor, entity: "chapter", id: saved.id.rawValue, action: "create", after: saved)
            return saved
        }
    }
}
