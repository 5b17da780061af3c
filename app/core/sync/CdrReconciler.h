#pragma once

#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace confero {

class CdrRetention;
class CdrSync;
class ProjectUpkeepStore;
class Store;
class VideoPlatform;

// Keeps one project's copy of the call records complete without anyone pressing "Sync": on start and
// then every reconcile interval (the project's choice, hourly by default) it re-syncs a sliding window,
// the last 3 days by default, through CdrSync, so rows the platform published late or that an earlier
// sync missed arrive. Re-syncing stored rows changes nothing (CdrSync is idempotent); what was not in
// the store before is counted ("found by the reconciler", added up per project in ProjectUpkeepStore).
// After every pass, whether the sync worked or not, the project's retention runs (CdrRetention), so
// old records go at start too. One pass at a time; stop() (or destroying it, as the console does when
// the project changes) ends a pass in flight without another signal.
class CdrReconciler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrReconciler)

public:
    struct Summary
    {
        QDate from; // the window synced, UTC days, both included
        QDate to;
        qint64 found = 0; // call records the store did not have
        int rowsReceived = 0;
        qint64 sessionsExpired = 0; // deleted by retention after the pass
        qint64 participantsExpired = 0;
        QDateTime at; // UTC, when the pass ended
    };

    CdrReconciler(VideoPlatform *platform, Store *store, ProjectUpkeepStore *upkeep, qint64 projectId,
                  QObject *parent = nullptr);
    ~CdrReconciler() override;

    qint64 projectId() const;

    // A pass now, then one every interval.
    void start();
    // A pass now; false (and nothing happens) while one runs or after stop().
    bool reconcileNow();
    void stop();

    bool isRunning() const; // a pass in flight
    bool isStopped() const;
    QDateTime lastRunAt() const; // UTC, the last pass that ended (either way); invalid before
    QDateTime nextRunAt() const; // UTC; invalid while a pass runs or when stopped
    qint64 lastFound() const;
    qint64 foundTotal() const; // over every pass of this project, kept in the store
    QString lastError() const; // of the last pass; empty when it worked

    // For tests: today's date comes from this clock (UTC), and the interval replaces the project's.
    void setClock(std::function<QDateTime()> clock);
    void setInterval(std::chrono::milliseconds interval);

Q_SIGNALS:
    void passStarted(const QDate &from, const QDate &to);
    void progress(int windowsDone, int windowsTotal);
    void finished(const confero::CdrReconciler::Summary &summary);
    void failed(const QString &message);
    // Anything the status line shows changed (a pass started or ended, the next run moved).
    void statusChanged();

private:
    void syncEnded(const QString &error, qint64 found, int rowsReceived);
    void passEnded(const QString &retentionError, qint64 sessionsExpired, qint64 participantsExpired);
    void scheduleNext();
    std::chrono::milliseconds interval() const;

    ProjectUpkeepStore *m_upkeep;
    qint64 m_projectId;
    CdrSync *m_sync;
    CdrRetention *m_retention;
    QTimer m_timer;
    std::function<QDateTime()> m_clock;
    std::chrono::milliseconds m_intervalOverride{0};
    bool m_running = false;
    bool m_stopped = false;
    Summary m_pass; // the pass in flight
    QString m_syncError; // of the pass in flight
    QDateTime m_lastRunAt;
    QDateTime m_nextRunAt;
    qint64 m_lastFound = 0;
    QString m_lastError;
};

} // namespace confero
Q_DECLARE_METATYPE(confero::CdrReconciler::Summary)
