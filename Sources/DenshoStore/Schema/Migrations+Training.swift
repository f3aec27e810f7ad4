import GRDB

extension Migrations {
    /// Manuals as controlled documents, and the OJT loop around them: review states, revision
    /// reasons, links to skills, courses, assignments, watch records and acknowledgements.
    static func training(_ db: Database) throws {
        try db.execute(sql: """
            -- The working copy under review: 'editing' (a draft), 'submitted' (waiting for approval),
            -- 'returned' (sent back with a comment). The live version is the latest manual_revision.
            ALTER TABLE manual ADD COLUMN review TEXT NOT NULL DEFAULT 'editing'
              CHECK (review IN ('editing', 'submitted', 'returned'));
            ALTER TABLE manual ADD COLUMN revision_reason TEXT NOT NULL DEFAULT '';
            ALTER TABLE manual ADD COLUMN major_change INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE manual_revision ADD COLUMN reason TEXT NOT NULL DEFAULT '';
            ALTER TABLE manual_revision ADD COLUMN major_change INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE manual_revision ADD COLUMN document_number TEXT NOT NULL DEFAULT '';
            -- Who submitted, returned (with why) or approved which working copy: the review history.
            CREATE TABLE manual_review (
              id INTEGER PRIMARY KEY,
              manual_id INTEGER NOT NULL REFERENCES manual(id) ON DELETE CASCADE,
              action TEXT NOT NULL CHECK (action IN ('submit', 'return', 'approve', 'withdraw')),
              actor TEXT NOT NULL,
              comment TEXT NOT NULL DEFAULT '',
              at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX manual_review_manual ON manual_review(manual_id);
            CREATE TRIGGER manual_review_append_only BEFORE UPDATE ON manual_review
              BEGIN SELECT RAISE(ABORT, 'manual reviews are append-only'); END;
            CREATE TABLE manual_skill (
              manual_id INTEGER NOT NULL REFERENCES manual(id) ON DELETE CASCADE,
              skill_id INTEGER NOT NULL REFERENCES skill(id) ON DELETE CASCADE,
              PRIMARY KEY (manual_id, skill_id)
            ) WITHOUT ROWID;
            CREATE INDEX manual_skill_skill ON manual_skill(skill_id);
            CREATE TABLE course (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              title TEXT NOT NULL CHECK (title <> ''),
              created_at TEXT NOT NULL DEFAULT \(now),
              UNIQUE (company_id, title)
            );
            CREATE TABLE course_item (
              course_id INTEGER NOT NULL REFERENCES course(id) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              manual_id INTEGER REFERENCES manual(id) ON DELETE CASCADE,
              clip_id INTEGER REFERENCES clip(id) ON DELETE CASCADE,
              CHECK ((manual_id IS NULL) <> (clip_id IS NULL)),
              PRIMARY KEY (course_id, position)
            ) WITHOUT ROWID;
            -- One row per person and item. A manual's row follows its clip: watching fills
            -- watched_share; acknowledging the required revision completes it.
            CREATE TABLE assignment (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
              manual_id INTEGER REFERENCES manual(id) ON DELETE CASCADE,
              clip_id INTEGER REFERENCES clip(id) ON DELETE CASCADE,
              course_id INTEGER REFERENCES course(id) ON DELETE SET NULL,
              position INTEGER NOT NULL DEFAULT 0,
              due_on TEXT,
              assigned_by TEXT NOT NULL,
              assigned_at TEXT NOT NULL DEFAULT \(now),
              required_revision INTEGER NOT NULL DEFAULT 0,
              watched_share REAL NOT NULL DEFAULT 0,
              started_at TEXT,
              completed_at TEXT,
              reopened_at TEXT,
              CHECK ((manual_id IS NULL) <> (clip_id IS NULL))
            );
            CREATE UNIQUE INDEX assignment_manual ON assignment(employee_id, manual_id) WHERE manual_id IS NOT NULL;
            CREATE UNIQUE INDEX assignment_clip ON assignment(employee_id, clip_id) WHERE clip_id IS NOT NULL;
            -- The training report groups a company's assignments by item without touching the rows.
            CREATE INDEX assignment_report ON assignment(company_id, manual_id, clip_id, completed_at, due_on, watched_share, employee_id);
            -- One page's playback of one clip: the ranges it played (merged), checked against the
            -- time since it began so a forged "watched it all" beacon is refused.
            CREATE TABLE watch_session (
              id TEXT NOT NULL,
              employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
              clip_id INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
              manual_id INTEGER REFERENCES manual(id) ON DELETE SET NULL,
              revision INTEGER NOT NULL DEFAULT 0,
              started_at REAL NOT NULL,
              last_at REAL NOT NULL,
              ranges TEXT NOT NULL DEFAULT '[]',
              played REAL NOT NULL DEFAULT 0,
              PRIMARY KEY (employee_id, id)
            ) WITHOUT ROWID;
            CREATE INDEX watch_session_clip ON watch_session(clip_id, employee_id);
            -- A person's merged playback of a clip since their assignments were last re-opened.
            -- started_at: the first beacon since then; all of a person's pages together may not claim
            -- more playback than time has passed since (several sessions at once gain nothing).
            CREATE TABLE watch_progress (
              employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
              clip_id INTEGER NOT NULL REFERENCES clip(id) ON DELETE CASCADE,
              ranges TEXT NOT NULL DEFAULT '[]',
              started_at REAL NOT NULL DEFAULT 0,
              updated_at TEXT NOT NULL DEFAULT \(now),
              PRIMARY KEY (employee_id, clip_id)
            ) WITHOUT ROWID;
            -- 読了確認: who acknowledged which version.
            CREATE TABLE acknowledgement (
              employee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
              manual_id INTEGER REFERENCES manual(id) ON DELETE CASCADE,
              clip_id INTEGER REFERENCES clip(id) ON DELETE CASCADE,
              revision INTEGER NOT NULL,
              at TEXT NOT NULL DEFAULT \(now),
              CHECK ((manual_id IS NULL) <> (clip_id IS NULL))
            );
            CREATE UNIQUE INDEX acknowledgement_once ON acknowledgement(employee_id, ifnull(manual_id, 0), ifnull(clip_id, 0), revision);
            """)
    }

