import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: PublishingRepository {
    public func settings(company: Company.ID) async throws -> CompanySettings {
        try await pool.read { db in try Self.settings(db, company: company) }
    }

    static func settings(_ db: Database, company: Company.ID) throws -> CompanySettings {
        guard let row = try Row.fetchOne(
            db,
            sql: """
                SELECT recruiting_url, public_base_url, support_programs, recruiting_message
                FROM company_setting WHERE company_id = ?
                """, arguments: [company.rawValue])
        else { return CompanySettings() }
        return CompanySettings(recruitingURL: row[0], publicBaseURL: row[1], supportPrograms: decodeStrings(row[2]),
                               recruitingMessage: row[3])
    }

    public func updateSettings(_ settings: CompanySettings, company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            let before = try Self.settings(db, company: company)
            try db.execute(
                sql: """
                    INSERT INTO company_setting (company_id, recruiting_url, public_base_url, support_programs, recruiting_message)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (company_id) DO UPDATE SET recruiting_url = excluded.recruiting_url,
                        public_base_url = excluded.public_base_url, support_programs = excluded.support_programs,
                        recruiting_message = excluded.recruiting_message
                    """,
                arguments: [company.rawValue, settings.recruitingURL, settings.publicBaseURL,
                            Audit.json(settings.supportPrograms), settings.recruitingMessage])
            try Audit.record(db, company: company, actor: actor, entity: "company_setting", id: company.rawValue,
                             action: "update", before: before, after: settings)
        }
    }

    public func addStory(_ story: EmployeeStory, company: Company.ID, by actor: String) async throws -> EmployeeStory {
        try await pool.write { db in
            try Self.requireEmployees(db, [story.employeeID], company: company)
            try db.execute(
                sql: "INSERT INTO employee_story (company_id, employee_id, text, consented, written_on) VALUES (?, ?, ?, ?, ?)",
                arguments: [company.rawValue, story.employeeID.rawValue, story.text, story.consented,
                            story.writtenOn.description])
            var saved = story
            saved.id = .init(db.lastInsertedRowID)
            try Audit.record(db, company: company, actor: actor, entity: "employee_story", id: saved.id.rawValue,
                             action: "insert", after: saved)
            return saved
        }
    }

    public func setStoryConsent(_ id: EmployeeStory.ID, consented: Bool, company: Company.ID, by actor: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE employee_story SET consented = ? WHERE id = ? AND company_id = ?",
                arguments: [consented, id.rawValue, company.rawValue])
            try Self.requireOneChange(db, entity: "story", key: id.rawValue)
            try Audit.record(db, company: company, actor: actor, entity: "employee_story", id: id.rawValue,
                             action: consented ? "consent" : "withdraw")
        }
    }

    public func stories(company: Company.ID, consentedOnly: Bool) async throws -> [EmployeeStory] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, employee_id, text, consented, written_on FROM employee_story
                    WHERE company_id = ? AND (consented = 1 OR ? = 0) ORDER BY id
                    """, arguments: [company.rawValue, consentedOnly]
            ).map { row in
                EmployeeStory(id: .init(row[0]), employeeID: .init(row[1]), text: row[2], consented: row[3],
                              writtenOn: LocalDate(parsing: row[4]) ?? LocalDate(year: 2000, month: 1, day: 1)!)
            }
        }
    }
}
