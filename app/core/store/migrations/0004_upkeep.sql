-- Confero store, schema 4: store upkeep per project. Same on SQLite and PostgreSQL.
-- retention_months: keep call records this many months (0 = forever, the default).
-- reconcile_interval_min / reconcile_window_days: how often the CDR reconciler re-syncs, and how far back.
-- last_backup_at (UTC Unix ms, 0 = never) and last_backup_path: the last "Back up now" that succeeded.
-- found_by_reconciler: call records the reconciler found that the store did not have, over all its passes;
-- last_reconcile_at / last_reconcile_found: its last pass that finished.
CREATE TABLE project_upkeep (
    project_id BIGINT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    retention_months INTEGER NOT NULL DEFAULT 0,
    reconcile_interval_min INTEGER NOT NULL DEFAULT 60,
    reconcile_window_days INTEGER NOT NULL DEFAULT 3,
    last_backup_at BIGINT NOT NULL DEFAULT 0,
    last_backup_path TEXT NOT NULL DEFAULT '',
    found_by_reconciler BIGINT NOT NULL DEFAULT 0,
    last_reconcile_at BIGINT NOT NULL DEFAULT 0,
    last_reconcile_found BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

-- Retention deletes sessions by their end and participants by their session: an index for each lookup.
CREATE INDEX sessions_by_end ON sessions (project_id, end_ms);
