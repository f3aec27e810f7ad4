import GRDB

extension Migrations {
    /// What a company prints about itself (recruiting URL, support programmes, the base URL that
    /// 作業標準書 QR codes point at) and the stories employees agreed to share.
    static func publishing(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE company_setting (
                company_id INTEGER PRIMARY KEY REFERENCES company(id) ON DELETE CASCADE,
                recruiting_url TEXT,
                public_base_url TEXT,
                support_programs TEXT NOT NULL DEFAULT '[]',
                recruiting_message TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE employee_story (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
                employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
                text TEXT NOT NULL CHECK (length(trim(text)) > 0),
                consented INTEGER NOT NULL DEFAULT 0 CHECK (consented IN (0, 1)),
                written_on TEXT NOT NULL
            );
            CREATE INDEX employee_story_company ON employee_story(company_id, consented);
            """)
    }
}
