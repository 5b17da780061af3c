-- Confero store, schema 11: the recordings storage policy (issue 5). Same on SQLite and PostgreSQL.
-- auto_kinds: the kinds the archive reconciler queues by itself, comma-separated kind names
-- ("transcoded" by default; '' = none). quota_mb: the library's size limit in MB (0 = none).
-- keep_days: local copies are deleted this many days after they completed (0 = kept for ever).
-- archive_through: the last UTC day (ms since the epoch of its midnight) the reconciler read whole.
ALTER TABLE recording_settings ADD COLUMN auto_kinds TEXT NOT NULL DEFAULT 'transcoded';
ALTER TABLE recording_settings ADD COLUMN quota_mb BIGINT NOT NULL DEFAULT 0;
ALTER TABLE recording_settings ADD COLUMN keep_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recording_settings ADD COLUMN archive_through BIGINT NOT NULL DEFAULT 0;
-- completed_at: when the file became whole (ms, 0 = not yet), what keep_days counts from.
-- session_at: the archive entry's trans_date (ms, 0 = not given), what the disk-usage view's months are.
-- A local copy the policy deleted keeps its row in state 'removed', so the reconciler never fetches it again.
ALTER TABLE recordings ADD COLUMN completed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE recordings ADD COLUMN session_at BIGINT NOT NULL DEFAULT 0;
