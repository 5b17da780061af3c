#include "RoomCache.h"

#include "Store.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

class RoomCacheText
{
    Q_DECLARE_TR_FUNCTIONS(confero::RoomCache)
};

} // namespace

RoomCache::RoomCache(Store *store)
    : m_store(store)
{
}

StoreResult<bool> RoomCache::replace(qint64 projectId, const QList<Room> &rooms, const QDateTime &fetchedAt)
{
    QSqlDatabase db = m_store->database();
    if (!db.transaction())
        return StoreError{RoomCacheText::tr("Could not save the room list."), db.lastError().text()};
    QSqlQuery query(db);
    query.prepare(u"DELETE FROM rooms WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    bool ok = query.exec();
    if (ok)
        ok = query.prepare(u"INSERT INTO rooms (project_id, room_id, name, raw_json, fetched_at) "
                           "VALUES (?, ?, ?, ?, ?)"_s);
    for (const Room &room : rooms) {
        if (!ok)
            break;
        query.addBindValue(projectId);
        query.addBindValue(room.id);
        query.addBindValue(room.name);
        query.addBindValue(QString::fromUtf8(QJsonDocument(room.raw).toJson(QJsonDocument::Compact)));
        query.addBindValue(fetchedAt.toMSecsSinceEpoch());
        ok = query.exec();
    }
    if (!ok || !db.commit()) {
        const QString detail = query.lastError().isValid() ? query.lastError().text() : db.lastError().text();
        db.rollback();
        return StoreError{RoomCacheText::tr("Could not save the room list."), detail};
    }
    return true;
}

QList<Room> RoomCache::rooms(qint64 projectId) const
{
    QList<Room> list;
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT raw_json FROM rooms WHERE project_id = ? ORDER BY name, room_id"_s);
    query.addBindValue(projectId);
    if (!query.exec())
        return list;
    while (query.next()) {
        const QJsonDocument document = QJsonDocument::fromJson(query.value(0).toString().toUtf8());
        if (std::optional<Room> room = Room::fromJson(document.object()))
            list.append(std::move(*room));
    }
    return list;
}

QDateTime RoomCache::fetchedAt(qint64 projectId) const
{
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT MAX(fetched_at) FROM rooms WHERE project_id = ?"_s);
    query.addBindValue(projectId);
    if (!query.exec() || !query.next() || query.value(0).isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), QTimeZone::utc());
}

} // namespace confero
