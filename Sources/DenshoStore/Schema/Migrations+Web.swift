import GRDB

extension Migrations {
    /// What the web service needs: sessions, API tokens, the login throttle, supervisors' scope,
    /// resumable uploads and video manuals (with their approved revisions and search entries).
    static func web(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE session (
              token_hash TEXT PRIMARY KEY,
              account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
              csrf_token TEXT NOT NULL,
              created_at TEXT NOT NULL DEFAULT \(now),
              expires_at REAL NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX session_account ON session(account_id);
            CREATE TABLE login_failure (
              key TEXT PRIMARY KEY,
              count INTEGER NOT NULL,
              last_at REAL NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE api_token (
              id INTEGER PRIMARY KEY,
              account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
              name TEXT NOT NULL CHECK (name <> ''),
              token_hash TEXT NOT NULL UNIQUE,
              created_at TEXT NOT NULL DEFAULT \(now),
              last_used_at TEXT
            );
            CREATE TABLE supervised_department (
              account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
              department_id INTEGER NOT NULL REFERENCES department(id) ON DELETE CASCADE,
              PRIMARY KEY (account_id, department_id)
            ) WITHOUT ROWID;
            -- Supervisors of databases made before this migration look after their own department.
            INSERT INTO supervised_department (account_id, department_id)
              SELECT account.id, employee.department_id FROM account JOIN employee ON employee.id = account.employee_id
              WHERE account.role = 'supervisor' AND employee.department_id IS NOT NULL;
            CREATE TABLE upload (
              id TEXT PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
              length INTEGER NOT NULL CHECK (length > 0),
              offset INTEGER NOT NULL DEFAULT 0 CHECK (offset BETWEEN 0 AND length),
              file_name TEXT NOT NULL,
              title TEXT NOT NULL,
              tags TEXT NOT NULL DEFAULT '[]',
              created_at REAL NOT NULL,
              clip_id INTEGER REFERENCES clip(id) ON DELETE SET NULL
            ) WITHOUT ROWID;
            CREATE TABLE manual (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              clip_id INTEGER REFERENCES clip(id) ON DELETE SET NULL,
              title TEXT NOT NULL CHECK (title <> ''),
              document_number TEXT NOT NULL DEFAULT '',
              status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
              revision INTEGER NOT NULL DEFAULT 0,
              author TEXT NOT NULL,
              approver TEXT,
              approved_at TEXT,
              updated_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX manual_clip ON manual(clip_id);
            CREATE TABLE manual_step (
              manual_id INTEGER NOT NULL REFERENCES manual(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              main_step TEXT NOT NULL CHECK (main_step <> ''),
              key_point TEXT NOT NULL DEFAULT '',
              reason TEXT NOT NULL DEFAULT '',
              start_time REAL NOT NULL CHECK (start_time >= 0),
              end_time REAL CHECK (end_time IS NULL OR end_time > start_time),
              PRIMARY KEY (manual_id, position)
            ) WITHOUT ROWID;
            CREATE TABLE manual_revision (
              manual_id INTEGER NOT NULL REFERENCES manual(id) ON DELETE CASCADE,
              revision INTEGER NOT NULL,
              title TEXT NOT NULL,
              steps TEXT NOT NULL,
              approver TEXT NOT NULL,
              approved_at TEXT NOT NULL DEFAULT \(now),
              PRIMARY KEY (manual_id, revision)
            ) WITHOUT ROWID;
            CREATE TRIGGER manual_revision_append_only BEFORE UPDATE ON manual_revision
              BEGIN SELECT RAISE(ABORT, 'manual revisions are append-only'); END;
            -- The search index holds one entry per manual: its title, and its steps as the body.
            CREATE TRIGGER manual_search_insert AFTER INSERT ON manual BEGIN
              INSERT INTO search_index (title, body, kind, ref_id, company_id)
              VALUES (NEW.title, NEW.document_number, 'manual', NEW.id, NEW.company_id);
            END;
            CREATE TRIGGER manual_search_update AFTER UPDATE OF title, document_number ON manual BEGIN
              UPDATE search_index SET title = NEW.title WHERE kind = 'manual' AND ref_id = NEW.id;
            END;
            CREATE TRIGGER manual_search_delete AFTER DELETE ON manual BEGIN
              DELETE FROM search_index WHERE kind = 'manual' AND ref_id = OLD.id;
            END;
            """)
    }
}
