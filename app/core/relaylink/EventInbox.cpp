#include "EventInbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

class EventInboxText
{
    Q_DECLARE_TR_FUNCTIONS(confero::EventInbox)
};

QString typeOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value("type"_L1).toString();
}

} // namespace

EventInbox::EventInbox(const QSqlDatabase &db, qint64 projectId, QString relayUrl)
    : m_db(db)
    , m_projectId(projectId)
    , m_relayUrl(std::move(relayUrl))
{
}

StoreResult<int> EventInbox::store(const QList<protocol::StreamEvent> &events)
{
    if (events.isEmpty())
        return 0;
    if (!m_db.transaction())
        return StoreError{EventInboxText::tr("Could not store the relay's events."), m_db.lastError().text()};
    QSqlQuery insert(m_db);
    // ON CONFLICT ... DO NOTHING is the same on SQLite (3.24+) and PostgreSQL.
    insert.prepare(u"INSERT INTO events (project_id, relay_id, relay_seq, type, received_at, body, stored_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, relay_id) DO NOTHING"_s);
    int added = 0;
    qint64 highest = 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const protocol::StreamEvent &event : events) {
        insert.bindValue(0, m_projectId);
        insert.bindValue(1, event.id);
        insert.bindValue(2, event.seq);
        insert.bindValue(3, typeOf(event.body));
        insert.bindValue(4, event.receivedAtMs);
        insert.bindValue(5, QString::fromUtf8(event.body));
        insert.bindValue(6, now);
        if (!insert.exec()) {
            const QString detail = insert.lastError().text();
            m_db.rollback();
            return StoreError{EventInboxText::tr("Could not store the relay's events."), detail};
        }
        added += insert.numRowsAffected() > 0 ? 1 : 0;
        highest = qMax(highest, event.seq);
    }
    QSqlQuery cursor(m_db);
    cursor.prepare(u"INSERT INTO relay_cursors (project_id, relay_url, acked_seq) VALUES (?, ?, ?) "
                   "ON CONFLICT (project_id, relay_url) DO UPDATE SET acked_seq = excluded.acked_seq "
                   "WHERE relay_cursors.acked_seq < excluded.acked_seq"_s);
    cursor.addBindValue(m_projectId);
    cursor.addBindValue(m_relayUrl);
    cursor.addBindValue(highest);
    if (!cursor.exec() || !m_db.commit()) {
        const QString detail =
            cursor.lastError().type() != QSqlError::NoError ? cursor.lastError().text() : m_db.lastError().text();
        m_db.rollback();
        return StoreError{EventInboxText::tr("Could not store the relay's events."), detail};
    }
    return added;
}

StoreResult<qint64> EventInbox::cursor() const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT acked_seq FROM relay_cursors WHERE project_id = ? AND relay_url = ?"_s);
    query.addBindValue(m_projectId);
    query.addBindValue(m_relayUrl);
    if (!query.exec())
        return StoreError{EventInboxText::tr("Could not read where the relay stream stopped."),
                          query.lastError().text()};
    return query.next() ? query.value(0).toLongLong() : qint64(0);
}

} // namespace confero
