#include "CdrRetention.h"

#include "CdrChanges.h"
#include "Logging.h"
#include "Store.h"
#include "StoreError.h"
#include "StoreWorker.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

struct Batch
{
    qint64 sessions = 0;
    qint64 participants = 0;
    bool last = false; // nothing of this kind is left to delete
};

StoreError batchError(const QSqlQuery &query)
{
    return StoreError{CdrRetention::tr("Could not delete old call records from the store."), query.lastError().text()};
}

// One batch of whole sessions, in its own transaction.
StoreResult<Batch> deleteSessions(QSqlDatabase &db, qint64 projectId, qint64 cutoffMs, int limit)
{
    if (!db.transaction())
        return StoreError{CdrRetention::tr("Could not delete old call records from the store."), db.lastError().text()};
    Batch batch;
    QStringList confNums;
    {
        QSqlQuery select(db);
        select.prepare(u"SELECT conf_num FROM sessions WHERE project_id = ? AND end_ms < ? ORDER BY end_ms LIMIT ?"_s);
        select.addBindValue(projectId);
        select.addBindValue(cutoffMs);
        select.addBindValue(limit);
        if (!select.exec()) {
            db.rollback();
            return batchError(select);
        }
        while (select.next())
            confNums.append(select.value(0).toString());
    }
    // Counted before deleting: SQLite's change count is not reliable for a table with FTS triggers.
    QSqlQuery count(db);
    count.prepare(u"SELECT COUNT(*) FROM participants WHERE project_id = ? AND conf_num = ?"_s);
    QSqlQuery rows(db);
    rows.prepare(u"DELETE FROM participants WHERE project_id = ? AND conf_num = ?"_s);
    QSqlQuery session(db);
    session.prepare(u"DELETE FROM sessions WHERE project_id = ? AND conf_num = ?"_s);
    for (const QString &confNum : std::as_const(confNums)) {
        for (QSqlQuery *query : {&count, &rows, &session}) {
            query->addBindValue(projectId);
            query->addBindValue(confNum);
            if (!query->exec()) {
                const StoreError error = batchError(*query);
                db.rollback();
                return error;
            }
        }
        if (count.next())
            batch.participants += count.value(0).toLongLong();
        count.finish();
        ++batch.sessions;
    }
    if (!db.commit()) {
        const QString detail = db.lastError().text();
        db.rollback();
        return StoreError{CdrRetention::tr("Could not delete old call records from the store."), detail};
    }
    batch.last = confNums.size() < limit;
    return batch;
}

// Participant rows whose session row is missing (none is made for them only if an ingest failed half
// way): by their own times, in batches too.
StoreResult<Batch> deleteLooseRows(QSqlDatabase &db, qint64 projectId, qint64 cutoffMs, int limit)
{
    const int rowLimit = limit * 50;
    if (!db.transaction())
        return StoreError{CdrRetention::tr("Could not delete old call records from the store."), db.lastError().text()};
    QList<qint64> ids;
    {
        QSqlQuery select(db);
        select.prepare(u"SELECT p.id FROM participants p WHERE p.project_id = ? AND p.connect_ms < ? "
                       "AND p.disconnect_ms < ? AND NOT EXISTS (SELECT 1 FROM sessions s WHERE "
                       "s.project_id = p.project_id AND s.conf_num = p.conf_num) LIMIT ?"_s);
        select.addBindValue(projectId);
        select.addBindValue(cutoffMs);
        select.addBindValue(cutoffMs);
        select.addBindValue(rowLimit);
        if (!select.exec()) {
            db.rollback();
            return batchError(select);
        }
        while (select.next())
            ids.append(select.value(0).toLongLong());
    }
    QSqlQuery remove(db);
    remove.prepare(u"DELETE FROM participants WHERE id = ?"_s);
    for (const qint64 id : std::as_const(ids)) {
        remove.addBindValue(id);
        if (!remove.exec()) {
            const StoreError error = batchError(remove);
            db.rollback();
            return error;
        }
    }
    if (!db.commit()) {
        const QString detail = db.lastError().text();
        db.rollback();
        return StoreError{CdrRetention::tr("Could not delete old call records from the store."), detail};
    }
    Batch batch;
    batch.participants = ids.size();
    batch.last = ids.size() < rowLimit;
    return batch;
}

} // namespace

CdrRetention::CdrRetention(const Store *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_worker(new StoreWorker(store, this))
{
}

CdrRetention::~CdrRetention() = default;

QDateTime CdrRetention::cutoff(int months, const QDateTime &now)
{
    if (months <= 0)
        return {};
    return now.toUTC().addMonths(-months);
}

void CdrRetention::setBatchSize(int sessions)
{
    m_batchSize = std::max(1, sessions);
}

bool CdrRetention::isRunning() const
{
    return m_running;
}

bool CdrRetention::start(qint64 projectId, int months, const QDateTime &now)
{
    if (m_running)
        return false;
    m_running = true;
    ++m_generation;
    m_projectId = projectId;
    m_sessionsDone = false;
    m_summary = {};
    m_summary.cutoff = cutoff(months, now);
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation != m_generation || !m_running)
                return;
            if (!m_summary.cutoff.isValid()) {
                m_running = false;
                Q_EMIT finished(m_summary);
                return;
            }
            runBatch();
        },
        Qt::QueuedConnection);
    return true;
}

void CdrRetention::cancel()
{
    m_running = false;
    ++m_generation;
}

void CdrRetention::runBatch()
{
    const qint64 projectId = m_projectId;
    const qint64 cutoffMs = m_summary.cutoff.toMSecsSinceEpoch();
    const int limit = m_batchSize;
    const bool sessionsDone = m_sessionsDone;
    const quint64 generation = m_generation;
    StoreWorker *worker = m_worker;
    m_worker->run<StoreResult<Batch>>(
        [worker, projectId, cutoffMs, limit, sessionsDone](QSqlDatabase &db) -> StoreResult<Batch> {
            if (!db.isOpen())
                return worker->openError();
            return sessionsDone ? deleteLooseRows(db, projectId, cutoffMs, limit)
                                : deleteSessions(db, projectId, cutoffMs, limit);
        },
        [this, generation](const StoreResult<Batch> &batch) {
            if (generation != m_generation || !m_running)
                return;
            if (!batch) {
                qCWarning(lcStore).noquote() << "retention:" << batch.error().message << batch.error().detail;
                m_running = false;
                Q_EMIT failed(batch.error().message);
                return;
            }
            m_summary.sessionsDeleted += batch.value().sessions;
            m_summary.participantsDeleted += batch.value().participants;
            Q_EMIT progress(m_summary.sessionsDeleted, m_summary.participantsDeleted);
            if (generation != m_generation || !m_running)
                return; // cancelled by a receiver of progress
            if (batch.value().last) {
                if (m_sessionsDone) {
                    m_running = false;
                    qCInfo(lcStore) << "retention: deleted" << m_summary.sessionsDeleted << "sessions and"
                                    << m_summary.participantsDeleted << "participant rows before"
                                    << m_summary.cutoff.toString(Qt::ISODate);
                    if (m_summary.sessionsDeleted + m_summary.participantsDeleted > 0)
                        m_store->cdrChanges()->announce(m_projectId);
                    Q_EMIT finished(m_summary);
                    return;
                }
                m_sessionsDone = true;
            }
            runBatch();
        });
}

} // namespace confero
