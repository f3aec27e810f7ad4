import GRDB

extension Migrations {
    /// Browsers a person has logged in with before (a long-lived random cookie, stored as its
    /// digest). A known browser has a login throttle of its own, so someone guessing a person's
    /// password from elsewhere cannot lock that person out of their usual browser.
    static func loginDevices(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE login_device (
              token_hash TEXT PRIMARY KEY,
              account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
              created_at TEXT NOT NULL DEFAULT \(now),
              last_used_at TEXT NOT NULL DEFAULT \(now)
            ) WITHOUT ROWID;
            CREATE INDEX login_device_account ON login_device(account_id);
            """)
    }
}
