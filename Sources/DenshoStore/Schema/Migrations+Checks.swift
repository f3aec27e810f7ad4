import GRDB

extension Migrations {
    /// Checks that keep the 力量表 true: evaluation methods and evidence, quizzes and their
    /// attempts, checklists and practical sign-offs, per-skill rules (sign-off levels, quiz,
    /// validity). Attempts and sign-offs are history like evaluations: the database refuses to
    /// change or delete them.
    static func checks(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER evaluation_history_update;
            ALTER TABLE evaluation ADD COLUMN method TEXT NOT NULL DEFAULT 'supervisor'
              CHECK (method IN ('signoff', 'quiz', 'supervisor', 'self', 'import'));
            ALTER TABLE evaluation ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
            ALTER TABLE evaluation ADD COLUMN manual_id INTEGER REFERENCES manual(id);
            ALTER TABLE evaluation ADD COLUMN manual_revision INTEGER;
            ALTER TABLE evaluation ADD COLUMN decision_note TEXT NOT NULL DEFAULT '';
            UPDATE evaluation SET method = 'self' WHERE kind = 'self';
            -- Only a pending evaluation's decision (state, who, when, why) may be written later.
            CREATE TRIGGER evaluation_history_update BEFORE UPDATE ON evaluation
            WHEN OLD.state <> 'pending' OR NEW.level IS NOT OLD.level OR NEW.employee_id IS NOT OLD.employee_id
              OR NEW.skill_id IS NOT OLD.skill_id OR NEW.evaluated_on IS NOT OLD.evaluated_on
              OR NEW.company_id IS NOT OLD.company_id OR NEW.note IS NOT OLD.note OR NEW.kind IS NOT OLD.kind
              OR NEW.evaluator_id IS NOT OLD.evaluator_id OR NEW.method IS NOT OLD.method
              OR NEW.evidence IS NOT OLD.evidence OR NEW.manual_id IS NOT OLD.manual_id
              OR NEW.manual_revision IS NOT OLD.manual_revision OR NEW.created_at IS NOT OLD.created_at
            BEGIN
              SELECT RAISE(ABORT, 'evaluations are history: only a pending evaluation can be decided');
            END;

            CREATE TABLE quiz (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              manual_id INTEGER NOT NULL UNIQUE REFERENCES manual(id) ON DELETE CASCADE,
              questions TEXT NOT NULL,
              pass_percent INTEGER NOT NULL CHECK (pass_percent BETWEEN 1 AND 100),
              attempts_allowed INTEGER CHECK (attempts_allowed IS NULL OR attempts_allowed >= 1),
              updated_by TEXT NOT NULL,
              updated_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX quiz_company ON quiz(company_id);
            -- Each attempt keeps the questions it was scored on, so its result reads the same
            -- after the quiz is edited.
            CREATE TABLE quiz_attempt (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              quiz_id INTEGER NOT NULL REFERENCES quiz(id),
              employee_id INTEGER NOT NULL REFERENCES employee(id),
              manual_revision INTEGER NOT NULL,
              questions TEXT NOT NULL,
              answers TEXT NOT NULL,
              right_count INTEGER NOT NULL,
              total INTEGER NOT NULL,
              passed INTEGER NOT NULL,
              taken_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX quiz_attempt_person ON quiz_attempt(employee_id, quiz_id);
            CREATE TRIGGER quiz_attempt_history_update BEFORE UPDATE ON quiz_attempt
              BEGIN SELECT RAISE(ABORT, 'quiz attempts are history'); END;

            CREATE TABLE checklist (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              title TEXT NOT NULL CHECK (title <> ''),
              skill_id INTEGER NOT NULL REFERENCES skill(id),
              level INTEGER NOT NULL,
              manual_id INTEGER REFERENCES manual(id) ON DELETE SET NULL,
              items TEXT NOT NULL,
              updated_by TEXT NOT NULL,
              updated_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX checklist_company ON checklist(company_id);
            -- A sign-off keeps the steps as they were checked; only the trainee's 確認 is added later.
            CREATE TABLE sign_off (
              id INTEGER PRIMARY KEY,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              checklist_id INTEGER NOT NULL REFERENCES checklist(id),
              trainee_id INTEGER NOT NULL REFERENCES employee(id),
              evaluator_id INTEGER REFERENCES employee(id),
              evaluator_name TEXT NOT NULL,
              skill_id INTEGER NOT NULL REFERENCES skill(id),
              level INTEGER NOT NULL,
              manual_id INTEGER REFERENCES manual(id),
              manual_revision INTEGER,
              items TEXT NOT NULL,
              marks TEXT NOT NULL,
              passed INTEGER NOT NULL,
              feedback TEXT NOT NULL CHECK (feedback <> ''),
              evidence_clip_id INTEGER REFERENCES clip(id),
              signed_on TEXT NOT NULL,
              evaluation_id INTEGER REFERENCES evaluation(id),
              acknowledged_at TEXT,
              created_at TEXT NOT NULL DEFAULT \(now)
            );
            CREATE INDEX sign_off_trainee ON sign_off(trainee_id);
            CREATE INDEX sign_off_company ON sign_off(company_id, signed_on);
            CREATE TRIGGER sign_off_history_update BEFORE UPDATE ON sign_off
            WHEN OLD.acknowledged_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.company_id IS NOT OLD.company_id
              OR NEW.checklist_id IS NOT OLD.checklist_id OR NEW.trainee_id IS NOT OLD.trainee_id
              OR NEW.evaluator_id IS NOT OLD.evaluator_id OR NEW.evaluator_name IS NOT OLD.evaluator_name
              OR NEW.skill_id IS NOT OLD.skill_id OR NEW.level IS NOT OLD.level OR NEW.manual_id IS NOT OLD.manual_id
              OR NEW.manual_revision IS NOT OLD.manual_revision OR NEW.items IS NOT OLD.items
              OR NEW.marks IS NOT OLD.marks OR NEW.passed IS NOT OLD.passed OR NEW.feedback IS NOT OLD.feedback
              OR NEW.evidence_clip_id IS NOT OLD.evidence_clip_id OR NEW.signed_on IS NOT OLD.signed_on
              OR (OLD.evaluation_id IS NOT NULL AND NEW.evaluation_id IS NOT OLD.evaluation_id) OR NEW.created_at IS NOT OLD.created_at
            BEGIN
              SELECT RAISE(ABORT, 'sign-offs are history: only the evaluation it recorded and the trainee''s acknowledgement are added later');
            END;

            CREATE TABLE skill_check_rule (
              skill_id INTEGER PRIMARY KEY REFERENCES skill(id) ON DELETE CASCADE,
              company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
              sign_off_from_level INTEGER,
              quiz_required INTEGER NOT NULL DEFAULT 0,
              validity_months INTEGER CHECK (validity_months IS NULL OR validity_months BETWEEN 1 AND 240)
            );
            """)
        // History tables refuse deletion, except when the whole company goes (ON DELETE CASCADE
        // from company runs with the company row already gone).
        for table in ["quiz_attempt", "sign_off"] {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_history_delete BEFORE DELETE ON \(table)
                WHEN EXISTS (SELECT 1 FROM company WHERE id = OLD.company_id)
                BEGIN SELECT RAISE(ABORT, '\(table) rows are history and cannot be deleted'); END;
                """)
        }
        // Validity changes what the 力量表 shows (struck-through levels): the grid cache must see it.
        for event in ["INSERT", "UPDATE", "DELETE"] {
            try db.execute(sql: """
                CREATE TRIGGER skill_check_rule_revision_\(event.lowercased()) AFTER \(event) ON skill_check_rule
                BEGIN UPDATE data_revision SET value = value + 1 WHERE id = 1; END;
                """)
        }
    }
}
