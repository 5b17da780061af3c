#pragma once

#include "recordings/DownloadManager.h"

#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace confero {

class RecordingSettingsStore;
class VideoPlatform;

// Carries out a project's storage policy without anyone pressing Download: on start and then every
// interval (15 minutes) it reads the archive (archiveByPeriod) from the day before its mark (the
// last UTC day it read whole, kept in the store) to today, and queues each session's files of the
// policy's kinds (transcoded video only, by default) through the DownloadManager as the policy
// (Origin::Policy: only files it has never seen, so a cancelled or removed file stays so). The day
// of overlap catches archives the platform published late. The first pass reads the last
// FirstPassDays; a long absence is read in windows of WindowDays, oldest first, the mark moving after
// each, so an interrupted catch-up resumes. After every pass, whether reading worked or not, the
// retention deletes local copies older than the policy's keep-days. One pass at a time; stop() (or
// destroying it) ends a pass in flight without another signal.
class ArchiveReconciler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArchiveReconciler)

public:
    static constexpr int FirstPassDays = 7;
    static constexpr int WindowDays = 7;
    static constexpr std::chrono::minutes DefaultInterval{15};

    struct Summary
    {
        QDate from; // the days read, UTC, both included (invalid when nothing was to be read)
        QDate to;
        int sessions = 0; // archive entries seen
        int queued = 0; // files queued by this pass
        DownloadManager::RetentionSummary retention;
        QDateTime at; // UTC, when the pass ended
    };

    ArchiveReconciler(VideoPlatform *platform, DownloadManager *manager, RecordingSettingsStore *settings,
                      qint64 projectId, QObject *parent = nullptr);
    ~ArchiveReconciler() override;

    // A pass now, then one every interval.
    void start();
    // A pass now; false (and nothing happens) while one runs or after stop().
    bool reconcileNow();
    void stop();

    bool isRunning() const;
    QDateTime lastRunAt() const; // UTC; invalid before the first pass ended
    QString lastError() const; // of the last pass; empty when it worked

    // For tests: "now" comes from this clock (UTC), and the interval replaces the default.
    void setClock(std::function<QDateTime()> clock);
    void setInterval(std::chrono::milliseconds interval);

Q_SIGNALS:
    void finished(const confero::ArchiveReconciler::Summary &summary);
    // Reading the archive or queueing failed (the retention still ran): in words.
    void failed(const QString &message);

private:
    void readNextWindow();
    void passEnded(const QString &error);

    VideoPlatform *m_platform;
    DownloadManager *m_manager;
    RecordingSettingsStore *m_settings;
    qint64 m_projectId;
    QTimer m_timer;
    std::function<QDateTime()> m_clock;
    std::chrono::milliseconds m_interval = DefaultInterval;
    bool m_running = false;
    bool m_stopped = true;
    int m_generation = 0; // answers of a stopped pass are dropped
    QDate m_today; // of the pass in flight
    QDate m_next; // first day of the next window to read
    Summary m_pass;
    QDateTime m_lastRunAt;
    QString m_lastError;
};

} // namespace confero

Q_DECLARE_METATYPE(confero::ArchiveReconciler::Summary)
