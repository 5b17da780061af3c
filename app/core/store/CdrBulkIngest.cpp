#include "CdrBulkIngest.h"

#include "DeferredIndexes.h"
#include "domain/CdrRowParser.h"

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

// The reader's chunks, in order; an empty optional is the end.
class ChunkQueue
{
public:
    void push(std::optional<QList<CdrRow>> chunk)
    {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_chunks.size() < kChunksAhead || m_stopped; });
        if (m_stopped)
            return;
        m_chunks.push_back(std::move(chunk));
        m_ready.notify_one();
    }
    std::optional<QList<CdrRow>> pop()
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_chunks.empty(); });
        std::optional<QList<CdrRow>> chunk = std::move(m_chunks.front());
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
    std::deque<std::optional<QList<CdrRow>>> m_chunks;
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

// What CdrIngest looks each row up by (what is the same row), and reads a session's rows by.
const QStringList kLookupIndexes = {u"participants_by_key"_s, u"participants_by_natural_key"_s,
                                    u"participants_by_row_sha256"_s, u"participants_by_conf"_s};

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
        while (!queue.stopped()) {
            const std::optional<QByteArray> body = source();
            if (!body)
                break;
            const QJsonArray rows = QJsonDocument::fromJson(*body).object().value(u"cdr"_s).toArray();
            QList<CdrRow> chunk;
            chunk.reserve(std::min(kChunkRows, rows.size()));
            for (const auto &row : rows) {
                chunk.append(CdrRowParser::parse(row.toObject()));
                if (chunk.size() == kChunkRows) {
                    queue.push(std::move(chunk));
                    chunk = {};
                    chunk.reserve(kChunkRows);
                }
            }
            if (!chunk.isEmpty())
                queue.push(std::move(chunk));
        }
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
        } else if (StoreResult<DeferredIndexes> taken = DeferredIndexes::take(m_db, u"participants"_s, kLookupIndexes);
                   !taken) {
            error = taken.error();
        } else {
            deferred = taken.value();
        }
    }
    while (!error) {
        std::optional<QList<CdrRow>> chunk = queue.pop();
        if (!chunk)
            break;
        if (!ingest.inTransaction()) {
            if (const StoreResult<bool> begun = ingest.begin(); !begun) {
                error = begun.error();
                break;
            }
            inBatch = 0;
        }
        const StoreResult<CdrIngestStats> stored = ingest.add(*chunk);
        if (!stored) {
            error = stored.error();
            break;
        }
        add(total, stored.value());
        inBatch += chunk->size();
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
