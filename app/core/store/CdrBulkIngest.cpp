#include "CdrBulkIngest.h"

#include "DeferredIndexes.h"
#include "domain/CdrRowParser.h"
#include "domain/CdrWindowScanner.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

// Rows handed from the reader to the writer at a time: small enough that writing starts soon
// after a window arrives, large enough that the hand-over costs nothing.
constexpr qsizetype kChunkRows = 1'000;
// Chunks read ahead of the writer at most (memory stays bounded whatever the input).
constexpr std::size_t kChunksAhead = 8;

class BulkText
{
    Q_DECLARE_TR_FUNCTIONS(confero::CdrBulkIngest)
};

// Rows read, or why reading stopped (a window that is not JSON).
struct Chunk
{
    QList<CdrRow> rows;
    QString error;
};

// The reader's chunks, in order; an empty optional is the end.
class ChunkQueue
{
public:
    void push(std::optional<Chunk> chunk)
    {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_chunks.size() < kChunksAhead || m_stopped; });
        if (m_stopped)
            return;
        m_chunks.push_back(std::move(chunk));
        m_ready.notify_one();
    }
    std::optional<Chunk> pop()
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_chunks.empty(); });
        std::optional<Chunk> chunk = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_space.notify_one();
        return chunk;
    }
    // The writer gave up: the reader stops at its next push.
    void stop()
    {
        const std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_space.notify_all();
    }
    bool stopped()
    {
        const std::lock_guard lock(m_mutex);
        return m_stopped;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::condition_variable m_space;
    std::deque<std::optional<Chunk>> m_chunks;
    bool m_stopped = false;
};

void add(CdrIngestStats &total, const CdrIngestStats &stats)
{
    total.received += stats.received;
    total.inserted += stats.inserted;
    total.updated += stats.updated;
    total.withProblems += stats.withProblems;
    for (const QString &problem : stats.problems) {
        if (total.problems.size() >= 20)
            break;
        total.problems.append(problem);
    }
}

// True when no project has a participant row yet (SQLite): the load may then build the indexes after.
bool participantsEmpty(const QSqlDatabase &db)
{
    if (db.driverName() != QLatin1String("QSQLITE"))
        return false;
    QSqlQuery query(db);
    return query.exec(u"SELECT NOT EXISTS (SELECT 1 FROM participants)"_s) && query.next() && query.value(0).toBool();
}

} // namespace

CdrBulkIngest::CdrBulkIngest(const QSqlDatabase &db, qint64 projectId, qint64 batchRows)
    : m_db(db)
    , m_projectId(projectId)
    , m_batchRows(std::max<qint64>(1, batchRows))
{
}

StoreResult<CdrIngestStats> CdrBulkIngest::run(const Source &source)
{
    ChunkQueue queue;
    std::thread reader([&queue, &source] {
        QList<CdrRow> chunk;
        auto flush = [&queue, &chunk](qsizetype atLeast) {
            if (chunk.size() < atLeast || chunk.isEmpty())
                return;
            queue.push(Chunk{std::move(chunk), {}});
            chunk = {};
            chunk.reserve(kChunkRows);
        };
        chunk.reserve(kChunkRows);
        qsizetype window = 0;
        QString failure;
        while (failure.isEmpty() && !queue.stopped()) {
            const std::optional<QByteArray> body = source();
            if (!body)
                break;
            ++window;
            QJsonParseError error;
            // Row by row as the scan finds them, so the writer starts on a window's first rows at
            // once; the whole document when the scan cannot tell (see CdrWindowScanner).
            if (const std::optional<QList<QByteArrayView>> rows = CdrWindowScanner::rows(*body)) {
                for (qsizetype i = 0; i < rows->size(); ++i) {
                    const QByteArrayView text = rows->at(i);
                    QByteArray wrapped;
                    wrapped.reserve(text.size() + 2);
                    wrapped.append('[').append(text).append(']');
                    const QJsonDocument row = QJsonDocument::fromJson(wrapped, &error);
                    if (error.error != QJsonParseError::NoError || row.array().size() != 1) {
                        failure = BulkText::tr("Row %1 of window %2 is not valid JSON (%3).")
                                      .arg(i + 1)
                                      .arg(window)
                                      .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                                   : BulkText::tr("several values"));
                        break;
                    }
                    chunk.append(CdrRowParser::parseRow(row.array().at(0), i));
                    flush(kChunkRows);
                }
            } else {
                const QJsonDocument document = QJsonDocument::fromJson(*body, &error);
                if (error.error != QJsonParseError::NoError) {
                    failure = BulkText::tr("Window %1 is not valid JSON (%2 at byte %3).")
                                  .arg(window)
                                  .arg(error.errorString())
                                  .arg(error.offset);
                } else {
                    const QJsonArray rows = document.object().value(u"cdr"_s).toArray();
                    for (qsizetype i = 0; i < rows.size(); ++i) {
                        chunk.append(CdrRowParser::parseRow(rows.at(i), i));
                        flush(kChunkRows);
                    }
                }
            }
            if (failure.isEmpty())
                flush(1); // a window's last rows go at its end, as a window at a time would store them
        }
        if (!failure.isEmpty())
            queue.push(Chunk{{}, failure});
        queue.push(std::nullopt);
    });

    CdrIngest ingest(m_db, m_projectId);
    CdrIngestStats total;
    qint64 inBatch = 0;
    std::optional<StoreError> error;
    // Into an empty store: one transaction, the browse indexes built at its end (DeferredIndexes).
    std::optional<DeferredIndexes> deferred;
    if (participantsEmpty(m_db)) {
        if (const StoreResult<bool> begun = ingest.begin(); !begun) {
            error = begun.error();
        } else if (StoreResult<DeferredIndexes> taken =
                       DeferredIndexes::take(m_db, u"participants"_s, CdrIngest::lookupIndexes());
                   !taken) {
            error = taken.error();
        } else {
            deferred = taken.value();
        }
    }
    while (!error) {
        std::optional<Chunk> chunk = queue.pop();
        if (!chunk)
            break;
        if (!chunk->error.isEmpty()) {
            error = StoreError{chunk->error, {}};
            break;
        }
        if (!ingest.inTransaction()) {
            if (const StoreResult<bool> begun = ingest.begin(); !begun) {
                error = begun.error();
                break;
            }
            inBatch = 0;
        }
        const StoreResult<CdrIngestStats> stored = ingest.add(chunk->rows);
        if (!stored) {
            error = stored.error();
            break;
        }
        add(total, stored.value());
        inBatch += chunk->rows.size();
        if (!deferred && inBatch >= m_batchRows) {
            if (const StoreResult<bool> committed = ingest.commit(); !committed) {
                error = committed.error();
                break;
            }
        }
    }
    if (!error && deferred) {
        if (const StoreResult<bool> built = deferred->rebuild(m_db); !built)
            error = built.error(); // `ingest` rolls the whole load back, the indexes with it
    }
    if (!error) {
        if (const StoreResult<bool> committed = ingest.commit(); !committed)
            error = committed.error();
        else
            CdrIngest::refreshStatistics(m_db);
    }
    if (error)
        queue.stop(); // the reader's next push returns at once, and it ends
    reader.join();
    if (error)
        return *error;
    return total;
}

} // namespace confero
