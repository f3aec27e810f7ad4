import GRDB

extension Migrations {
    /// Training clips, their chapters and the durable job queue that processes them.
    static func clips(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE clip (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              owner_id INTEGER REFERENCES employee(id) ON DELETE SET NULL,
              title TEXT NOT NULL CHECK (title <> ''),
              description TEXT NOT NULL DEFAULT '',
              tags TEXT NOT NULL DEFAULT '',
              status TEXT NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'processing', 'ready', 'failed')),
              failure_reason TEXT,
              original_hash TEXT NOT NULL CHECK (length(original_hash) = 64),
              original_extension TEXT NOT NULL,
              original_name TEXT NOT NULL DEFAULT '',
              original_size INTEGER NOT NULL,
              probe TEXT,
              manifest TEXT,
              created_at TEXT NOT NULL DEFAULT \(now),
              UNIQUE (company_id, original_hash)
            );
            CREATE TABLE clip_skill (
              clip_id INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
              skill_id INTEGER NOT NULL REFERENCES skill(id),
              PRIMARY KEY (clip_id, skill_id)
            ) WITHOUT ROWID;
            CREATE TABLE chapter (
              id INTEGER PRIMARY KEY,
              clip_id INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
              time REAL NOT NULL CHECK (time >= 0),
              title TEXT NOT NULL,
              suggested INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX chapter_clip ON chapter(clip_id, time);
            -- Times are seconds since 1970 (REAL), set by the caller, so leases compare simply.
            CREATE TABLE job (
              id INTEGER PRIMARY KEY,
              clip_id INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
              state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
              attempts INTEGER NOT NULL DEFAULT 0,
              max_attempts INTEGER NOT NULL DEFAULT 3,
              worker TEXT,
              lease_until REAL,
              heartbeat_at REAL,
              next_attempt_at REAL NOT NULL DEFAULT 0,
              progress REAL NOT NULL DEFAULT 0,
              last_error TEXT,
              created_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX job_due ON job(state, next_attempt_at);
            CREATE INDEX job_clip ON job(clip_id);

            CREATE TRIGGER clip_search_insert AFTER INSERT ON clip BEGIN
              INSERT INTO search_index (title, body, kind, ref_id, company_id)
              VALUES (NEW.title, NEW.tags || ' ' || NEW.description, 'clip', NEW.id, NEW.company_id);
            END;
            CREATE TRIGGER clip_search_update AFTER UPDATE OF title, tags, description ON clip BEGIN
              UPDATE search_index SET title = NEW.title, body = NEW.tags || ' ' || NEW.description
              WHERE kind = 'clip' AND ref_id = NEW.id;
            END;
            CREATE TRIGGER clip_search_delete AFTER DELETE ON clip BEGIN
              DELETE FROM search_index WHERE kind = 'clip' AND ref_id = OLD.id;
            END;
            CREATE TRIGGER chapter_search_insert AFTER INSERT ON chapter BEGIN
              INSERT INTO search_index (title, body, kind, ref_id, company_id)
              SELECT NEW.title, c.title, 'chapter', NEW.id, c.company_id FROM clip c WHERE c.id = NEW.clip_id;
            END;
            CREATE TRIGGER chapter_search_update AFTER UPDATE OF title ON chapter BEGIN
              UPDATE search_index SET title = NEW.title WHERE kind = 'chapter' AND ref_id = NEW.id;
            END;
            CREATE TRIGGER chapter_search_delete AFTER DELETE ON chapter BEGIN
              DELETE FROM search_index WHERE kind = 'chapter' AND ref_id = OLD.id;
            END;
            """)
    }
}
