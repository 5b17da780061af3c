#pragma once

#include "StoreError.h"
#include "domain/CdrRow.h"

#include <QSet>
#include <QSqlDatabase>

#include <memory>

namespace confero {

struct CdrIngestStats
{
    int received = 0; // rows given
    int inserted = 0; // new participant rows
    int updated = 0; // rows seen before, rewritten with what was sent now
    int withProblems = 0; // rows stored with at least one field that could not be read
    QStringList problems; // the first few, "conf 913 row 4: room.connect_dt: not a date"
    QSet<QString> confNums; // sessions touched (and recomputed)
};

// Writes CDR rows into `participants` and recomputes the `sessions` they touch, in one transaction
// on the connection given (a worker's, for bulk work). Idempotent: the same rows twice leave the
// same tables.
//
// Which row is "the same": a row is looked up by its key (CdrRow::key), then, when not found, by
// its natural key (app_id|conf_num|call_num|call_log_id), then by the hash of its canonical
// content without cdr_id; the last two match only a stored row whose cdr_id is empty or equal. So
// a row first seen without cdr_id and later with it (or the reverse) stays one row, and keeps the
// cdr_id once known. Two rows with the same natural key but different cdr_ids are two rows: the
// platform's own id wins over our guess.
//
// ingest() stores one window in one transaction. For bulk work, begin() / add() (any number of
// windows) / commit() store many in one: the statements are prepared once per CdrIngest and the
// touched sessions are recomputed once, at commit. A failed add() or commit() rolls back the whole
// batch; destroying a CdrIngest with a batch open rolls it back.
class CdrIngest
{
public:
    CdrIngest(const QSqlDatabase &db, qint64 projectId);
    ~CdrIngest();
    CdrIngest(const CdrIngest &) = delete;
    CdrIngest &operator=(const CdrIngest &) = delete;

    StoreResult<CdrIngestStats> ingest(const QList<CdrRow> &rows);

    // Brings the query planner's statistics up to date once the call records have grown or shrunk
    // by a tenth since they were last taken, or at once with `force` (SQLite's ANALYZE, whole: 5 s
    // at a million rows, so not after every sync): without them SQLite picks indexes blind, e.g.
    // walks the join-time index for one conference. Never on a store without call records: what it
    // would record (every table nearly empty) misleads the planner as they grow. A sampled ANALYZE
    // (analysis_limit) reads the first rows of each index and took one project's million rows for
    // 1,001, which is worse than none. Failure only costs speed, so it is logged, not returned.
    // PostgreSQL keeps its own (autovacuum).
    static void refreshStatistics(const QSqlDatabase &db, bool force = false);
    // The participants indexes add() finds "the same row" by and commit() reads a session's rows
    // by: a bulk load that takes the others off (DeferredIndexes) keeps these.
    static QStringList lookupIndexes();

    StoreResult<bool> begin();
    StoreResult<CdrIngestStats> add(const QList<CdrRow> &rows);
    StoreResult<bool> commit();
    bool inTransaction() const;

    // Recomputes the sessions of these conference numbers from their participant rows (start, end,
    // duration, participants, peak concurrency by a sweep over joins and leaves, recorded).
    StoreResult<bool> recomputeSessions(const QSet<QString> &confNums);

private:
    struct Statements;
    void rollback();

    QSqlDatabase m_db;
    qint64 m_projectId;
    std::unique_ptr<Statements> m_statements;
    bool m_open = false;
    QSet<QString> m_pendingSessions; // touched by the open batch, recomputed at commit
};

} // namespace confero
