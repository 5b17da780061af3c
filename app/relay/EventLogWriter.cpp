#include "EventLogWriter.h"

#include "Digest.h"
#include "Logging.h"
#include "RelayDatabase.h"
#include "SubscriberRegistry.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero::relay {

namespace {

// Taken by every writer of a PostgreSQL event log before it inserts, and held to its commit, so that
// relays sharing the database commit one after another and seq order is commit order: a reader at
// cursor N never sees N + 1 committed while N is still to come ("confero" in ASCII, then 1).
constexpr qint64 CommitOrderLockKey = 0x636f6e6665726f01;

QList<protocol::StreamEvent> streamEvents(const QList<EventLogWriter::Pending> &group,
                                          const QList<EventLogWriter::Outcome> &outcomes)
{
    QList<protocol::StreamEvent> events;
    if (group.isEmpty() || outcomes.size() != group.size() || outcomes.constFirst().seq <= 0)
        return events;
    qsizetype bytes = 0;
    events.reserve(group.size());
    for (qsizetype i = 0; i < group.size(); ++i) {
        const EventLogWriter::Pending &pending = group.at(i);
        const EventLogWriter::Outcome &outcome = outcomes.at(i);
        bytes += pending.event.body.size();
        if (outcome.ticket != pending.ticket || outcome.seq != outcomes.constFirst().seq + i
            || bytes > EventLogWriter::RecentBytes)
            return {};
        events.append({outcome.seq, pending.id, pending.event.project, pending.event.receivedAtMs, pending.event.body});
    }
    return events;
}

} // namespace

EventLogWriter::EventLogWriter(QString path, QString spoolPath, int busyTimeoutMs, Deliver deliver)
    : m_path(std::move(path))
    , m_busyTimeoutMs(busyTimeoutMs)
    , m_deliver(std::move(deliver))
    , m_spool(std::move(spoolPath))
{
}

