import DenshoDomain
import GRDB

extension SQLiteStore: CareerPathRepository {
    public func addTrack(name: String, description: String, company: Company.ID, by actor: String) async throws -> CareerTrack {
        try await pool.write { db in
            try Self.insertTrack(db, name: name, description: description, company: company, actor: actor)
        }
    }

    static func insertTrack(_ db: Database, name: String, description: String, company: Company.ID, actor: String) throws
        -> CareerTrack
    {
        try translate(entity: "track", key: name) {
            try db.execute(
                sql: "INSERT INTO career_track (company_id, name, description) VALUES (?, ?, ?)",
                arguments: [company.rawValue, name, description])
        }
        let track = CareerTrack(id: CareerTrack.ID(db.lastInsertedRowID), companyID: company, name: name, description: description)
        try Audit.record(db, company: company, actor: actor, entity: "track", id: track.id.rawValue, action: "create", after: track)
        return track
    }

    public func addGrade(_ grade: Grade, company: Company.ID, by actor: String) async throws -> Grade {
        try await pool.write { db in try Self.insertGrade(db, grade, company: company, actor: actor) }
    }

    static func insertGrade(_ db: Database, _ grade: Grade, company: Company.ID, actor: String) throws -> Grade {
        try requireInCompany(db, table: "career_track", id: grade.trackID.rawValue, company: company)
        let rank = grade.rank > 0 ? grade.rank : (try Int.fetchOne(
            db, sql: "SELECT COALESCE(MAX(rank), 0) + 1 FROM grade WHERE track_id = ?", arguments: [grade.trackID.rawValue]) ?? 1)
        try translate(entity: "grade", key: grade.code) {
            try db.execute(
                sql: """
                    INSERT INTO grade (company_id, track_id, rank, code, name, typical_years, description)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [company.rawValue, grade.trackID.rawValue, rank, grade.code, grade.name, grade.typicalYears,
                            grade.description])
        }
        var saved = grade
        saved.id = Grade.ID(db.lastInsertedRowID)
        saved.rank = rank
        try writeRequirements(db, grade: saved.id, skills: grade.requiredSkills,
                              qualifications: grade.requiredQualifications, company: company)
        try Audit.record(db, company: company, actor: actor, entity: "grade", id: saved.id.rawValue, action: "create", after: saved)
        return saved
    }

    public func setRequirements(
        grade: Grade.ID, skills: [SkillRequirement], qualifications: [Qualification.ID], company: Company.ID, by actor: String
    ) async throws {
        try await pool.write { db in
            try Self.requireInCompany(db, table: "grade", id: grade.rawValue, company: company)
            let before = try Self.tracks(db, company: company).flatMap(\.grades).first { $0.id == grade }
            try Self.writeRequirements(db, grade: grade, skills: skills, qualifications: qualifications, company: company)
            let after = try Self.tracks(db, company: company).flatMap(\.grades).first { $0.id == grade }
            try Audit.record(db, company: company, actor: actor, entity: "grade", id: grade.rawValue,
                             action: "requirements", before: before, after: after)
        }
    }

    static func writeRequirements(
        _ db: Database, grade: Grade.ID, skills: [SkillRequirement], qualifications: [Qualification.ID], company: Company.ID
    ) throws {
        let scale = try levelScale(db, company: company)
        try db.execute(sql: "DELETE FROM grade_skill WHERE grade_id = ?", arguments: [grade.rawValue])
        try db.execute(sql: "DELETE FROM grade_qualification WHERE grade_id = ?", arguments: [grade.rawValue])
        for requirement in skills {
            guard scale.contains(requirement.level) else {
                throw StoreError.invalid("required level \(requirement.level) is not on the company's scale")
            }
            try requireInCompany(db, table: "skill", id: requirement.skillID.rawValue, company: company)
            try db.execute(
                sql: "INSERT INTO grade_skill (grade_id, skill_id, level) VALUES (?, ?, ?)",
                arguments: [grade.rawValue, requirement.skillID.rawValue, requirement.level])
        }
        for qualification in qualifications {
            try requireInCompany(db, table: "qualification", id: qualification.rawValue, company: company)
            try db.execute(
                sql: "INSERT OR IGNORE INTO grade_qualification (grade_id, qualification_id) VALUES (?, ?)",
                arguments: [grade.rawValue, qualification.rawValue])
        }
    }

    public func tracks(company: Company.ID) async throws -> [CareerTrack] {
        try await pool.read { db in try Self.tracks(db, company: company) }
    }

    static func tracks(_ db: Database, company: Company.ID) throws -> [CareerTrack] {
        var skillRequirements: [Int64: [SkillRequirement]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT gs.grade_id, gs.skill_id, gs.level FROM grade_skill gs JOIN grade g ON g.id = gs.grade_id
                JOIN skill s ON s.id = gs.skill_id WHERE g.company_id = ? ORDER BY s.sort_order, s.id
                """, arguments: [company.rawValue])
        {
            skillRequirements[row[0], default: []].append(SkillRequirement(skillID: Skill.ID(row[1]), level: row[2]))
        }
        var qualificationRequirements: [Int64: [Qualification.ID]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT gq.grade_id, gq.qualification_id FROM grade_qualification gq JOIN grade g ON g.id = gq.grade_id
                WHERE g.company_id = ? ORDER BY gq.qualification_id
                """, arguments: [company.rawValue])
        {
            qualificationRequirements[row[0], default: []].append(Qualification.ID(row[1]))
        }
        let grades = try Row.fetchAll(
            db, sql: "SELECT id, track_id, rank, code, name, typical_years, description FROM grade WHERE company_id = ?",
            arguments: [company.rawValue]
        ).map { row in
            Grade(
                id: Grade.ID(row[0]), trackID: CareerTrack.ID(row[1]), rank: row[2], code: row[3], name: row[4],
                typicalYears: row[5], description: row[6], requiredSkills: skillRequirements[row[0]] ?? [],
                requiredQualifications: qualificationRequirements[row[0]] ?? [])
        }
        return try Row.fetchAll(
            db, sql: "SELECT id, name, description FROM career_track WHERE company_id = ? ORDER BY id",
            arguments: [company.rawValue]
        ).map { row in
            let id = CareerTrack.ID(row[0])
            return CareerTrack(
                id: id, companyID: company, name: row[1], description: row[2], grades: grades.filter { $0.trackID == id })
        }
    }
}
