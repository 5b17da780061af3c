-- confero-relay, schema 1: the event log, the projects webhooks arrive for, and the subscribers
-- (consoles) that stream them. Times are Unix ms.

-- One row per accepted webhook, in commit order. seq is never reused (AUTOINCREMENT; an identity
-- on PostgreSQL), so a subscriber's cursor keeps its meaning even after old events are pruned. On
-- PostgreSQL, where several relays write, seq order is commit order because every writer takes the
-- same advisory lock before it inserts (EventLogWriter).
-- sqlite only
CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    project TEXT NOT NULL,
    type TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL
);
-- postgres only
CREATE TABLE events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    project TEXT NOT NULL,
    type TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE INDEX events_by_project ON events (project, seq);

-- Projects the relay takes webhooks for, at /hooks/enablex/<name>. With basic_auth_sha256 set, a
-- webhook must carry Basic credentials whose "user:password" hashes to it.
CREATE TABLE projects (
    name TEXT PRIMARY KEY,
    basic_auth_sha256 TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

-- Consoles allowed to stream: their bearer token only as a hash, the projects they may see
-- (comma-separated names), and the last seq they acknowledged.
CREATE TABLE subscribers (
    name TEXT PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE,
    projects TEXT NOT NULL,
    acked_seq BIGINT NOT NULL DEFAULT 0,
    revoked INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
