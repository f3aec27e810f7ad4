import DenshoDomain
import GRDB

extension SQLiteStore: SkillRepository {
    public func addCategory(name: String, company: Company.ID, by actor: String) async throws -> SkillCategory {
        try await pool.write { db in try Self.insertCategory(db, name: name, company: company, actor: actor) }
    }

    static func insertCategory(_ db: Database, name: String, company: Company.ID, actor: String) throws -> SkillCategory {
        let order = try Int.fetchOne(
            db, sql: "SELECT COALESCE(MAX(sort_order), 0) + 1 FROM skill_category WHERE company_id = ?",
            arguments: [company.rawValue]) ?? 1
        try translate(entity: "category", key: name) {
            try db.execute(
                sql: "INSERT INTO skill_category (company_id, name, sort_order) VALUES (?, ?, ?)",
                arguments: [company.rawValue, name, order])
        }
        let category = SkillCategory(id: SkillCategory.ID(db.lastInsertedRowID), companyID: company, name: name, sortOrder: order)
        try Audit.record(db, company: company, actor: actor, entity: "category", id: category.id.rawValue,
                         action: "create", after: category)
        return category
    }

    public func categories(company: Company.ID) async throws -> [SkillCategory] {
        try await pool.read { db in try Self.categories(db, company: company) }
    }

    static func categories(_ db: Database, company: Company.ID) throws -> [SkillCategory] {
        try Row.fetchAll(
            db, sql: "SELECT \(SkillCategory.columns) FROM skill_category WHERE company_id = ? ORDER BY sort_order, id",
            arguments: [company.rawValue]
        ).map(SkillCategory.init(row:))
    }

    public func addSkill(_ skill: Skill, by actor: String) async throws -> Skill {
        try await pool.write { db in try Self.insertSkill(db, skill, actor: actor) }
    }

    static func insertSkill(_ db: Database, _ skill: Skill, actor: String) throws -> Skill {
        try checkCategory(db, skill)
        let order = skill.sortOrder != 0 ? skill.sortOrder : try Int.fetchOne(
            db, sql: "SELECT COALESCE(MAX(sort_order), 0) + 1 FROM skill WHERE company_id = ?",
            arguments: [skill.companyID.rawValue]) ?? 1
        try translate(entity: "skill", key: skill.code) {
            try db.execute(
                sql: """
                    INSERT INTO skill (company_id, category_id, code, name, description, sort_order, retired)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [skill.companyID.rawValue, skill.categoryID.rawValue, skill.code, skill.name,
                            skill.description, order, skill.retired])
        }
        var saved = skill
        saved.id = Skill.ID(db.lastInsertedRowID)
        saved.sortOrder = order
        try writeLevelDescriptions(db, saved)
        try Audit.record(db, company: skill.companyID, actor: actor, entity: "skill", id: saved.id.rawValue,
                         action: "create", after: saved)
        return saved
    }

    static func checkCategory(_ db: Database, _ skill: Skill) throws {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM skill_category WHERE id = ? AND company_id = ?",
                             arguments: [skill.categoryID.rawValue, skill.companyID.rawValue]) == nil {
            throw StoreError.notFound(entity: "category", key: skill.categoryID.description)
        }
    }

    static func writeLevelDescriptions(_ db: Database, _ skill: Skill) throws {
        try db.execute(sql: "DELETE FROM skill_level_description WHERE skill_id = ?", arguments: [skill.id.rawValue])
        for (level, text) in skill.levelDescriptions.sorted(by: { $0.key < $1.key }) where !text.isEmpty {
            try db.execute(
                sql: "INSERT INTO skill_level_description (skill_id, level, description) VALUES (?, ?, ?)",
                arguments: [skill.id.rawValue, level, text])
        }
    }

    public func updateSkill(_ skill: Skill, by actor: String) async throws {
        try await pool.write { db in
            let before = try Self.skills(db, company: skill.companyID, includeRetired: true).first { $0.id == skill.id }
            guard let before else { throw StoreError.notFound(entity: "skill", key: skill.code) }
            try Self.checkCategory(db, skill)
            try Self.translate(entity: "skill", key: skill.code) {
                try db.execute(
                    sql: """
                        UPDATE skill SET category_id = ?, code = ?, name = ?, description = ?, sort_order = ?, retired = ?
                        WHERE id = ? AND company_id = ?
                        """,
                    arguments: [skill.categoryID.rawValue, skill.code, skill.name, skill.description, skill.sortOrder,
                                skill.retired, skill.id.rawValue, skill.companyID.rawValue])
            }
            try Self.writeLevelDescriptions(db, skill)
            try Audit.record(db, company: skill.companyID, actor: actor, entity: "skill", id: skill.id.rawValue,
                             action: skill.retired && !before.retired ? "retire" : "update", before: before, after: skill)
        }
    }

    public func skills(company: Company.ID, includeRetired: Bool) async throws -> [Skill] {
        try await pool.read { db in try Self.skills(db, company: company, includeRetired: includeRetired) }
    }

    /// Skills in map order: category order, then the skill's own order.
    static func skills(_ db: Database, company: Company.ID, includeRetired: Bool) throws -> [Skill] {
        var descriptions: [Int64: [Int: String]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT d.skill_id, d.level, d.description FROM skill_level_description d
                JOIN skill s ON s.id = d.skill_id WHERE s.company_id = ?
                """, arguments: [company.rawValue])
        while let row = try rows.next() { descriptions[row[0], default: [:]][row[1]] = row[2] }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT \(Skill.columns)
                FROM skill s JOIN skill_category c ON c.id = s.category_id
                WHERE s.company_id = ? \(includeRetired ? "" : "AND s.retired = 0")
                ORDER BY c.sort_order, s.sort_order, s.id
                """, arguments: [company.rawValue]
        ).map { Skill(row: $0, levelDescriptions: descriptions[$0[0]] ?? [:]) }
    }

    public func skill(_ id: Skill.ID, company: Company.ID) async throws -> Skill? {
        try await pool.read { db in
            var descriptions: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT level, description FROM skill_level_description WHERE skill_id = ?",
                                        arguments: [id.rawValue]) {
                descriptions[row[0]] = row[1]
            }
            return try Row.fetchOne(
                db, sql: "SELECT \(Skill.columns) FROM skill s WHERE s.id = ? AND s.company_id = ?", arguments: [id.rawValue, company.rawValue]
            ).map { Skill(row: $0, levelDescriptions: descriptions) }
        }
    }

    public func skill(code: String, company: Company.ID) async throws -> Skill? {
        try await pool.read { db in
            try Self.skills(db, company: company, includeRetired: true).first { $0.code.lowercased() == code.lowercased() }
        }
    }
}
