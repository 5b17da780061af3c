#pragma once

#include "CdrIngest.h"

#include <QByteArray>

#include <functional>
#include <optional>

namespace confero {

// Stores many windows of the platform's CDR answers in bulk (a year's history, a busy day): the
// JSON is read into rows on a thread of its own while the calling thread writes them through
// CdrIngest, in transactions of about `batchRows` rows (statements prepared once, sessions
// recomputed once per batch). Reading is a fraction of writing, so the two together take about as
// long as the writing alone. The rows and what is the same row are exactly CdrIngest's.
// Into an empty SQLite store (a first import of a whole history) it is one transaction instead,
// with the indexes only browsing needs built at its end (DeferredIndexes).
class CdrBulkIngest
{
public:
    // The next window's body (the platform's envelope with its "cdr" array), or nothing at the end.
    // Called on the reading thread, one call at a time.
    using Source = std::function<std::optional<QByteArray>()>;

    static constexpr qint64 kDefaultBatchRows = 20'000;

    CdrBulkIngest(const QSqlDatabase &db, qint64 projectId, qint64 batchRows = kDefaultBatchRows);

    // Reads and stores every window; the totals (confNums left empty), or why it stopped: a batch
    // that failed is rolled back, the batches before it stay stored (into an empty store, nothing
    // is stored).
    StoreResult<CdrIngestStats> run(const Source &source);

private:
    QSqlDatabase m_db;
    qint64 m_projectId;
    qint64 m_batchRows;
};

} // namespace confero
