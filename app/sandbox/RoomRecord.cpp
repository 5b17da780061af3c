#include "RoomRecord.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

QString RoomRecord::roomId() const
{
    return room.value(u"room_id").toString();
}

QJsonObject RoomRecord::settings() const
{
    return room.value(u"settings").toObject();
}

bool RoomRecord::isLive() const
{
    return !liveConfNum.isEmpty();
}

CdrRoom RoomRecord::toCdrRoom() const
{
    const QJsonObject details{
        {u"name"_s, room.value(u"name")}, {u"owner_ref"_s, room.value(u"owner_ref")}, {u"settings"_s, settings()}};
    return CdrRoom{roomId().toUtf8(), room.value(u"name").toString().toUtf8(),
                   QJsonDocument(details).toJson(QJsonDocument::Compact)};
}

bool RoomRecord::isLecture() const
{
    return settings().value(u"mode").toString() == u"lecture";
}

QJsonObject RoomRecord::toJson() const
{
    QJsonObject object{{u"room"_s, room}, {u"session_count"_s, sessionCount}};
    if (firstSessionStart.isValid())
        object.insert(u"first_session_start"_s, firstSessionStart.toString(Qt::ISODateWithMs));
    return object;
}

RoomRecord RoomRecord::fromJson(const QJsonObject &object)
{
    RoomRecord record;
    record.room = object.value(u"room").toObject();
    record.sessionCount = object.value(u"session_count").toInt();
    record.firstSessionStart =
        QDateTime::fromString(object.value(u"first_session_start").toString(), Qt::ISODateWithMs);
    return record;
}

} // namespace confero::sandbox
