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

-- The planner's statistics lost these four indexes with them: Store takes them again after the
-- migration, on a store with rows (CdrIngest::refreshStatistics). An ANALYZE here, on a new and
-- empty store, recorded the trigram index's own tables as two rows each, and SQLite then read
-- them whole for every lookup FTS5 made as they grew (a million-row ingest at 450 rows/s).