QString EventLogWriter::connectionName() const
{
    return u"confero-relay-writer-%1"_s.arg(quintptr(this), 0, 16);
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

void EventLogWriter::recordAck(const QString &subscriber, qint64 seq)
{
    {
        const QMutexLocker locker(&m_mutex);
        qint64 &acked = m_acks[subscriber];
        acked = qMax(acked, seq);
    }
    m_wake.wakeOne();
}

void EventLogWriter::run()
{
    const QString connection = connectionName();
    {
        QString error;
        QSqlDatabase db = RelayDatabase::open(m_path, connection, &error);
        if (db.isOpen() && !RelayDatabase::setLockTimeout(db, m_busyTimeoutMs, &error))
            qCWarning(lcRelay) << "could not set the event log's lock timeout:" << error;
        const QMutexLocker locker(&m_mutex);
        if (!db.isOpen())
            m_openError = error;
        else
            m_ready = true;
        m_wake.wakeAll();
    }
    if (m_ready) {
        for (bool replay = !m_spool.isEmpty();;) {
            QList<Pending> group;
            QHash<QString, qint64> acks;
            {
                QMutexLocker locker(&m_mutex);
                // With events in the spool, wake up now and then to move them into the database.
                while (!replay && m_queue.isEmpty() && m_acks.isEmpty() && !m_stopping) {
                    if (m_spool.isEmpty())
                        m_wake.wait(&m_mutex);
                    else
                        replay = !m_wake.wait(&m_mutex, SpoolRetryMs);
                }
                if (!replay && m_queue.isEmpty() && m_acks.isEmpty())
                    break; // stopping, and everything queued is committed or spooled
                const qsizetype take = qMin<qsizetype>(m_queue.size(), MaxGroup);
                group = m_queue.mid(0, take);
                m_queue.remove(0, take);
                acks = std::exchange(m_acks, {});
            }
            replay = false;
            qint64 lastSeq = 0;
            const QList<Outcome> outcomes = commitGroup(group, acks, &lastSeq);
            if (!outcomes.isEmpty() || lastSeq > 0)
                m_deliver(outcomes, lastSeq, streamEvents(group, outcomes));
        }
    }
    RelayDatabase::close(connection);
}

QList<EventLogWriter::Outcome> EventLogWriter::commitGroup(const QList<Pending> &group,
                                                           const QHash<QString, qint64> &acks, qint64 *lastSeq)
{
    const QList<EventSpool::Record> spooled = m_spool.isEmpty() ? QList<EventSpool::Record>() : m_spool.readAll();
    if (group.isEmpty() && spooled.isEmpty() && acks.isEmpty())
        return {};
    QList<Outcome> outcomes;
    const QString failure = insertAndCommit(spooled, group, acks, &outcomes, lastSeq);
    if (failure.isEmpty() && group.isEmpty() && spooled.isEmpty()) {
        m_commits.fetch_add(1); // acks alone: a sync all the same
        return outcomes;
    }
    if (failure.isEmpty()) {
        QString error;
        if (!spooled.isEmpty()) {
            qCInfo(lcRelay) << "moved" << spooled.size() << "spooled events into the database";
            // A failure here only means they are replayed again: their ids make that a no-op.
            if (!m_spool.clear(&error))
                qCWarning(lcRelay) << "could not empty the spool" << m_spool.path() << ":" << error;
        }
        m_commits.fetch_add(1);
        m_events.fetch_add(outcomes.size());
        int largest = m_largestGroup.load();
        while (int(outcomes.size()) > largest && !m_largestGroup.compare_exchange_weak(largest, int(outcomes.size()))) {
        }
        return outcomes;
    }
    outcomes.clear();
    *lastSeq = 0;
    if (!acks.isEmpty())
        qCInfo(lcRelay) << "acks of" << acks.size() << "subscribers not recorded (" << failure
                        << "); they are sent those events again";
    if (group.isEmpty())
        return outcomes; // a replay that failed: the spool keeps the events, the next try is in a second
    QList<EventSpool::Record> records;
    records.reserve(group.size());
    for (const Pending &pending : group)
        records.append({pending.id, pending.event});
    QString spoolError;
    if (m_spool.append(records, &spoolError)) {
        qCWarning(lcRelay) << "the database refused" << group.size() << "events (" << failure
                           << "); they are in the spool" << m_spool.path();
        m_spooled.fetch_add(group.size());
        for (const Pending &pending : group)
            outcomes.append({pending.ticket, 0, {}});
        return outcomes;
    }
    qCCritical(lcRelay) << "neither the database (" << failure << ") nor the spool (" << spoolError << ") took"
                        << group.size() << "events";
    const QString error = QCoreApplication::translate("confero::relay::EventLog",
                                                      "the relay could not store the event: the database said "
                                                      "\"%1\" and the spool file said \"%2\"")
                              .arg(failure, spoolError);
    for (const Pending &pending : group)
        outcomes.append({pending.ticket, 0, error});
    return outcomes;
}

QString EventLogWriter::insertAndCommit(const QList<EventSpool::Record> &spooled, const QList<Pending> &group,
                                        const QHash<QString, qint64> &acks, QList<Outcome> *outcomes, qint64 *lastSeq)
{
    QSqlDatabase db = QSqlDatabase::database(connectionName(), false);
    const bool postgres = db.driverName() == "QPSQL"_L1;
    QSqlQuery query(db);
    // IMMEDIATE takes SQLite's write lock now, so the inserts never fail half-way on a lock an admin
    // command holds; busy_timeout waits for it. PostgreSQL: the commit-order lock, lock_timeout.
    if (!query.exec(postgres ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s))
        return query.lastError().text();
    const auto fail = [&db](const QSqlQuery &failed) {
        QString reason = failed.lastError().text();
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        return reason;
    };
    if (postgres && !query.exec(u"SELECT pg_advisory_xact_lock(%1)"_s.arg(CommitOrderLockKey)))
        return fail(query);
    const auto bind = [](QSqlQuery &insert, const QString &id, const IncomingEvent &event) {
        insert.bindValue(0, id);
        insert.bindValue(1, event.project);
        insert.bindValue(2, event.type);
        insert.bindValue(3, event.receivedAtMs);
        // Bound as text: the body is valid UTF-8 (WebhookCheck), and text reads back as the same bytes.
        insert.bindValue(4, QString::fromUtf8(event.body));
        insert.bindValue(5, QString::fromLatin1(protocol::Digest::sha256(event.body).toHex()));
    };
    // The new row's seq: RETURNING on PostgreSQL (no row when a replayed id was there already).
    const auto insertedSeq = [postgres](QSqlQuery &insert) -> qint64 {
        if (postgres)
            return insert.next() ? insert.value(0).toLongLong() : 0;
        return insert.numRowsAffected() > 0 ? insert.lastInsertId().toLongLong() : 0;
    };
    const QString columns = u"(id, project, type, received_at, body, sha256) VALUES (?, ?, ?, ?, ?, ?)"_s;
    const QString returning = postgres ? u" RETURNING seq"_s : QString();
    if (!spooled.isEmpty()) {
        // Spooled events first: they arrived before anything queued now. A crash after their commit
        // and before the spool was emptied replays them again; their ids make that a no-op.
        QSqlQuery replay(db);
        const QString replaySql = postgres
            ? QString(u"INSERT INTO events "_s + columns + u" ON CONFLICT (id) DO NOTHING"_s + returning)
            : QString(u"INSERT OR IGNORE INTO events "_s + columns);
        if (!replay.prepare(replaySql))
            return fail(replay);
        for (const EventSpool::Record &record : spooled) {
            bind(replay, record.id, record.event);
            if (!replay.exec())
                return fail(replay);
            if (const qint64 seq = insertedSeq(replay); seq > 0)
                *lastSeq = seq;
        }
    }
    if (!query.prepare(u"INSERT INTO events "_s + columns + returning))
        return fail(query);
    for (const Pending &pending : group) {
        bind(query, pending.id, pending.event);
        if (!query.exec())
            return fail(query);
        const qint64 seq = insertedSeq(query);
        outcomes->append({pending.ticket, seq, {}});
        *lastSeq = seq;
    }
    // Relays sharing the database hear of the commit (RelayServer listens); sent at the commit.
    if (postgres && *lastSeq > 0
        && !query.exec(
            u"SELECT pg_notify('%1', '%2')"_s.arg(QLatin1StringView(RelayDatabase::CommitChannel)).arg(*lastSeq)))
        return fail(query);
    // An ack that fails is left out (logged), never the events: they are what a 200 promised.
    SubscriberRegistry registry(db, {});
    for (auto it = acks.cbegin(); it != acks.cend(); ++it) {
        QString error;
        if (!registry.acknowledge(it.key(), it.value(), &error))
            qCWarning(lcRelay) << "ack of" << it.key() << "at seq" << it.value() << "not recorded:" << error;
    }
    QSqlQuery commit(db);
    if (!commit.exec(u"COMMIT"_s))
        return fail(commit);
    return {};
}

} // namespace confero::relay
