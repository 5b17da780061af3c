-- Confero store, schema 13: the indexes a CDR filter starts from (dates, room, role, duration)
-- carry every other column a filter can name, after the (column, id) that orders them. A count or
-- a page of "viewers of 10 min or more" then reads the role index alone: with the duration only in
-- the table, each of 240,000 viewers cost a table row of about 3 KB (2.9 s counted at a million
-- rows, against 30 ms from the index). The leading columns are unchanged, so every ORDER BY the
-- old index served it still serves. Same on SQLite and PostgreSQL.

DROP INDEX participants_by_connect;
CREATE INDEX participants_by_connect ON participants (project_id, connect_ms, id, room_id, role, duration_s);

DROP INDEX participants_by_room;
CREATE INDEX participants_by_room ON participants (project_id, room_id, connect_ms, id, role, duration_s);

DROP INDEX participants_by_role;
CREATE INDEX participants_by_role ON participants (project_id, role, connect_ms, id, room_id, duration_s);

DROP INDEX participants_by_duration;
CREATE INDEX participants_by_duration ON participants (project_id, duration_s, id, connect_ms, room_id, role);

-- The planner's statistics (CdrIngest::refreshStatistics) lost the four indexes with them: without
-- a row for an index SQLite takes it to be selective and sorted a million rows for "every row, by
-- name" (4 s) instead of walking the name index. Taken again, whole (5 s at a million rows).
-- sqlite only
PRAGMA analysis_limit=0;
-- sqlite only
ANALYZE;
