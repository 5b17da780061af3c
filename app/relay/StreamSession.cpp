#include "StreamSession.h"

#include "EventLog.h"
#include "EventReader.h"
#include "Logging.h"
#include "StreamFrameCodec.h"

#include <QDateTime>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace confero::relay {

StreamSession::StreamSession(QWebSocket *socket, SubscriberRegistry::Subscriber subscriber, QByteArray key,
                             qint64 after, const EventReader *reader, EventLog *log,
                             const Limits &limits, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_subscriber(std::move(subscriber))
    , m_key(std::move(key))
    , m_scanned(after)
    , m_acked(after)
    , m_reader(reader)
    , m_log(log)
    , m_limits(limits)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::textMessageReceived, this, &StreamSession::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this] { cutOff(tr("binary messages are not part of the stream protocol")); });
    connect(socket, &QWebSocket::disconnected, this, [this] {
        m_closing = true;
        Q_EMIT closed();
    });
    connect(socket, &QWebSocket::bytesWritten, this, [this] { pump(m_head); });
    m_heartbeat.setInterval(m_limits.heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &StreamSession::sendHeartbeat);
    m_heartbeat.start();
    m_stall.setSingleShot(true);
    m_stall.setInterval(m_limits.stallTimeoutMs);
    connect(&m_stall, &QTimer::timeout, this, [this] {
        cutOff(
            tr("no acknowledgement for %1 s; it resumes from seq %2").arg(m_limits.stallTimeoutMs / 1000).arg(m_acked));
    });
}

StreamSession::~StreamSession() = default;

QString StreamSession::subscriberName() const
{
    return m_subscriber.name;
}

void StreamSession::pump(qint64 head)
{
    m_head = qMax(m_head, head);
    if (m_closing || !m_socket)
        return;
    while (m_scanned < m_head && qsizetype(m_unacked.size()) < m_limits.maxUnacked
           && m_socket->bytesToWrite() < m_limits.highWaterBytes) {
        QString error;
        const int room = int(qMin<qsizetype>(m_limits.readBatch, m_limits.maxUnacked - qsizetype(m_unacked.size())));
        if (sendRecent(room))
            continue;
        const QList<protocol::StreamEvent> events = m_reader->after(m_scanned, m_subscriber.projects, room, &error);
        if (!error.isEmpty()) {
            qCWarning(lcRelay) << "stream to" << m_subscriber.name << "paused:" << error;
            return; // the next commit or ack tries again
        }
        if (events.isEmpty()) {
            m_scanned = m_head; // nothing of this console's projects up to the head
            break;
        }
        for (const protocol::StreamEvent &event : events) {
            const std::optional<QByteArray> frame = protocol::StreamFrameCodec::encodeEvent(event, m_key);
            if (frame) {
                m_socket->sendTextMessage(QString::fromUtf8(*frame));
                m_unacked.push_back(event.seq);
            }
            m_scanned = event.seq;
        }
        m_heartbeat.start(); // something was sent: the next heartbeat is due a full interval later
        if (!m_stall.isActive())
            m_stall.start();
    }
}

// A stream that is caught up takes the group just committed from memory (EventLog::recent): the
// same events a read after m_scanned would return, without the read. False when the group does not
// continue exactly where this stream is.
bool StreamSession::sendRecent(int room)
{
    const QList<protocol::StreamEvent> &recent = m_log->recent();
    if (recent.isEmpty() || m_scanned + 1 < recent.constFirst().seq || m_scanned >= recent.constLast().seq)
        return false;
    bool sent = false;
    for (qsizetype i = m_scanned + 1 - recent.constFirst().seq; i < recent.size() && room > 0; ++i) {
        const protocol::StreamEvent &event = recent.at(i);
        if (m_subscriber.projects.contains(event.project)) {
            const std::optional<QByteArray> frame = protocol::StreamFrameCodec::encodeEvent(event, m_key);
            if (frame) {
                m_socket->sendTextMessage(QString::fromUtf8(*frame));
                m_unacked.push_back(event.seq);
                sent = true;
            }
            --room;
        }
        m_scanned = event.seq;
    }
    if (sent) {
        m_heartbeat.start(); // as in pump(): the next heartbeat is due a full interval later
        if (!m_stall.isActive())
            m_stall.start();
    }
    return true;
}

void StreamSession::onText(const QString &text)
{
    const protocol::StreamFrameCodec::Decoded decoded = protocol::StreamFrameCodec::decode(text.toUtf8());
    const auto *ack = decoded.frame ? std::get_if<protocol::AckFrame>(&*decoded.frame) : nullptr;
    if (!ack) {
        cutOff(decoded.frame ? tr("a console sends only acks") : decoded.error);
        return;
    }
    const qint64 lastSent = m_unacked.empty() ? m_acked : m_unacked.back();
    if (ack->seq > lastSent) {
        cutOff(tr("ack of seq %1, which was never sent (last sent %2)").arg(ack->seq).arg(lastSent));
        return;
    }
    if (ack->seq <= m_acked)
        return; // a late duplicate
    // Written by the event log's writer, off this thread; should it be lost, the console is sent
    // these again after a reconnect, which its dedupe absorbs.
    m_log->recordAck(m_subscriber.name, ack->seq);
    m_acked = ack->seq;
    while (!m_unacked.empty() && m_unacked.front() <= m_acked)
        m_unacked.pop_front();
    if (m_unacked.empty())
        m_stall.stop();
    else
        m_stall.start(); // progress: the console gets a full interval for the rest
    pump(m_head);
}

void StreamSession::sendHeartbeat()
{
    if (m_closing || !m_socket)
        return;
    m_socket->sendTextMessage(
        QString::fromUtf8(protocol::StreamFrameCodec::encodeHeartbeat({QDateTime::currentMSecsSinceEpoch(), m_head})));
}

void StreamSession::cutOff(const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    qCInfo(lcRelay) << "closing the stream of" << m_subscriber.name << ":" << reason;
    m_heartbeat.stop();
    m_stall.stop();
    if (m_socket) {
        m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, reason.left(120));
        // A console that stopped reading may never complete the closing handshake.
        QTimer::singleShot(5000, m_socket, [socket = m_socket] {
            if (socket)
                socket->abort();
        });
    }
}

} // namespace confero::relay
