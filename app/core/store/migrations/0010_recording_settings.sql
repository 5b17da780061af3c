-- Confero store, schema 10: the Recordings page's choices per project (issue 5). Same on SQLite and
-- PostgreSQL. parallel: downloads at once (1..8). library: the folder files go to ('' = the default,
-- <data dir>/recordings). The recording-file user and password are in the keychain, never here.
CREATE TABLE recording_settings (
    project_id BIGINT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    parallel INTEGER NOT NULL DEFAULT 2,
    library TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
