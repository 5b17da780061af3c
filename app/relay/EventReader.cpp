#include "EventReader.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero::relay {

EventReader::EventReader(const QSqlDatabase &db)
    : m_db(db)
{
}

QList<protocol::StreamEvent> EventReader::after(qint64 seq, const QStringList &projects, int limit,
                                                QString *error) const
{
    QList<protocol::StreamEvent> events;
    if (projects.isEmpty() || limit <= 0)
        return events;
    QStringList marks;
    for (qsizetype i = 0; i < projects.size(); ++i)
        marks.append(u"?"_s);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT seq, id, project, received_at, body FROM events WHERE seq > ? AND project IN (%1) "
                  "ORDER BY seq LIMIT ?"_s.arg(marks.join(u',')));
    query.addBindValue(seq);
    for (const QString &project : projects)
        query.addBindValue(project);
    query.addBindValue(limit);
    if (!query.exec()) {
        *error = QCoreApplication::translate("confero::relay::EventReader", "Could not read the event log: %1")
                     .arg(query.lastError().text());
        return events;
    }
    while (query.next())
        events.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                       query.value(3).toLongLong(), query.value(4).toString().toUtf8()});
    return events;
}

qint64 EventReader::head(QString *error) const
{
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT COALESCE(MAX(seq), 0) FROM events"_s) || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return 0;
    }
    return query.value(0).toLongLong();
}

} // namespace confero::relay
