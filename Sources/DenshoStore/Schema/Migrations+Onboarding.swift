import GRDB

extension Migrations {
    /// The decisions made importing a company's own 力量表 workbook (`OnboardingMapping` as JSON),
    /// by the workbook's name, so next month's file imports in one step.
    static func onboarding(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE onboarding_mapping (
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              name TEXT NOT NULL,
              mapping TEXT NOT NULL,
              updated_at TEXT NOT NULL DEFAULT \(now),
              updated_by TEXT NOT NULL DEFAULT '',
              PRIMARY KEY (company_id, name)
            );
            """)
    }
}