    /// In-app notifications, each person's delivery choices, and the durable delivery queue
    /// (e-mail, webhook) that `densho serve` works through with retries.
    static func notifications(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE notification (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
              kind TEXT NOT NULL,
              params TEXT NOT NULL DEFAULT '{}',
              link TEXT NOT NULL DEFAULT '',
              -- Scans (due soon, overdue, expiring) post once per key and person.
              dedupe TEXT,
              created_at TEXT NOT NULL DEFAULT \(now),
              read_at TEXT
            );
            CREATE INDEX notification_account ON notification(account_id, read_at, id);
            CREATE UNIQUE INDEX notification_dedupe ON notification(account_id, dedupe) WHERE dedupe IS NOT NULL;
            -- Which kinds also go out by e-mail or webhook, per person; the address to mail.
            CREATE TABLE notification_preference (
              account_id INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
              email TEXT NOT NULL DEFAULT '',
              email_kinds TEXT NOT NULL DEFAULT '[]',
              webhook_kinds TEXT NOT NULL DEFAULT '[]',
              digest INTEGER NOT NULL DEFAULT 0
            );
            -- The company's mail server and webhook.
            CREATE TABLE notification_settings (
              company_id INTEGER PRIMARY KEY REFERENCES company(id) ON DELETE CASCADE,
              smtp_host TEXT NOT NULL DEFAULT '',
              smtp_port INTEGER NOT NULL DEFAULT 25,
              smtp_sender TEXT NOT NULL DEFAULT '',
              smtp_tls TEXT NOT NULL DEFAULT 'none',
              webhook_url TEXT NOT NULL DEFAULT ''
            );
            -- The durable delivery queue: one row per message and channel, leased by a sender.
            CREATE TABLE notification_delivery (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              notification_id INTEGER REFERENCES notification(id) ON DELETE SET NULL,
              channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
              recipient TEXT NOT NULL,
              subject TEXT NOT NULL,
              body TEXT NOT NULL,
              -- 'held': an e-mail waiting for the person's daily digest; 'merged': sent inside one.
              state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'held', 'merged')),
              attempts INTEGER NOT NULL DEFAULT 0,
              max_attempts INTEGER NOT NULL DEFAULT 12,
              next_attempt_at REAL NOT NULL DEFAULT 0,
              lease_until REAL,
              worker TEXT,
              last_error TEXT,
              created_at TEXT NOT NULL DEFAULT \(now),
              sent_at TEXT,
              merged_into INTEGER REFERENCES notification_delivery(id) ON DELETE SET NULL
            );
            CREATE INDEX notification_delivery_due ON notification_delivery(state, next_attempt_at);
            CREATE INDEX notification_delivery_company ON notification_delivery(company_id, id);
            -- The last day a daily task ran (the digest), so a restart does not run it twice.
            CREATE TABLE notification_run (
              task TEXT PRIMARY KEY,
              day TEXT NOT NULL
            ) WITHOUT ROWID;
            """)
    }
}
