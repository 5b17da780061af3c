#include "CdrReconciler.h"

#include "CdrSync.h"
#include "Logging.h"
#include "config/ProjectUpkeepStore.h"
#include "store/CdrRetention.h"

namespace confero {

using namespace Qt::StringLiterals;

CdrReconciler::CdrReconciler(VideoPlatform *platform, Store *store, ProjectUpkeepStore *upkeep, qint64 projectId,
                             QObject *parent)
    : QObject(parent)
    , m_upkeep(upkeep)
    , m_projectId(projectId)
    , m_sync(new CdrSync(platform, store, projectId, this))
    , m_retention(new CdrRetention(store, this))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { reconcileNow(); });
    connect(m_sync, &CdrSync::progress, this,
            [this](int done, int total, const QDate &) { Q_EMIT progress(done, total); });
    connect(m_sync, &CdrSync::finished, this,
            [this](const CdrSync::Summary &summary) { syncEnded({}, summary.inserted, summary.rowsReceived); });
    connect(m_sync, &CdrSync::failed, this, [this](const QString &message) { syncEnded(message, 0, 0); });
    connect(m_retention, &CdrRetention::finished, this, [this](const CdrRetention::Summary &summary) {
        passEnded({}, summary.sessionsDeleted, summary.participantsDeleted);
    });
    connect(m_retention, &CdrRetention::failed, this, [this](const QString &message) { passEnded(message, 0, 0); });
    // A new interval chosen in the dialog takes effect at once rather than after the old one runs out.
    connect(m_upkeep, &ProjectUpkeepStore::upkeepChanged, this, [this](qint64 id) {
        if (id == m_projectId && !m_running && !m_stopped && m_timer.isActive()
            && m_timer.intervalAsDuration() != interval())
            scheduleNext();
    });
}

CdrReconciler::~CdrReconciler()
{
    const QSignalBlocker blocker(this);
    stop();
}

qint64 CdrReconciler::projectId() const
{
    return m_projectId;
}

void CdrReconciler::start()
{
    m_stopped = false;
    reconcileNow();
}

bool CdrReconciler::reconcileNow()
{
    if (m_running || m_stopped)
        return false;
    m_running = true;
    m_timer.stop();
    m_nextRunAt = {};
    const ProjectUpkeep upkeep = m_upkeep->upkeep(m_projectId);
    const QDate today = m_clock().toUTC().date();
    m_pass = {};
    m_pass.from = today.addDays(-std::max(1, upkeep.reconcileWindowDays));
    m_pass.to = today;
    m_syncError.clear();
    qCInfo(lcStore).noquote() << "reconciler: project" << m_projectId << "from" << m_pass.from.toString(Qt::ISODate)
                              << "to" << m_pass.to.toString(Qt::ISODate);
    Q_EMIT passStarted(m_pass.from, m_pass.to);
    Q_EMIT statusChanged();
    if (!m_running || m_stopped)
        return true; // a receiver stopped it
    CdrSync::Request request;
    request.from = m_pass.from;
    request.to = m_pass.to;
    request.byReconciler = true;
    m_sync->start(request);
    return true;
}

void CdrReconciler::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_timer.stop();
    m_nextRunAt = {};
    const bool wasRunning = m_running;
    m_running = false;
    // Both end quietly here: m_stopped makes their last signals no-ops.
    m_sync->cancel();
    m_retention->cancel();
    if (wasRunning)
        qCInfo(lcStore) << "reconciler: project" << m_projectId << "stopped during a pass";
    Q_EMIT statusChanged();
}

void CdrReconciler::syncEnded(const QString &error, qint64 found, int rowsReceived)
{
    if (m_stopped || !m_running)
        return;
    // Windows stored before a failure are not counted as found: CdrSync reports no figures with its
    // failure, so a failed pass may undercount, never count a row twice.
    m_syncError = error;
    m_pass.found = found;
    m_pass.rowsReceived = rowsReceived;
    const ProjectUpkeep upkeep = m_upkeep->upkeep(m_projectId);
    m_retention->start(m_projectId, upkeep.retentionMonths, m_clock());
}

void CdrReconciler::passEnded(const QString &retentionError, qint64 sessionsExpired, qint64 participantsExpired)
{
    if (m_stopped || !m_running)
        return;
    m_pass.sessionsExpired = sessionsExpired;
    m_pass.participantsExpired = participantsExpired;
    m_pass.at = QDateTime::currentDateTimeUtc();
    m_lastRunAt = m_pass.at;
    if (m_syncError.isEmpty()) {
        m_lastFound = m_pass.found;
        const StoreResult<bool> recorded = m_upkeep->recordReconcile(m_projectId, m_pass.at, m_pass.found);
        if (!recorded)
            qCWarning(lcStore).noquote() << "reconciler:" << recorded.error().message << recorded.error().detail;
    }
    m_running = false;
    m_lastError = m_syncError.isEmpty() ? retentionError : m_syncError;
    scheduleNext();
    if (m_lastError.isEmpty()) {
        qCInfo(lcStore) << "reconciler: project" << m_projectId << "found" << m_pass.found << "new of"
                        << m_pass.rowsReceived << "rows";
        Q_EMIT finished(m_pass);
    } else {
        qCInfo(lcStore).noquote() << "reconciler: project" << m_projectId << "failed:" << m_lastError;
        Q_EMIT failed(m_lastError);
    }
    Q_EMIT statusChanged();
}

void CdrReconciler::scheduleNext()
{
    if (m_stopped)
        return;
    const std::chrono::milliseconds next = interval();
    m_timer.start(next);
    m_nextRunAt = QDateTime::currentDateTimeUtc().addMSecs(next.count());
    Q_EMIT statusChanged();
}

std::chrono::milliseconds CdrReconciler::interval() const
{
    if (m_intervalOverride.count() > 0)
        return m_intervalOverride;
    const int minutes = std::max(1, m_upkeep->upkeep(m_projectId).reconcileIntervalMinutes);
    return std::chrono::minutes(minutes);
}

bool CdrReconciler::isRunning() const
{
    return m_running;
}

bool CdrReconciler::isStopped() const
{
    return m_stopped;
}

QDateTime CdrReconciler::lastRunAt() const
{
    return m_lastRunAt;
}

QDateTime CdrReconciler::nextRunAt() const
{
    return m_nextRunAt;
}

qint64 CdrReconciler::lastFound() const
{
    return m_lastFound;
}

qint64 CdrReconciler::foundTotal() const
{
    return m_upkeep->upkeep(m_projectId).foundByReconciler;
}

QString CdrReconciler::lastError() const
{
    return m_lastError;
}

void CdrReconciler::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

void CdrReconciler::setInterval(std::chrono::milliseconds interval)
{
    m_intervalOverride = interval;
    if (m_timer.isActive())
        scheduleNext();
}

} // namespace confero
