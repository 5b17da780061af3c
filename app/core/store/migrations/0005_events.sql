-- Confero store, schema 5: webhooks received through a relay (the events log of the console).
-- One row per relay delivery; a redelivery (same relay id) is a no-op, so the console can ack after
-- its commit and take the same frames again after a reconnect without doubling anything.
CREATE TABLE events (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    relay_id TEXT NOT NULL,
    relay_seq BIGINT NOT NULL,
    type TEXT NOT NULL DEFAULT '',
    received_at BIGINT NOT NULL,
    body TEXT NOT NULL,
    stored_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX events_by_relay_id ON events (project_id, relay_id);
CREATE INDEX events_by_received ON events (project_id, received_at, id);

-- Where a project's stream resumes: the highest relay seq committed here, per relay.
CREATE TABLE relay_cursors (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    relay_url TEXT NOT NULL,
    acked_seq BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, relay_url)
);
