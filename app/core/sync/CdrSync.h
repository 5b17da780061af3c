#pragma once

#include "platform/PlatformError.h"
#include "store/CdrIngest.h"

#include <QDate>
#include <QJsonArray>
#include <QObject>
#include <QPointer>

#include <optional>

namespace confero {

class Store;
class StoreWorker;
class VideoPlatform;

// Copies the platform's call records for a period (optionally of one room) or of one session into
// the store. A period is fetched in windows of two UTC days that overlap by a day ([d, d+1], then
// [d+1, d+2], ...), so a session crossing midnight is seen whole at least once; rows seen twice are
// one row (CdrIngest). Parsing and storing run on a worker thread with its own connection while the
// next window is fetched. How far it got is committed in sync_state with every window's rows: a
// sync of the same kind and period that was interrupted resumes at its last stored day. A window the server drops
// mid-answer is retried by the platform client (RetryPolicy); a window that still fails ends the sync with that error.
class CdrSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrSync)

public:
    struct Request
    {
        QDate from; // a period, both days included...
        QDate to;
        QString roomId; // ...optionally of one room
        QString confNum; // or one session (then from/to are ignored)
        // Who asked: the reconciler's passes keep their resume point apart from "Sync now"'s, so
        // a pass never resets an interrupted sync the user started (and the other way round).
        bool byReconciler = false;
    };

    struct Summary
    {
        int windows = 0; // windows fetched by this run
        int rowsReceived = 0;
        int inserted = 0;
        int updated = 0;
        int withProblems = 0;
        QStringList problems; // the first few, for a person
        bool resumed = false; // started after the last stored day of an interrupted sync
    };

    CdrSync(VideoPlatform *platform, Store *store, qint64 projectId, QObject *parent = nullptr);
    ~CdrSync() override;

    // Starts; ends with exactly one finished() or failed() (cancel() ends it with failed() at once).
    void start(const Request &request);
    void cancel();
    bool isRunning() const;

    // The sync_state kind a request is kept under: "cdr:period", "cdr:room:<id>", "cdr:conf:<n>",
    // with "reconciler:" before it for the reconciler's.
    static QString stateKind(const Request &request);

Q_SIGNALS:
    void progress(int windowsDone, int windowsTotal, const QDate &through);
    void finished(const confero::CdrSync::Summary &summary);
    void failed(const QString &message);

private:
    struct Window
    {
        QDate from;
        QDate to;
    };

    void fetchNext();
    void store(qsizetype index, const QJsonArray &rows);
    void fail(const QString &message);

    VideoPlatform *m_platform;
    Store *m_store;
    qint64 m_projectId;
    StoreWorker *m_worker;
    Request m_request;
    QList<Window> m_windows;
    qsizetype m_next = 0; // the next window to be stored
    qsizetype m_fetched = 0; // the next window to fetch (at most two ahead of m_next)
    bool m_storing = false; // a window is on the worker
    std::optional<std::pair<qsizetype, QJsonArray>> m_ready; // fetched, waiting for the worker
    int m_windowsTotal = 0;
    Summary m_summary;
    bool m_running = false;
    quint64 m_generation = 0; // answers of a cancelled run are recognised and dropped
    QPointer<QObject> m_call; // context of the request in flight; deleting it cancels the request
};

} // namespace confero
Q_DECLARE_METATYPE(confero::CdrSync::Summary)
