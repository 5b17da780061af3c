#pragma once

#include "EventSpool.h"
#include "IncomingEvent.h"
#include "StreamEvent.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <functional>

namespace confero::relay {

// The event log's one writer: a thread with its own connection that takes every event waiting at
// that moment (up to MaxGroup), inserts them in one transaction and commits it with one sync. That
// is group commit: under load many events share a sync, and none is reported stored before its
// commit returned. When the database refuses a group, the group goes to the spool file (synced) and
// counts as taken; the spool is replayed before anything else once a commit succeeds again.
// Results go to `deliver`, called on this thread after each commit.
// Subscribers' acks are written here too, in the next group's transaction (or one of their own when
// no event waits): a write on the server's thread would take the database's write lock from under
// this one, and SQLite's busy handler would put the server's thread to sleep while it waits, with
// an fsync of its own for every ack.
class EventLogWriter final : public QThread
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogWriter)

public:
    static constexpr int MaxGroup = 512;

    struct Pending
    {
        quint64 ticket = 0;
        QString id;
        IncomingEvent event;
    };
    struct Outcome
    {
        quint64 ticket = 0;
        qint64 seq = 0; // 0 when the event is in the spool (error empty) or was not taken (error set)
        QString error;
    };
    // `events`: the group just committed as stream events, one run of seqs, for the streams that are
    // caught up (StreamSession reads them from memory instead of back from the database); empty when
    // the group went to the spool or its bodies are over RecentBytes.
    using Deliver = std::function<void(const QList<Outcome> &outcomes, qint64 lastSeq,
                                       const QList<protocol::StreamEvent> &events)>;
    static constexpr qsizetype RecentBytes = 4 * 1024 * 1024;

    static constexpr int SpoolRetryMs = 1000;

    EventLogWriter(QString path, QString spoolPath, int busyTimeoutMs, Deliver deliver);
    // Commits what is queued, then stops.
    ~EventLogWriter() override;

    // Starts the thread and waits until its connection is open (migrations applied) or failed.
    bool startAndWait(QString *error);
    void enqueue(Pending pending);
    // Records that `subscriber` acknowledged up to `seq` (the highest given wins). Not durable at
    // once: a lost ack only means those events are sent again, which the console's dedupe absorbs.
    void recordAck(const QString &subscriber, qint64 seq);

    qint64 commitCount() const { return m_commits.load(); }
    qint64 eventCount() const { return m_events.load(); }
    int largestGroup() const { return m_largestGroup.load(); }
    qint64 spooledCount() const { return m_spooled.load(); }

protected:
    void run() override;

private:
    QList<Outcome> commitGroup(const QList<Pending> &group, const QHash<QString, qint64> &acks, qint64 *lastSeq);
    QString insertAndCommit(const QList<EventSpool::Record> &spooled, const QList<Pending> &group,
                            const QHash<QString, qint64> &acks, QList<Outcome> *outcomes, qint64 *lastSeq);
    QString connectionName() const;

    const QString m_path;
    const int m_busyTimeoutMs;
    const Deliver m_deliver;
    EventSpool m_spool; // used on the writer thread only

    QMutex m_mutex;
    QWaitCondition m_wake;
    QList<Pending> m_queue;
    QHash<QString, qint64> m_acks; // subscriber -> highest acked seq not yet written
    bool m_stopping = false;
    bool m_ready = false;
    QString m_openError;

    std::atomic<qint64> m_commits{0};
    std::atomic<qint64> m_events{0};
    std::atomic<int> m_largestGroup{0};
    std::atomic<qint64> m_spooled{0};
};

} // namespace confero::relay
