#pragma once

#include "EventIdGenerator.h"
#include "IncomingEvent.h"
#include "StreamEvent.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace confero::relay {

class EventLogWriter;

// The relay's durable log of webhooks. append() hands an event to the writer thread, which commits
// it in a group with whatever else arrived meanwhile (EventLogWriter); `done` runs on this object's
// thread only after that commit is on disk, with the event's seq. When the database cannot take it,
// the event goes to a synced spool file and `done` runs with seq 0 and no error (it is safe, and
// gets its seq when the spool is replayed); only when neither can take it does `done` carry an
// error in words. Ingress answers 200 from `done` when there is no error, never before.
class EventLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLog)

public:
    using Done = std::function<void(qint64 seq, const QString &id, const QString &error)>;

    explicit EventLog(QString path, QObject *parent = nullptr);
    // Commits what is queued before returning; their `done` callbacks are not run.
    ~EventLog() override;

    // How long a commit waits for a lock another process holds before it fails (default 5 s).
    void setBusyTimeoutMs(int milliseconds);
    // The spool file (default: the database's path + ".spool").
    void setSpoolPath(const QString &path);
    QString spoolPath() const;
    // Opens the database (creating and migrating it) on the writer thread.
    bool start(QString *error);

    // `done` is dropped when `context` is destroyed first.
    void append(IncomingEvent event, QObject *context, Done done);
    // A subscriber's ack, written by the writer thread with the next group (EventLogWriter).
    void recordAck(const QString &subscriber, qint64 seq);

    // The events of the group committed last (one run of seqs, ending at the committed() head), or
    // none; what a stream that is caught up sends without reading the database.
    const QList<protocol::StreamEvent> &recent() const;

    qint64 commitCount() const; // one sync each
    qint64 eventCount() const;
    int largestGroup() const;
    qint64 spooledCount() const; // events that went to the spool since start

Q_SIGNALS:
    // A group was committed; `lastSeq` is the highest seq now on disk.
    void committed(qint64 lastSeq);

private:
    struct Waiting
    {
        QString id;
        QPointer<QObject> context;
        Done done;
    };

    const QString m_path;
    int m_busyTimeoutMs = 5000;
    QString m_spoolPath;
    std::unique_ptr<EventLogWriter> m_writer;
    QHash<quint64, Waiting> m_waiting;
    QList<protocol::StreamEvent> m_recent;
    quint64 m_nextTicket = 1;
    EventIdGenerator m_ids;
};

} // namespace confero::relay
