import DenshoDomain
import Foundation
import GRDB

extension SQLiteStore: OnboardingRepository {
    public func onboardingMapping(company: Company.ID, name: String) async throws -> OnboardingMapping? {
        try await pool.read { db in
            guard let json = try String.fetchOne(
                db, sql: "SELECT mapping FROM onboarding_mapping WHERE company_id = ? AND name = ?", arguments: [company.rawValue, name])
            else { return nil }
            return try? JSONDecoder().decode(OnboardingMapping.self, from: Data(json.utf8))
        }
    }

    public func saveOnboardingMapping(_ mapping: OnboardingMapping, company: Company.ID, name: String, by actor: String) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(mapping), as: UTF8.self)
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO onboarding_mapping (company_id, name, mapping, updated_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (company_id, name) DO UPDATE
                  SET mapping = excluded.mapping, updated_by = excluded.updated_by, updated_at = \(Migrations.now)
                """, arguments: [company.rawValue, name, json, actor])
            try Audit.record(db, company: company, actor: actor, entity: "onboarding_mapping", id: 0, action: "save",
                             after: ["name": name])
        }
    }
}
