-- Confero store, schema 2: our own copy of the call detail records (video-api.md section 5).
-- Same on SQLite and PostgreSQL. Times are UTC Unix ms. Columns a view sorts or filters on are
-- NOT NULL with a default, so keyset paging compares plain values (no NULL ordering rules to match
-- between the two databases).

-- One row per CDR row: one user's connection (join -> leave) in one session.
-- cdr_key is what the row is known by: 'id:' + cdr_id when the platform gave one, else
-- 'nk:' + app_id|conf_num|call_num|call_log_id, else 'h:' + sha256 of the canonical row.
-- natural_key and row_sha256 are kept beside it so the same row seen once without and once with
-- cdr_id is found again (CdrIngest).
CREATE TABLE participants (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    cdr_key TEXT NOT NULL,
    cdr_id TEXT NOT NULL DEFAULT '',
    natural_key TEXT NOT NULL DEFAULT '',
    row_sha256 TEXT NOT NULL DEFAULT '',
    app_id TEXT NOT NULL DEFAULT '',
    conf_num TEXT NOT NULL DEFAULT '',
    call_num TEXT NOT NULL DEFAULT '',
    call_log_id TEXT NOT NULL DEFAULT '',
    room_id TEXT NOT NULL DEFAULT '',
    room_name TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    user_ref TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    agent TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT '',
    connect_ms BIGINT NOT NULL DEFAULT 0,
    disconnect_ms BIGINT NOT NULL DEFAULT 0,
    duration_s DOUBLE PRECISION NOT NULL DEFAULT 0,
    published_minutes DOUBLE PRECISION NOT NULL DEFAULT 0,
    subscribed_minutes DOUBLE PRECISION NOT NULL DEFAULT 0,
    connect_minutes DOUBLE PRECISION NOT NULL DEFAULT 0,
    recorded INTEGER NOT NULL DEFAULT 0,
    trans_date_ms BIGINT NOT NULL DEFAULT 0,
    problems TEXT NOT NULL DEFAULT '',
    raw_json TEXT NOT NULL,
    synced_at BIGINT NOT NULL
);

CREATE UNIQUE INDEX participants_by_key ON participants (project_id, cdr_key);
CREATE INDEX participants_by_natural_key ON participants (project_id, natural_key);
CREATE INDEX participants_by_row_sha256 ON participants (project_id, row_sha256);
CREATE INDEX participants_by_conf ON participants (project_id, conf_num);
CREATE INDEX participants_by_connect ON participants (project_id, connect_ms, id);
CREATE INDEX participants_by_room ON participants (project_id, room_id, connect_ms, id);
CREATE INDEX participants_by_duration ON participants (project_id, duration_s, id);
CREATE INDEX participants_by_name ON participants (project_id, name, id);
CREATE INDEX participants_by_role ON participants (project_id, role, connect_ms, id);

-- One row per session (project, conf_num), derived from its participant rows after every ingest.
CREATE TABLE sessions (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    conf_num TEXT NOT NULL,
    room_id TEXT NOT NULL DEFAULT '',
    room_name TEXT NOT NULL DEFAULT '',
    start_ms BIGINT NOT NULL DEFAULT 0,
    end_ms BIGINT NOT NULL DEFAULT 0,
    duration_s DOUBLE PRECISION NOT NULL DEFAULT 0,
    participant_count INTEGER NOT NULL DEFAULT 0,
    row_count INTEGER NOT NULL DEFAULT 0,
    peak_concurrency INTEGER NOT NULL DEFAULT 0,
    recorded INTEGER NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

CREATE UNIQUE INDEX sessions_by_conf ON sessions (project_id, conf_num);
CREATE INDEX sessions_by_start ON sessions (project_id, start_ms, id);
CREATE INDEX sessions_by_room ON sessions (project_id, room_id, start_ms, id);
CREATE INDEX sessions_by_duration ON sessions (project_id, duration_s, id);

-- How far a sync got, per project and kind ('cdr:period', 'cdr:room:<id>', ...): the period asked
-- for, the last day whose window was stored, so an interrupted sync resumes there.
CREATE TABLE sync_state (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    range_from TEXT NOT NULL,
    range_to TEXT NOT NULL,
    done_through TEXT NOT NULL DEFAULT '',
    windows_done INTEGER NOT NULL DEFAULT 0,
    windows_total INTEGER NOT NULL DEFAULT 0,
    rows_seen BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, kind)
);
