import GRDB

extension Migrations {
    /// Mentors, pairings with their history, meetings and improvement proposals (issue 6).
    static func mentoring(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE mentor (
                employee_id INTEGER PRIMARY KEY REFERENCES employee(id) ON DELETE CASCADE,
                company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
                capacity INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 20),
                active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                note TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE mentor_preference (
                mentee_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
                mentor_id INTEGER NOT NULL REFERENCES employee(id) ON DELETE CASCADE,
                company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
                PRIMARY KEY (mentee_id, mentor_id)
            );
            CREATE TABLE pairing (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
                mentor_id INTEGER NOT NULL REFERENCES employee(id),
                mentee_id INTEGER NOT NULL REFERENCES employee(id),
                status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'ended', 'declined')),
                score INTEGER NOT NULL DEFAULT 0,
                reasons TEXT NOT NULL DEFAULT '[]',
                proposed_on TEXT NOT NULL,
                started_on TEXT,
                ended_on TEXT,
                end_reason TEXT,
                CHECK (mentor_id <> mentee_id)
            );
            CREATE UNIQUE INDEX pairing_one_active_per_mentee ON pairing(mentee_id) WHERE status = 'active';
            CREATE INDEX pairing_company ON pairing(company_id, status);
            CREATE TABLE meeting (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('mentor', 'lunch')),
                held_on TEXT NOT NULL,
                pairing_id INTEGER REFERENCES pairing(id),
                title TEXT NOT NULL DEFAULT '',
                topics TEXT NOT NULL DEFAULT '',
                next_actions TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX meeting_company ON meeting(company_id, kind, held_on);
            CREATE TABLE meeting_attendee (
                meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
                employee_id INTEGER NOT NULL REFERENCES employee(id),
                PRIMARY KEY (meeting_id, employee_id)
            );
            CREATE TABLE proposal (
                id INTEGER PRIMARY KEY,
                company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,
                submitted_by INTEGER NOT NULL REFERENCES employee(id),
                team TEXT NOT NULL DEFAULT '',
                title TEXT NOT NULL CHECK (length(trim(title)) > 0),
                body TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN ('submitted', 'reviewing', 'adopted', 'implemented', 'rejected')),
                effect TEXT NOT NULL DEFAULT '',
                clip_id INTEGER REFERENCES clip(id),
                photos TEXT NOT NULL DEFAULT '[]',
                submitted_on TEXT NOT NULL,
                decided_on TEXT
            );
            CREATE INDEX proposal_company ON proposal(company_id, status);
            """)
    }
}
