-- Confero store, schema 12: a relay run inside the console for a project (issue 6), for a machine the
-- platform reaches directly. Same on SQLite and PostgreSQL. listen: ADDR:PORT the webhooks arrive on;
-- tls_cert / tls_key: PEM files, required unless listen is a loopback address; webhook_user: the
-- Basic auth user the platform sends (its password is in the keychain, never here). A project has
-- this or a relay_links row (a relay elsewhere), not both.
CREATE TABLE embedded_relays (
    project_id BIGINT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    listen TEXT NOT NULL,
    tls_cert TEXT NOT NULL DEFAULT '',
    tls_key TEXT NOT NULL DEFAULT '',
    webhook_user TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);
