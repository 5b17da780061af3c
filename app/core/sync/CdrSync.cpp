#include "CdrSync.h"

#include "Logging.h"
#include "domain/CdrRowParser.h"
#include "platform/VideoPlatform.h"
#include "store/CdrChanges.h"
#include "store/Store.h"
#include "store/StoreWorker.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

struct SavedState
{
    QDate rangeFrom;
    QDate rangeTo;
    QDate doneThrough;
    int windowsDone = 0;
    int windowsTotal = 0;
};

std::optional<SavedState> readState(const QSqlDatabase &db, qint64 projectId, const QString &kind)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT range_from, range_to, done_through, windows_done, windows_total FROM sync_state "
                  "WHERE project_id = ? AND kind = ?"_s);
    query.addBindValue(projectId);
    query.addBindValue(kind);
    if (!query.exec() || !query.next())
        return std::nullopt;
    SavedState state;
    state.rangeFrom = QDate::fromString(query.value(0).toString(), Qt::ISODate);
    state.rangeTo = QDate::fromString(query.value(1).toString(), Qt::ISODate);
    state.doneThrough = QDate::fromString(query.value(2).toString(), Qt::ISODate);
    state.windowsDone = query.value(3).toInt();
    state.windowsTotal = query.value(4).toInt();
    return state;
}

// A day as sync_state keeps it: ISO, or '' (not NULL) for none.
QString dayText(const QDate &day)
{
    return day.isValid() ? day.toString(Qt::ISODate) : QStringLiteral("");
}

StoreResult<bool> writeState(const QSqlDatabase &db, qint64 projectId, const QString &kind, const SavedState &state,
                             qint64 rows)
{
    QSqlQuery query(db);
    query.prepare(u"UPDATE sync_state SET range_from = ?, range_to = ?, done_through = ?, windows_done = ?, "
                  "windows_total = ?, rows_seen = rows_seen + ?, updated_at = ? WHERE project_id = ? AND kind = ?"_s);
    const QVariantList values{dayText(state.rangeFrom),
                              dayText(state.rangeTo),
                              dayText(state.doneThrough),
                              state.windowsDone,
                              state.windowsTotal,
                              rows,
                              QDateTime::currentMSecsSinceEpoch()};
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.addBindValue(projectId);
    query.addBindValue(kind);
    if (!query.exec())
        return StoreError{CdrSync::tr("Could not record how far the call records were synced."),
                          query.lastError().text()};
    if (query.numRowsAffected() > 0)
        return true;
    query.prepare(u"INSERT INTO sync_state (range_from, range_to, done_through, windows_done, windows_total, "
                  "rows_seen, updated_at, project_id, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.addBindValue(projectId);
    query.addBindValue(kind);
    if (!query.exec())
        return StoreError{CdrSync::tr("Could not record how far the call records were synced."),
                          query.lastError().text()};
    return true;
}

} // namespace

CdrSync::CdrSync(VideoPlatform *platform, Store *store, qint64 projectId, QObject *parent)
    : QObject(parent)
    , m_platform(platform)
    , m_store(store)
    , m_projectId(projectId)
    , m_worker(new StoreWorker(store, this))
{
}

CdrSync::~CdrSync()
{
    delete m_call;
}

QString CdrSync::stateKind(const Request &request)
{
    const QString origin = request.byReconciler ? u"reconciler:"_s : QString();
    if (!request.confNum.isEmpty())
        return origin + u"cdr:conf:"_s + request.confNum;
    if (!request.roomId.isEmpty())
        return origin + u"cdr:room:"_s + request.roomId;
    return origin + u"cdr:period"_s;
}

bool CdrSync::isRunning() const
{
    return m_running;
}

void CdrSync::start(const Request &request)
{
    if (m_running) {
        qCWarning(lcStore) << "a CDR sync is already running; the new one is refused";
        return;
    }
    ++m_generation;
    m_running = true;
    m_request = request;
    m_summary = {};
    m_windows.clear();
    m_next = 0;
    m_fetched = 0;
    m_storing = false;
    m_ready.reset();

    const bool whole = !request.confNum.isEmpty() || (!request.roomId.isEmpty() && !request.from.isValid());
    if (whole) {
        m_windows.append(Window{});
    } else {
        if (!request.from.isValid() || !request.to.isValid() || request.to < request.from) {
            const quint64 generation = m_generation;
            QMetaObject::invokeMethod(
                this,
                [this, generation] {
                    if (generation == m_generation)
                        fail(tr("Give a period whose first day is not after its last."));
                },
                Qt::QueuedConnection);
            return;
        }
        if (request.from == request.to) {
            m_windows.append({request.from, request.to});
        } else {
            for (QDate day = request.from; day < request.to; day = day.addDays(1))
                m_windows.append({day, day.addDays(1)});
        }
        // An interrupted sync of the same period picks up at its last stored day.
        const std::optional<SavedState> saved = readState(m_store->database(), m_projectId, stateKind(request));
        if (saved && saved->rangeFrom == request.from && saved->rangeTo == request.to && saved->doneThrough.isValid()
            && saved->windowsDone < saved->windowsTotal) {
            while (m_next < m_windows.size() && m_windows.at(m_next).to <= saved->doneThrough)
                ++m_next;
            m_summary.resumed = m_next > 0;
            m_fetched = m_next;
        }
    }
    m_windowsTotal = static_cast<int>(m_windows.size());
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_generation)
                fetchNext();
        },
        Qt::QueuedConnection);
}

