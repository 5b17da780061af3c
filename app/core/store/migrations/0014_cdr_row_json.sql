-- Confero store, schema 14: each call record's row as received (raw_json, most of a row's bytes:
-- about 2.5 KB of 3) moves out of `participants` into a table of its own. Every filtered read that
-- looks a row up in `participants` (a walk of an index, a sort of a filter's rows) then reads a
-- few hundred bytes instead of a page of its own; only the rows of a page read their JSON.
-- Same on SQLite and PostgreSQL (ON DELETE CASCADE: retention and project removal take it along).
-- On SQLite the freed pages stay in the file until a VACUUM ("Back up now" writes a compact copy).

-- sqlite only
CREATE TABLE participant_json (
    participant_id INTEGER PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
    raw_json TEXT NOT NULL
);

-- postgres only
CREATE TABLE participant_json (
    participant_id BIGINT PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
    raw_json TEXT NOT NULL
);

INSERT INTO participant_json (participant_id, raw_json) SELECT id, raw_json FROM participants;

ALTER TABLE participants DROP COLUMN raw_json;
