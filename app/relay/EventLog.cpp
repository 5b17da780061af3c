#include "EventLog.h"

#include "EventLogWriter.h"

namespace confero::relay {

EventLog::EventLog(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_spoolPath(m_path + QLatin1String(".spool"))
{
}

EventLog::~EventLog()
{
    // Drain first: the writer's last answers are then posted to this object and dropped with it.
    m_writer.reset();
}

void EventLog::setBusyTimeoutMs(int milliseconds)
{
    m_busyTimeoutMs = milliseconds;
}

void EventLog::setSpoolPath(const QString &path)
{
    m_spoolPath = path;
}

QString EventLog::spoolPath() const
{
    return m_spoolPath;
}

qint64 EventLog::spooledCount() const
{
    return m_writer ? m_writer->spooledCount() : 0;
}

bool EventLog::start(QString *error)
{
    // The writer delivers on its own thread; the answers are handed to this object's thread, where
    // the waiting callbacks live.
    auto deliver = [this](const QList<EventLogWriter::Outcome> &outcomes, qint64 lastSeq,
                          const QList<protocol::StreamEvent> &events) {
        QMetaObject::invokeMethod(
            this,
            [this, outcomes, lastSeq, events] {
                for (const EventLogWriter::Outcome &outcome : outcomes) {
                    const Waiting waiting = m_waiting.take(outcome.ticket);
                    if (waiting.context && waiting.done)
                        waiting.done(outcome.seq, waiting.id, outcome.error);
                }
                if (lastSeq > 0) {
                    m_recent = events;
                    Q_EMIT committed(lastSeq);
                }
            },
            Qt::QueuedConnection);
    };
    m_writer = std::make_unique<EventLogWriter>(m_path, m_spoolPath, m_busyTimeoutMs, std::move(deliver));
    if (!m_writer->startAndWait(error)) {
        m_writer.reset();
        return false;
    }
    return true;
}

void EventLog::append(IncomingEvent event, QObject *context, Done done)
{
    Q_ASSERT(m_writer);
    const quint64 ticket = m_nextTicket++;
    const QString id = m_ids.next();
    m_waiting.insert(ticket, {id, context, std::move(done)});
    m_writer->enqueue({ticket, id, std::move(event)});
}

void EventLog::recordAck(const QString &subscriber, qint64 seq)
{
    if (m_writer)
        m_writer->recordAck(subscriber, seq);
}

const QList<protocol::StreamEvent> &EventLog::recent() const
{
    return m_recent;
}

qint64 EventLog::commitCount() const
{
    return m_writer ? m_writer->commitCount() : 0;
}

qint64 EventLog::eventCount() const
{
    return m_writer ? m_writer->eventCount() : 0;
}

int EventLog::largestGroup() const
{
    return m_writer ? m_writer->largestGroup() : 0;
}

} // namespace confero::relay
