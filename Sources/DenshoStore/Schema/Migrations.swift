import GRDB

/// The schema's history. A shipped migration never changes: new needs get a new migration.
/// Migrations use raw SQL so they stay valid whatever the Swift types become.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation", migrate: foundation)
        migrator.registerMigration("v2-clips", migrate: clips)
        migrator.registerMigration("v3-web", migrate: web)
        migrator.registerMigration("v4-revision", migrate: revision)
        migrator.registerMigration("v5-publishing", migrate: publishing)
        migrator.registerMigration("v6-mentoring", migrate: mentoring)
        migrator.registerMigration("v7-login-devices", migrate: loginDevices)
        migrator.registerMigration("v8-training", migrate: training)
        migrator.registerMigration("v9-notifications", migrate: notifications)
        migrator.registerMigration("v10-checks", migrate: checks)
        migrator.registerMigration("v11-backups", migrate: backups)
        migrator.registerMigration("v12-onboarding", migrate: onboarding)
        migrator.registerMigration("v13-search", migrate: search)
        migrator.registerMigration("v14-search-live", migrate: searchLive)
        return migrator
    }

    static let now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"

    /// Makes `NEW` (an approved evaluation) the current level unless a later one already is:
    /// later by date, then by entry order. Shared by the insert and the approval triggers.
    static let currentLevelUpsert = """
        INSERT INTO current_level (employee_id, skill_id, level, evaluation_id, evaluated_on)
        VALUES (NEW.employee_id, NEW.skill_id, NEW.level, NEW.id, NEW.evaluated_on)
        ON CONFLICT (employee_id, skill_id) DO UPDATE
          SET level = excluded.level, evaluation_id = excluded.evaluation_id, evaluated_on = excluded.evaluated_on
          WHERE (excluded.evaluated_on, excluded.evaluation_id) > (current_level.evaluated_on, current_level.evaluation_id);
        """

    /// Companies, people, the skill catalogue, evaluation history, qualifications, career paths,
    /// the audit log and the search index.
    static func foundation(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE company (
              id INTEGER PRIMARY KEY,
              code TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (code <> ''),
              name TEXT NOT NULL CHECK (name <> ''),
              retirement_age INTEGER NOT NULL DEFAULT 65 CHECK (retirement_age BETWEEN 50 AND 80),
              multi_skill_threshold INTEGER NOT NULL DEFAULT 3 CHECK (multi_skill_threshold >= 1),
              created_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE TABLE level_definition (
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 9),
              label TEXT NOT NULL,
              symbol TEXT NOT NULL,
              PRIMARY KEY (company_id, level)
            ) WITHOUT ROWID;
            CREATE TABLE department (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              name TEXT NOT NULL CHECK (name <> ''),
              UNIQUE (company_id, name)
            );
            CREATE TABLE career_track (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              name TEXT NOT NULL CHECK (name <> ''),
              description TEXT NOT NULL DEFAULT '',
              UNIQUE (company_id, name)
            );
            CREATE TABLE grade (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              track_id INTEGER NOT NULL REFERENCES career_track(id) ON DELETE CASCADE,
              rank INTEGER NOT NULL CHECK (rank >= 1),
              code TEXT NOT NULL CHECK (code <> ''),
              name TEXT NOT NULL,
              typical_years INTEGER NOT NULL CHECK (typical_years >= 0),
              description TEXT NOT NULL DEFAULT '',
              UNIQUE (track_id, rank),
              UNIQUE (company_id, code)
            );
            CREATE TABLE employee (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              number TEXT NOT NULL CHECK (number <> ''),
              name TEXT NOT NULL CHECK (name <> ''),
              kana TEXT NOT NULL DEFAULT '',
              hire_date TEXT NOT NULL,
              birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
              department_id INTEGER REFERENCES department(id) ON DELETE SET NULL,
              position TEXT NOT NULL DEFAULT '',
              grade_id INTEGER REFERENCES grade(id) ON DELETE SET NULL,
              leave_date TEXT,
              leave_reason TEXT,
              UNIQUE (company_id, number),
              CHECK (leave_date IS NULL OR leave_date >= hire_date)
            );
            CREATE INDEX employee_department ON employee(department_id);
            CREATE TABLE account (
              id INTEGER PRIMARY KEY,
              company_id INTEGER REFERENCES company(id) ON DELETE CASCADE,
              login TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (login <> ''),
              display_name TEXT NOT NULL,
              role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor', 'hr', 'admin', 'association')),
              employee_id INTEGER REFERENCES employee(id) ON DELETE SET NULL,
              password_hash TEXT NOT NULL,
              disabled INTEGER NOT NULL DEFAULT 0,
              created_at TEXT NOT NULL DEFAULT \(now),
              CHECK ((role = 'association') = (company_id IS NULL))
            );
            CREATE TABLE skill_category (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              name TEXT NOT NULL CHECK (name <> ''),
              sort_order INTEGER NOT NULL DEFAULT 0,
              UNIQUE (company_id, name)
            );
            CREATE TABLE skill (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              category_id INTEGER NOT NULL REFERENCES skill_category(id),
              code TEXT NOT NULL CHECK (code <> ''),
              name TEXT NOT NULL CHECK (name <> ''),
              description TEXT NOT NULL DEFAULT '',
              sort_order INTEGER NOT NULL DEFAULT 0,
              retired INTEGER NOT NULL DEFAULT 0,
              UNIQUE (company_id, code)
            );
            CREATE TABLE skill_level_description (
              skill_id INTEGER NOT NULL REFERENCES skill(id) ON DELETE CASCADE,
              level INTEGER NOT NULL,
              description TEXT NOT NULL,
              PRIMARY KEY (skill_id, level)
            ) WITHOUT ROWID;

            -- Evaluation history: rows are added and pending ones decided, never changed otherwise.
            CREATE TABLE evaluation (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              employee_id INTEGER NOT NULL REFERENCES employee(id),
              skill_id INTEGER NOT NULL REFERENCES skill(id),
              level INTEGER NOT NULL,
              evaluator_id INTEGER REFERENCES employee(id),
              evaluated_on TEXT NOT NULL,
              note TEXT NOT NULL DEFAULT '',
              kind TEXT NOT NULL CHECK (kind IN ('self', 'supervisor')),
              state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
              decided_by INTEGER REFERENCES employee(id),
              decided_at TEXT,
              created_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX evaluation_employee_skill ON evaluation(employee_id, skill_id, evaluated_on);
            CREATE INDEX evaluation_pending ON evaluation(company_id) WHERE state = 'pending';
            CREATE TRIGGER evaluation_history_update BEFORE UPDATE ON evaluation
            WHEN OLD.state <> 'pending' OR NEW.level IS NOT OLD.level OR NEW.employee_id IS NOT OLD.employee_id
              OR NEW.skill_id IS NOT OLD.skill_id OR NEW.evaluated_on IS NOT OLD.evaluated_on
              OR NEW.company_id IS NOT OLD.company_id
            BEGIN
              SELECT RAISE(ABORT, 'evaluations are history: only a pending evaluation can be decided');
            END;
            CREATE TRIGGER evaluation_history_delete BEFORE DELETE ON evaluation
            BEGIN
              SELECT RAISE(ABORT, 'evaluations are history and cannot be deleted');
            END;

            -- The current level, derived from the history by triggers: the latest approved evaluation
            -- (by date, then entry order). It makes the 力量表 one indexed join instead of a scan.
            CREATE TABLE current_level (
              employee_id INTEGER NOT NULL,
              skill_id INTEGER NOT NULL,
              level INTEGER NOT NULL,
              evaluation_id INTEGER NOT NULL,
              evaluated_on TEXT NOT NULL,
              PRIMARY KEY (employee_id, skill_id)
            ) WITHOUT ROWID;
            CREATE TRIGGER evaluation_current_insert AFTER INSERT ON evaluation WHEN NEW.state = 'approved'
            BEGIN
              \(currentLevelUpsert)
            END;
            CREATE TRIGGER evaluation_current_approve AFTER UPDATE OF state ON evaluation
            WHEN NEW.state = 'approved' AND OLD.state = 'pending'
            BEGIN
              \(currentLevelUpsert)
            END;

            CREATE TABLE skill_target (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              employee_id INTEGER NOT NULL REFERENCES employee(id),
              skill_id INTEGER NOT NULL REFERENCES skill(id),
              level INTEGER NOT NULL,
              due_on TEXT NOT NULL,
              note TEXT NOT NULL DEFAULT '',
              created_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX skill_target_employee ON skill_target(employee_id);
            CREATE TABLE grade_skill (
              grade_id INTEGER NOT NULL REFERENCES grade(id) ON DELETE CASCADE,
              skill_id INTEGER NOT NULL REFERENCES skill(id),
              level INTEGER NOT NULL,
              PRIMARY KEY (grade_id, skill_id)
            ) WITHOUT ROWID;
            CREATE TABLE qualification (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              name TEXT NOT NULL CHECK (name <> ''),
              issuer TEXT NOT NULL DEFAULT '',
              validity_years INTEGER CHECK (validity_years IS NULL OR validity_years > 0),
              UNIQUE (company_id, name)
            );
            CREATE TABLE grade_qualification (
              grade_id INTEGER NOT NULL REFERENCES grade(id) ON DELETE CASCADE,
              qualification_id INTEGER NOT NULL REFERENCES qualification(id),
              PRIMARY KEY (grade_id, qualification_id)
            ) WITHOUT ROWID;
            CREATE TABLE held_qualification (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              employee_id INTEGER NOT NULL REFERENCES employee(id),
              qualification_id INTEGER NOT NULL REFERENCES qualification(id),
              acquired_on TEXT NOT NULL,
              expires_on TEXT,
              certificate_number TEXT NOT NULL DEFAULT '',
              CHECK (expires_on IS NULL OR expires_on >= acquired_on)
            );
            CREATE INDEX held_qualification_employee ON held_qualification(employee_id);
            CREATE INDEX held_qualification_expiry ON held_qualification(company_id, expires_on);

            CREATE TABLE audit_log (
              id INTEGER PRIMARY KEY,
              company_id INTEGER REFERENCES company(id) ON DELETE CASCADE,
              at TEXT NOT NULL DEFAULT \(now),
              actor TEXT NOT NULL,
              entity TEXT NOT NULL,
              entity_id INTEGER NOT NULL,
              action TEXT NOT NULL,
              before TEXT,
              after TEXT
            );
            CREATE INDEX audit_log_company ON audit_log(company_id, id);

            -- Full-text search over names; trigram suits Japanese, which has no spaces between words.
            CREATE VIRTUAL TABLE search_index USING fts5(
              title, body, kind UNINDEXED, ref_id UNINDEXED, company_id UNINDEXED, tokenize = 'trigram'
            );
            CREATE TRIGGER employee_search_insert AFTER INSERT ON employee BEGIN
              INSERT INTO search_index (title, body, kind, ref_id, company_id)
              VALUES (NEW.name, NEW.kana || ' ' || NEW.number || ' ' || NEW.position, 'employee', NEW.id, NEW.company_id);
            END;
            CREATE TRIGGER employee_search_update AFTER UPDATE OF name, kana, number, position ON employee BEGIN
              UPDATE search_index SET title = NEW.name, body = NEW.kana || ' ' || NEW.number || ' ' || NEW.position
              WHERE kind = 'employee' AND ref_id = NEW.id;
            END;
            CREATE TRIGGER skill_search_insert AFTER INSERT ON skill BEGIN
              INSERT INTO search_index (title, body, kind, ref_id, company_id)
              VALUES (NEW.name, NEW.code || ' ' || NEW.description, 'skill', NEW.id, NEW.company_id);
            END;
            CREATE TRIGGER skill_search_update AFTER UPDATE OF name, code, description ON skill BEGIN
              UPDATE search_index SET title = NEW.name, body = NEW.code || ' ' || NEW.description
              WHERE kind = 'skill' AND ref_id = NEW.id;
            END;
            """)
    }
}
