#pragma once

#include <QDateTime>
#include <QObject>

namespace confero {

class Store;
class StoreWorker;

// Deletes a project's call records older than its retention: every session that ended before the
// cutoff (now minus N months, UTC) with all its participant rows, so what is kept is whole sessions and
// their derived figures stay true; then participant rows of no session that left before the cutoff.
// It works on its own worker thread and connection, in batches of a few hundred sessions, each batch
// its own short transaction: the console's connection is never held behind one giant delete, and the
// progress is reported between batches.
class CdrRetention final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrRetention)

public:
    struct Summary
    {
        QDateTime cutoff; // UTC; invalid when the project keeps everything
        qint64 sessionsDeleted = 0;
        qint64 participantsDeleted = 0;
    };

    explicit CdrRetention(const Store *store, QObject *parent = nullptr);
    ~CdrRetention() override;

    // Starts; ends with exactly one finished() or failed(). `months` <= 0 keeps everything (finished()
    // with nothing deleted). A start while running is refused (false).
    bool start(qint64 projectId, int months, const QDateTime &now = QDateTime::currentDateTimeUtc());
    // Stops after the batch in flight (which commits whole); emits nothing more.
    void cancel();
    bool isRunning() const;

    // Sessions per batch (default 500: at most 50 rows each, so a batch is a few thousand deletes).
    void setBatchSize(int sessions);

    static QDateTime cutoff(int months, const QDateTime &now);

Q_SIGNALS:
    void progress(qint64 sessionsDeleted, qint64 participantsDeleted);
    void finished(const confero::CdrRetention::Summary &summary);
    void failed(const QString &message);

private:
    void runBatch();

    const Store *m_store;
    StoreWorker *m_worker;
    qint64 m_projectId = 0;
    int m_batchSize = 500;
    bool m_running = false;
    bool m_sessionsDone = false; // then the sweep of rows without a session
    quint64 m_generation = 0;
    Summary m_summary;
};

} // namespace confero
Q_DECLARE_METATYPE(confero::CdrRetention::Summary)
