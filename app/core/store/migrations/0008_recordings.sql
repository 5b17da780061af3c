-- Confero store, schema 8: recordings (issue 5). One row per archive file the user downloads: where
-- it comes from (url: the last link the archive gave, which expires), where it goes (local_path,
-- under <library>/<room_id>/<conf_num>/), and how far it got, so a restart continues from the .part.
-- state: queued, running, paused, done, failed, cancelled. bytes_total -1: not known yet.
-- error_kind: DownloadError::kindName ('' when none); error: the sentence shown to the user.
CREATE TABLE recordings (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    room_id TEXT NOT NULL,
    conf_num TEXT NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    url TEXT NOT NULL,
    local_path TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    bytes_done BIGINT NOT NULL DEFAULT 0,
    bytes_total BIGINT NOT NULL DEFAULT -1,
    error_kind TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (project_id, room_id, conf_num, kind, file_name)
);
CREATE INDEX recordings_by_state ON recordings (project_id, state);
