#pragma once

#include "SubscriberRegistry.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

class QWebSocket;

namespace confero::relay {

class EventLog;
class EventReader;

// One console's WebSocket stream (docs/ARCHITECTURE.md, "The relay stream"): frames from its cursor
// on, in seq order, read from the event log as the console keeps up, never queued in memory beyond
// a window of unacknowledged frames and a bounded socket buffer. A console that stops reading or
// acknowledging is cut off after a while and resumes later from its acked seq; the others never
// wait for it, because nothing is sent to anyone from a shared queue.
class StreamSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamSession)

public:
    struct Limits
    {
        int maxUnacked = 1000; // frames sent and not yet acknowledged
        qint64 highWaterBytes = 1024 * 1024; // unsent in the socket; above it, sending waits
        int stallTimeoutMs = 30000; // frames outstanding and no ack for this long: cut off
        int heartbeatMs = 15000;
        int readBatch = 256;
    };

    StreamSession(QWebSocket *socket, SubscriberRegistry::Subscriber subscriber, QByteArray key, qint64 after,
                  const EventReader *reader, EventLog *log, const Limits &limits, QObject *parent);
    ~StreamSession() override;

    // New events were committed up to `head`: send what this console may see.
    void pump(qint64 head);
    QString subscriberName() const;

Q_SIGNALS:
    void closed();

private:
    bool sendRecent(int room);
    void onText(const QString &text);
    void sendHeartbeat();
    void cutOff(const QString &reason);

    QPointer<QWebSocket> m_socket;
    SubscriberRegistry::Subscriber m_subscriber;
    QByteArray m_key;
    qint64 m_scanned; // the log is read up to here (seqs of other projects are skipped)
    qint64 m_acked;
    std::deque<qint64> m_unacked; // seqs sent as frames and not yet acknowledged, ascending
    qint64 m_head = 0;
    const EventReader *m_reader;
    EventLog *m_log; // records the acks
    Limits m_limits;
    QTimer m_heartbeat;
    QTimer m_stall;
    bool m_closing = false;
};

} // namespace confero::relay
