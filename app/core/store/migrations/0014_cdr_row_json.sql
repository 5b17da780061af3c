-- Confero store, schema 14: each call record's row as received (raw_json, most of a row's bytes:
-- about 2.5 KB of 3) moves out of `participants` into a table of its own. Every filtered read that
-- looks a row up in `participants` (a walk of an index, a sort of a filter's rows) then reads a
-- few hundred bytes instead of a page of its own; only the rows of a page read their JSON.
-- Retention and project removal take it along: ON DELETE CASCADE on PostgreSQL, a trigger on
-- SQLite. A foreign key there made every insert of it a statement with its own savepoint, and each
-- savepoint makes the trigram index (FTS5) flush its pending rows to disk: a million-row ingest
-- fell from 2,900 rows/s to 350.
-- On SQLite the freed pages stay in the file until a VACUUM ("Back up now" writes a compact copy).

-- sqlite only
CREATE TABLE participant_json (
    participant_id INTEGER PRIMARY KEY,
    raw_json TEXT NOT NULL
);

-- sqlite only
CREATE TRIGGER participant_json_delete AFTER DELETE ON participants BEGIN DELETE FROM participant_json WHERE participant_id = old.id; END;

-- postgres only
CREATE TABLE participant_json (
    participant_id BIGINT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
    raw_json TEXT NOT NULL
);

INSERT INTO participant_json (participant_id, raw_json) SELECT id, raw_json FROM participants;

ALTER TABLE participants DROP COLUMN raw_json;
