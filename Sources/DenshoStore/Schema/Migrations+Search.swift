import GRDB

extension Migrations {
    /// Search that finds what people type: the index is written by Swift (`SearchIndexer`), which folds width, case,
    /// kana and 異体字 and adds readings from MeCab, so SQL triggers only note what changed in `search_dirty`.
    ///
    /// The old trigram index needed three characters, and most Japanese shop words are two (溶接, 旋盤): entries now
    /// hold folded text as character bigrams (`旋盤加工` → `旋盤 盤加 加工 工`) for FTS5's plain tokenizer, so a
    /// phrase of bigrams finds any substring of two or more characters through the index, and a prefix finds one.
    /// An entry's rowid holds its company, row and kind (see `SearchIndexer.Kind.rowid`): one entry is replaced by
    /// its rowid, and a company's entries are a rowid range, which FTS5 keeps to while it matches.
    static func search(_ db: Database) throws {
        for trigger in [
            "employee_search_insert", "employee_search_update", "skill_search_insert", "skill_search_update",
            "clip_search_insert", "clip_search_update", "clip_search_delete", "chapter_search_insert", "chapter_search_update",
            "chapter_search_delete", "manual_search_insert", "manual_search_update", "manual_search_delete",
        ] {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
        }
        try db.execute(sql: """
            DROP TABLE search_index;
            CREATE VIRTUAL TABLE search_entry USING fts5(
              title_terms, title_reading, body_terms, body_reading, tokenize = 'unicode61 remove_diacritics 0'
            );
            -- What a hit shows and who may see it, beside the index, read for the few entries kept (an UNINDEXED
            -- column of the FTS table would read its whole record for every match).
            CREATE TABLE search_doc (
              id INTEGER PRIMARY KEY,  -- the entry's rowid
              title TEXT NOT NULL,
              body TEXT NOT NULL,
              title_sound TEXT NOT NULL,
              glossary TEXT NOT NULL,
              clip_id INTEGER,
              at REAL,
              department_id INTEGER
            );
            -- A row's entry whatever company its rowid names (68719476735 = 2^36 - 1: the row and kind bits).
            CREATE INDEX search_doc_row ON search_doc(id & 68719476735);
            CREATE TABLE search_dirty (
              kind TEXT NOT NULL,
              ref_id INTEGER NOT NULL,
              PRIMARY KEY (kind, ref_id)
            ) WITHOUT ROWID;
            """)
        let watched: [(table: String, kind: String, columns: String)] = [
            ("employee", "employee", "name, kana, number, position, department_id"),
            ("skill", "skill", "name, code, description, category_id"),
            ("clip", "clip", "title, tags, description"),
            ("chapter", "chapter", "title, time, clip_id"),
            ("manual", "manual", "title, document_number"),
        ]
        for (table, kind, columns) in watched {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_search_insert AFTER INSERT ON \(table) BEGIN
                  INSERT OR IGNORE INTO search_dirty VALUES ('\(kind)', NEW.id);
                END;
                CREATE TRIGGER \(table)_search_update AFTER UPDATE OF \(columns) ON \(table) BEGIN
                  INSERT OR IGNORE INTO search_dirty VALUES ('\(kind)', NEW.id);
                END;
                CREATE TRIGGER \(table)_search_delete AFTER DELETE ON \(table) BEGIN
                  INSERT OR IGNORE INTO search_dirty VALUES ('\(kind)', OLD.id);
                END;
                INSERT OR IGNORE INTO search_dirty SELECT '\(kind)', id FROM \(table);
                """)
        }
        try db.execute(sql: """
            CREATE TRIGGER manual_step_search_insert AFTER INSERT ON manual_step BEGIN
              INSERT OR IGNORE INTO search_dirty VALUES ('manual', NEW.manual_id);
            END;
            CREATE TRIGGER manual_step_search_update AFTER UPDATE ON manual_step BEGIN
              INSERT OR IGNORE INTO search_dirty VALUES ('manual', NEW.manual_id);
            END;
            CREATE TRIGGER manual_step_search_delete AFTER DELETE ON manual_step BEGIN
              INSERT OR IGNORE INTO search_dirty VALUES ('manual', OLD.manual_id);
            END;
            CREATE TRIGGER skill_category_search_update AFTER UPDATE OF name ON skill_category BEGIN
              INSERT OR IGNORE INTO search_dirty SELECT 'skill', id FROM skill WHERE category_id = NEW.id;
            END;
            CREATE TRIGGER clip_title_search_update AFTER UPDATE OF title ON clip BEGIN
              INSERT OR IGNORE INTO search_dirty SELECT 'chapter', id FROM chapter WHERE clip_id = NEW.id;
            END;
            """)
    }

    /// Manuals are indexed as their link shows them (the latest approved revision, not a pending draft), so an
    /// approval rewrites the entry.
    ///
    /// `search_doc` again, with each shown body's lines folded (`SearchHighlighter.lineKeys`, so a snippet finds the
    /// line it shows by comparing bytes instead of folding every line of every hit) and its small columns first: a
    /// column after the body was read through the body's overflow pages for every candidate. Every entry is rewritten.
    static func searchLive(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE search_doc;
            DELETE FROM search_entry;
            CREATE TABLE search_doc (
              id INTEGER PRIMARY KEY,  -- the entry's rowid
              title TEXT NOT NULL,
              title_sound TEXT NOT NULL,
              clip_id INTEGER,
              at REAL,
              department_id INTEGER,
              glossary TEXT NOT NULL,
              body TEXT NOT NULL,
              line_keys TEXT NOT NULL
            );
            CREATE INDEX search_doc_row ON search_doc(id & 68719476735);
            CREATE TRIGGER manual_revision_search_insert AFTER INSERT ON manual_revision BEGIN
              INSERT OR IGNORE INTO search_dirty VALUES ('manual', NEW.manual_id);
            END;
            """)
        for kind in ["employee", "skill", "clip", "chapter", "manual"] {
            try db.execute(sql: "INSERT OR IGNORE INTO search_dirty SELECT '\(kind)', id FROM \(kind)")
        }
    }
}
