-- Confero store, schema 1. Runs on SQLite and PostgreSQL: {{ID}} becomes the driver's
-- auto-numbered primary key (INTEGER PRIMARY KEY / BIGSERIAL PRIMARY KEY); times are Unix ms.

CREATE TABLE projects (
    id {{ID}},
    name TEXT NOT NULL UNIQUE,
    api_base_url TEXT NOT NULL,
    app_id TEXT NOT NULL,
    is_sandbox INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE app_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The last room listing fetched for each project, so views open before the network answers.
CREATE TABLE rooms (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    room_id TEXT NOT NULL,
    name TEXT NOT NULL,
    raw_json TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, room_id)
);

-- Who was given which role for which room, and when. Only a hash of the token: the token itself
-- lets anyone join until it is used.
CREATE TABLE token_log (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    room_id TEXT NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    user_ref TEXT NOT NULL,
    token_sha256 TEXT NOT NULL,
    issued_at BIGINT NOT NULL
);

CREATE INDEX token_log_by_room ON token_log (project_id, room_id, issued_at);
