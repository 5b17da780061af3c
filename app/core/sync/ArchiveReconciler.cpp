#include "ArchiveReconciler.h"

#include "platform/VideoPlatform.h"
#include "recordings/RecordingSettingsStore.h"
#include "recordings/RecordingsLogging.h"

#include <algorithm>

namespace confero {

using namespace Qt::StringLiterals;

ArchiveReconciler::ArchiveReconciler(VideoPlatform *platform, DownloadManager *manager,
                                     RecordingSettingsStore *settings, qint64 projectId, QObject *parent)
    : QObject(parent)
    , m_platform(platform)
    , m_manager(manager)
    , m_settings(settings)
    , m_projectId(projectId)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { reconcileNow(); });
}

ArchiveReconciler::~ArchiveReconciler()
{
    const QSignalBlocker blocker(this);
    stop();
}

void ArchiveReconciler::start()
{
    m_stopped = false;
    reconcileNow();
}

void ArchiveReconciler::stop()
{
    m_stopped = true;
    m_running = false;
    ++m_generation;
    m_timer.stop();
}

bool ArchiveReconciler::isRunning() const
{
    return m_running;
}

QDateTime ArchiveReconciler::lastRunAt() const
{
    return m_lastRunAt;
}

QString ArchiveReconciler::lastError() const
{
    return m_lastError;
}

void ArchiveReconciler::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

void ArchiveReconciler::setInterval(std::chrono::milliseconds interval)
{
    m_interval = interval;
}

bool ArchiveReconciler::reconcileNow()
{
    if (m_running || m_stopped)
        return false;
    m_running = true;
    m_timer.stop();
    m_pass = {};
    m_today = m_clock().toUTC().date();
    const QDate mark = m_settings->archiveThrough(m_projectId);
    // A mark in the future (a clock set back) is not trusted: the first-pass window is read again.
    m_next = mark.isValid() && mark <= m_today ? mark.addDays(-1) : m_today.addDays(1 - FirstPassDays);
    if (m_settings->settings(m_projectId).autoKinds.isEmpty()) {
        // Nothing is fetched by itself: the mark moves on, so turning it on later does not fetch
        // what came while it was off.
        if (const StoreResult<bool> saved = m_settings->setArchiveThrough(m_projectId, m_today.addDays(-1)); !saved)
            passEnded(saved.error().message);
        else
            passEnded({});
        return true;
    }
    qCInfo(lcRecordings).noquote() << "archive reconciler: project" << m_projectId << "from"
                                   << m_next.toString(Qt::ISODate) << "to" << m_today.toString(Qt::ISODate);
    readNextWindow();
    return true;
}

void ArchiveReconciler::readNextWindow()
{
    const QDate from = m_next;
    const QDate to = std::min(m_today, from.addDays(WindowDays - 1));
    if (!m_pass.from.isValid())
        m_pass.from = from;
    m_pass.to = to;
    const int generation = m_generation;
    m_platform->archiveByPeriod(
        from, to, this, [this, generation, to](const PlatformResult<QList<ArchiveEntry>> &result) {
            if (generation != m_generation)
                return;
            if (!result) {
                passEnded(result.error().message());
                return;
            }
            const QSet<ArchiveFile::Kind> kinds = m_settings->settings(m_projectId).autoKinds;
            for (const ArchiveEntry &entry : result.value()) {
                ++m_pass.sessions;
                const StoreResult<QList<qint64>> queued =
                    m_manager->enqueue(entry, kinds, DownloadManager::Origin::Policy);
                if (!queued) {
                    passEnded(queued.error().message);
                    return;
                }
                m_pass.queued += int(queued.value().size());
            }
            // The mark is the last whole day read: today is never whole yet.
            const QDate through = std::min(to, m_today.addDays(-1));
            if (const StoreResult<bool> saved = m_settings->setArchiveThrough(m_projectId, through); !saved) {
                passEnded(saved.error().message);
                return;
            }
            if (to < m_today) {
                m_next = to.addDays(1);
                readNextWindow();
                return;
            }
            passEnded({});
        });
}

void ArchiveReconciler::passEnded(const QString &error)
{
    const RecordingSettings settings = m_settings->settings(m_projectId);
    m_pass.retention = m_manager->applyRetention(settings.keepDays, m_clock());
    m_pass.at = m_clock().toUTC();
    m_running = false;
    m_lastRunAt = m_pass.at;
    m_lastError = error;
    if (!m_stopped)
        m_timer.start(m_interval);
    if (!error.isEmpty()) {
        qCWarning(lcRecordings).noquote() << "archive reconciler: project" << m_projectId << error;
        Q_EMIT failed(error);
    } else {
        qCInfo(lcRecordings).noquote() << "archive reconciler: project" << m_projectId << m_pass.sessions << "sessions,"
                                       << m_pass.queued << "files queued," << m_pass.retention.files << "deleted";
    }
    Q_EMIT finished(m_pass);
}

} // namespace confero
