-- Confero store, schema 3: substring search over participant names and user refs.
-- On SQLite an FTS5 index with the trigram tokenizer (any substring of 3 or more characters, any
-- case, found through the index instead of a scan), kept current by triggers. PostgreSQL gets
-- nothing here: CdrQuery uses ILIKE there (pg_trgm is an extension not every server has).

-- sqlite only
CREATE VIRTUAL TABLE participants_search USING fts5(name, user_ref, content='participants', content_rowid='id', tokenize='trigram');

-- sqlite only
CREATE TRIGGER participants_search_insert AFTER INSERT ON participants BEGIN INSERT INTO participants_search (rowid, name, user_ref) VALUES (new.id, new.name, new.user_ref); END;

-- sqlite only
CREATE TRIGGER participants_search_delete AFTER DELETE ON participants BEGIN INSERT INTO participants_search (participants_search, rowid, name, user_ref) VALUES ('delete', old.id, old.name, old.user_ref); END;

-- sqlite only
CREATE TRIGGER participants_search_update AFTER UPDATE OF name, user_ref ON participants BEGIN INSERT INTO participants_search (participants_search, rowid, name, user_ref) VALUES ('delete', old.id, old.name, old.user_ref); INSERT INTO participants_search (rowid, name, user_ref) VALUES (new.id, new.name, new.user_ref); END;

-- sqlite only
INSERT INTO participants_search (participants_search) VALUES ('rebuild');

-- The same version on both backends: a statement PostgreSQL runs too.
CREATE INDEX participants_by_ref ON participants (project_id, user_ref, id);
