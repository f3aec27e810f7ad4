import GRDB

extension Migrations {
    /// One counter that every change to what a 力量表 shows moves forward, so the web app can keep
    /// a rendered grid until the data under it changes (a 200 × 300 department is 60,000 cells).
    static func revision(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE data_revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
            INSERT INTO data_revision (id, value) VALUES (1, 0);
            """)
        let tables = ["evaluation", "employee", "skill", "skill_category", "department", "skill_target", "level_definition"]
        for table in tables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_revision_\(event.lowercased()) AFTER \(event) ON \(table)
                    BEGIN UPDATE data_revision SET value = value + 1 WHERE id = 1; END;
                    """)
            }
        }
    }
}
