import GRDB

extension Migrations {
    /// Backup and verify runs, for the admin page, `/metrics` and the stale-backup alert.
    /// Times are seconds since 1970 (REAL).
    static func backups(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE backup_run (
              id INTEGER PRIMARY KEY,
              kind TEXT NOT NULL DEFAULT 'backup' CHECK (kind IN ('backup', 'verify')),
              started_at REAL NOT NULL,
              finished_at REAL,
              ok INTEGER NOT NULL DEFAULT 0,
              stamp TEXT,
              files INTEGER NOT NULL DEFAULT 0,
              bytes_copied INTEGER NOT NULL DEFAULT 0,
              problems INTEGER NOT NULL DEFAULT 0,
              message TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX backup_run_recent ON backup_run(started_at);
            """)
    }
}