void CdrSync::cancel()
{
    if (!m_running)
        return;
    delete m_call; // the platform request dies with its context
    fail(tr("The sync of call records was cancelled."));
}

void CdrSync::fetchNext()
{
    if (m_next >= m_windows.size()) {
        m_running = false;
        qCInfo(lcStore) << "CDR sync done:" << m_summary.rowsReceived << "rows in" << m_summary.windows << "windows";
        Q_EMIT finished(m_summary);
        return;
    }
    // One request at a time, and at most one window fetched ahead of the one being stored: the
    // next answer travels while the worker stores, and memory holds two windows at most.
    if (m_call || m_fetched >= m_windows.size() || m_fetched - m_next >= 2)
        return;
    const qsizetype index = m_fetched++;
    const Window window = m_windows.at(index);
    auto *call = new QObject(this);
    m_call = call;
    const quint64 generation = m_generation;
    auto done = [this, call, generation, index](PlatformResult<QJsonArray> result) {
        call->deleteLater();
        if (generation != m_generation || !m_running)
            return;
        m_call = nullptr;
        if (!result) {
            fail(result.error().message());
            return;
        }
        // One store at a time, each posted after the last one's answer was handled: a cancel()
        // from a progress receiver then stores nothing more.
        if (m_storing)
            m_ready = {index, result.value()};
        else
            store(index, result.value());
        fetchNext();
    };
    if (!m_request.confNum.isEmpty())
        m_platform->cdrByConference(m_request.confNum, call, std::move(done));
    else if (!m_request.roomId.isEmpty() && !window.from.isValid())
        m_platform->cdrByRoom(m_request.roomId, call, std::move(done));
    else if (!m_request.roomId.isEmpty())
        m_platform->cdrByRoomPeriod(m_request.roomId, window.from, window.to, call, std::move(done));
    else
        m_platform->cdrByPeriod(window.from, window.to, call, std::move(done));
}

void CdrSync::store(qsizetype index, const QJsonArray &rows)
{
    const Window window = m_windows.at(index);
    const qint64 projectId = m_projectId;
    const QString kind = stateKind(m_request);
    SavedState state{m_request.from, m_request.to, window.to, static_cast<int>(index) + 1, m_windowsTotal};
    StoreWorker *worker = m_worker;
    const quint64 generation = m_generation;
    m_storing = true;
    m_worker->run<StoreResult<CdrIngestStats>>(
        [rows, projectId, kind, state, worker](QSqlDatabase &db) -> StoreResult<CdrIngestStats> {
            if (!db.isOpen())
                return worker->openError();
            // Parsed here, off the caller's thread: this is the hot path of a large sync. The rows
            // and how far the sync got are committed together, so a resumed sync starts exactly
            // after what is stored.
            CdrIngest ingest(db, projectId);
            if (const StoreResult<bool> begun = ingest.begin(); !begun)
                return begun.error();
            StoreResult<CdrIngestStats> stats = ingest.add(CdrRowParser::parse(rows));
            if (!stats)
                return stats;
            const StoreResult<bool> saved = writeState(db, projectId, kind, state, rows.size());
            if (!saved)
                return saved.error(); // the open batch is rolled back with `ingest`
            if (const StoreResult<bool> committed = ingest.commit(); !committed)
                return committed.error();
            if (state.windowsDone == state.windowsTotal)
                CdrIngest::refreshStatistics(db);
            return stats;
        },
        [this, generation](const StoreResult<CdrIngestStats> &stats) {
            if (generation != m_generation || !m_running)
                return;
            m_storing = false;
            if (!stats) {
                qCWarning(lcStore).noquote() << stats.error().message << stats.error().detail;
                delete m_call; // the window fetched ahead is not wanted any more
                fail(stats.error().message);
                return;
            }
            const CdrIngestStats &value = stats.value();
            // Rows seen again are rewritten as they were; only new ones change what views show.
            if (value.inserted > 0)
                m_store->cdrChanges()->announce(m_projectId);
            ++m_summary.windows;
            m_summary.rowsReceived += value.received;
            m_summary.inserted += value.inserted;
            m_summary.updated += value.updated;
            m_summary.withProblems += value.withProblems;
            for (const QString &problem : value.problems) {
                if (m_summary.problems.size() < 20)
                    m_summary.problems.append(problem);
            }
            const Window window = m_windows.at(m_next);
            ++m_next;
            Q_EMIT progress(static_cast<int>(m_next), m_windowsTotal, window.to);
            // A receiver of progress may have cancelled (or restarted) the sync.
            if (generation != m_generation || !m_running)
                return;
            if (m_ready) {
                const auto [next, nextRows] = std::move(*m_ready);
                m_ready.reset();
                store(next, nextRows);
            }
            fetchNext();
        });
}

void CdrSync::fail(const QString &message)
{
    m_running = false;
    m_storing = false;
    m_ready.reset();
    ++m_generation;
    qCInfo(lcStore).noquote() << "CDR sync stopped:" << message;
    Q_EMIT failed(message);
}

} // namespace confero
