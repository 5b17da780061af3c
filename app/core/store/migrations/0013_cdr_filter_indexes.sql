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

-- On SQLite the indexes a page walks in another order (CdrQuery's Plan::SortIndex) carry the join
-- time, the duration and the role after the id: "one week, by name" then tells each row in the
-- name index in or out without reading it from the table (at 2 % of the rows, 4,500 table rows of
-- about 3 KB read for one page: 70 ms, now 9). The room, 24 bytes, stays out, and the
-- (project, id) index stays as small as it can be: it counts every row and finds a search's
-- matches. PostgreSQL plans pages its own way.
-- sqlite only
DROP INDEX participants_by_conf;
-- sqlite only
CREATE INDEX participants_by_conf ON participants (project_id, conf_num, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_name;
-- sqlite only
CREATE INDEX participants_by_name ON participants (project_id, name, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_ref;
-- sqlite only
CREATE INDEX participants_by_ref ON participants (project_id, user_ref, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_disconnect;
-- sqlite only
CREATE INDEX participants_by_disconnect ON participants (project_id, disconnect_ms, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_published;
-- sqlite only
CREATE INDEX participants_by_published ON participants (project_id, published_minutes, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_subscribed;
-- sqlite only
CREATE INDEX participants_by_subscribed ON participants (project_id, subscribed_minutes, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_connect_minutes;
-- sqlite only
CREATE INDEX participants_by_connect_minutes ON participants (project_id, connect_minutes, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_trans_date;
-- sqlite only
CREATE INDEX participants_by_trans_date ON participants (project_id, trans_date_ms, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_room_sort;
-- sqlite only
CREATE INDEX participants_by_room_sort ON participants (project_id, room_id, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_room_name;
-- sqlite only
CREATE INDEX participants_by_room_name ON participants (project_id, room_name, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_role_sort;
-- sqlite only
CREATE INDEX participants_by_role_sort ON participants (project_id, role, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_agent;
-- sqlite only
CREATE INDEX participants_by_agent ON participants (project_id, agent, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_ip;
-- sqlite only
CREATE INDEX participants_by_ip ON participants (project_id, ip, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_cdr_id;
-- sqlite only
CREATE INDEX participants_by_cdr_id ON participants (project_id, cdr_id, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_call_num;
-- sqlite only
CREATE INDEX participants_by_call_num ON participants (project_id, call_num, id, connect_ms, duration_s, role);
-- sqlite only
DROP INDEX participants_by_call_log_id;
-- sqlite only
CREATE INDEX participants_by_call_log_id ON participants (project_id, call_log_id, id, connect_ms, duration_s, role);

-- The planner's statistics (CdrIngest::refreshStatistics) lost the four indexes with them: without
-- a row for an index SQLite takes it to be selective and sorted a million rows for "every row, by
-- name" (4 s) instead of walking the name index. Taken again, whole (5 s at a million rows).
-- sqlite only
PRAGMA analysis_limit=0;
-- sqlite only
ANALYZE;
