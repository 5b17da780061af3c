#include "EventLogWriter.h"

#include "Logging.h"
#include "RelayDatabase.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero::relay {

EventLogWriter::EventLogWriter(QString path, int busyTimeoutMs, Deliver deliver)
    : m_path(std::move(path))
    , m_busyTimeoutMs(busyTimeoutMs)
    , m_deliver(std::move(deliver))
{
}

EventLogWriter::~EventLogWriter()
{
    {
        const QMutexLocker locker(&m_mutex);
        m_stopping = true;
    }
    m_wake.wakeAll();
    wait();
}

bool EventLogWriter::startAndWait(QString *error)
{
    QMutexLocker locker(&m_mutex);
    start();
    while (!m_ready && m_openError.isEmpty())
        m_wake.wait(&m_mutex);
    if (!m_openError.isEmpty()) {
        *error = m_openError;
        return false;
    }
    return true;
}

void EventLogWriter::enqueue(Pending pending)
{
    {
        const QMutexLocker locker(&m_mutex);
        m_queue.append(std::move(pending));
    }
    m_wake.wakeOne();
}

void EventLogWriter::run()
{
    const QString connection = u"confero-relay-writer-%1"_s.arg(quintptr(this), 0, 16);
    {
        QString error;
        QSqlDatabase db = RelayDatabase::open(m_path, connection, &error);
        if (db.isOpen()) {
            QSqlQuery pragma(db);
            pragma.exec(u"PRAGMA busy_timeout=%1"_s.arg(m_busyTimeoutMs));
        }
        const QMutexLocker locker(&m_mutex);
        if (!db.isOpen())
            m_openError = error;
        else
            m_ready = true;
        m_wake.wakeAll();
    }
    if (m_ready) {
        for (;;) {
            QList<Pending> group;
            {
                QMutexLocker locker(&m_mutex);
                while (m_queue.isEmpty() && !m_stopping)
                    m_wake.wait(&m_mutex);
                if (m_queue.isEmpty())
                    break; // stopping, and everything queued is committed
                const qsizetype take = qMin<qsizetype>(m_queue.size(), MaxGroup);
                group = m_queue.mid(0, take);
                m_queue.remove(0, take);
            }
            qint64 lastSeq = 0;
            const QList<Outcome> outcomes = commitGroup(group, &lastSeq);
            m_deliver(outcomes, lastSeq);
        }
    }
    RelayDatabase::close(connection);
}

QList<EventLogWriter::Outcome> EventLogWriter::commitGroup(const QList<Pending> &group, qint64 *lastSeq)
{
    QSqlDatabase db = QSqlDatabase::database(u"confero-relay-writer-%1"_s.arg(quintptr(this), 0, 16), false);
    QList<Outcome> outcomes;
    outcomes.reserve(group.size());
    QString failure;
    QSqlQuery query(db);
    // IMMEDIATE takes the write lock now, so the inserts never fail half-way on a lock an admin
    // command holds; busy_timeout waits for it.
    if (!query.exec(u"BEGIN IMMEDIATE"_s)) {
        failure = query.lastError().text();
    } else if (!query.prepare(u"INSERT INTO events (id, project, type, received_at, body, sha256) "
                              "VALUES (?, ?, ?, ?, ?, ?)"_s)) {
        failure = query.lastError().text();
    } else {
        for (const Pending &pending : group) {
            query.bindValue(0, pending.id);
            query.bindValue(1, pending.event.project);
            query.bindValue(2, pending.event.type);
            query.bindValue(3, pending.event.receivedAtMs);
            // Bound as text: the body is valid UTF-8 (WebhookCheck), and text reads back as the same bytes.
            query.bindValue(4, QString::fromUtf8(pending.event.body));
            query.bindValue(
                5,
                QString::fromLatin1(QCryptographicHash::hash(pending.event.body, QCryptographicHash::Sha256).toHex()));
            if (!query.exec()) {
                failure = query.lastError().text();
                break;
            }
            outcomes.append({pending.ticket, query.lastInsertId().toLongLong(), {}});
        }
    }
    if (failure.isEmpty()) {
        QSqlQuery commit(db);
        if (!commit.exec(u"COMMIT"_s))
            failure = commit.lastError().text();
    }
    if (!failure.isEmpty()) {
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        qCWarning(lcRelay) << "a group of" << group.size() << "events could not be stored:" << failure;
        const QString error =
            QCoreApplication::translate("confero::relay::EventLog", "the relay database could not store the event: %1")
                .arg(failure);
        outcomes.clear();
        for (const Pending &pending : group)
            outcomes.append({pending.ticket, 0, error});
        return outcomes;
    }
    *lastSeq = outcomes.constLast().seq;
    m_commits.fetch_add(1);
    m_events.fetch_add(group.size());
    int largest = m_largestGroup.load();
    while (int(group.size()) > largest && !m_largestGroup.compare_exchange_weak(largest, int(group.size()))) { }
    return outcomes;
}

} // namespace confero::relay
