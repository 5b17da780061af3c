-- Confero store, schema 9: review notes on recordings (issue 5, the player). A reviewer's note is
-- about a moment of a session's recording: the session is (project, room_id, conf_num), as the
-- recordings table names it, and the moment is position_ms from the start of the recording. Kept
-- apart from `recordings` (one row per downloaded file) so a note outlives deleting a local copy.
CREATE TABLE review_notes (
    id {{ID}},
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    room_id TEXT NOT NULL,
    conf_num TEXT NOT NULL,
    position_ms BIGINT NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX review_notes_by_session ON review_notes (project_id, room_id, conf_num, position_ms);
