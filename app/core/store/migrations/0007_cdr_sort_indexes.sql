-- Confero store, schema 7: an index for every column a view sorts by (CdrQuery::columns(),
-- SessionQuery::columns()), so the first page of any sort, either way, walks an index instead of
-- scanning the table into a temporary B-tree (seconds at a million rows). Each ends in id, the
-- keyset's tie-break: `(col, id) > (?, ?) ORDER BY col, id` is one index range.
-- PostgreSQL orders text with COLLATE "C" (CdrQuery, SessionQuery), and only an index built with
-- that collation serves such an ORDER BY, so the text columns get their own statements there.

-- Numbers and times: the same on both backends (the id too: the table's own order is not the
-- project's).
CREATE INDEX participants_by_id ON participants (project_id, id);
CREATE INDEX sessions_by_id ON sessions (project_id, id);
CREATE INDEX participants_by_disconnect ON participants (project_id, disconnect_ms, id);
CREATE INDEX participants_by_published ON participants (project_id, published_minutes, id);
CREATE INDEX participants_by_subscribed ON participants (project_id, subscribed_minutes, id);
CREATE INDEX participants_by_connect_minutes ON participants (project_id, connect_minutes, id);
CREATE INDEX participants_by_trans_date ON participants (project_id, trans_date_ms, id);
CREATE INDEX sessions_by_participant_count ON sessions (project_id, participant_count, id);
CREATE INDEX sessions_by_row_count ON sessions (project_id, row_count, id);
CREATE INDEX sessions_by_peak ON sessions (project_id, peak_concurrency, id);
CREATE INDEX sessions_by_recorded ON sessions (project_id, recorded, id);

-- Text on SQLite (byte order is its default).
-- sqlite only
CREATE INDEX participants_by_room_sort ON participants (project_id, room_id, id);
-- sqlite only
CREATE INDEX participants_by_room_name ON participants (project_id, room_name, id);
-- sqlite only
CREATE INDEX participants_by_role_sort ON participants (project_id, role, id);
-- sqlite only
CREATE INDEX participants_by_agent ON participants (project_id, agent, id);
-- sqlite only
CREATE INDEX participants_by_ip ON participants (project_id, ip, id);
-- sqlite only
CREATE INDEX participants_by_cdr_id ON participants (project_id, cdr_id, id);
-- sqlite only
CREATE INDEX participants_by_call_num ON participants (project_id, call_num, id);
-- sqlite only
CREATE INDEX participants_by_call_log_id ON participants (project_id, call_log_id, id);
-- sqlite only
CREATE INDEX sessions_by_room_sort ON sessions (project_id, room_id, id);
-- sqlite only
CREATE INDEX sessions_by_room_name ON sessions (project_id, room_name, id);

-- Text on PostgreSQL, in the collation the queries sort by (also for the columns whose index in
-- schema 2 and 3 has the database's default collation).
-- postgres only
CREATE INDEX participants_by_room_sort ON participants (project_id, room_id COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_room_name ON participants (project_id, room_name COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_role_sort ON participants (project_id, role COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_agent ON participants (project_id, agent COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_ip ON participants (project_id, ip COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_cdr_id ON participants (project_id, cdr_id COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_call_num ON participants (project_id, call_num COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_call_log_id ON participants (project_id, call_log_id COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_conf_sort ON participants (project_id, conf_num COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_name_sort ON participants (project_id, name COLLATE "C", id);
-- postgres only
CREATE INDEX participants_by_ref_sort ON participants (project_id, user_ref COLLATE "C", id);
-- postgres only
CREATE INDEX sessions_by_room_sort ON sessions (project_id, room_id COLLATE "C", id);
-- postgres only
CREATE INDEX sessions_by_room_name ON sessions (project_id, room_name COLLATE "C", id);
-- postgres only
CREATE INDEX sessions_by_conf_sort ON sessions (project_id, conf_num COLLATE "C", id);

-- sessions_by_end (schema 4) has no id: on SQLite every index ends in the rowid (the id), so it
-- serves; PostgreSQL needs the id written.
-- postgres only
CREATE INDEX sessions_by_end_sort ON sessions (project_id, end_ms, id);
