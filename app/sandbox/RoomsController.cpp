#include "RoomsController.h"

#include "JsonBody.h"
#include "Logging.h"
#include "ObjectIdGenerator.h"
#include "SandboxClock.h"
#include "SandboxState.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

SandboxError activeRoom(const QString &action)
{
    return SandboxError{ResultCode::UpdateOnActiveRoom, u"Denied %1 request on active room"_s.arg(action),
                        u"The room has a live session; try again when everyone has left."_s};
}

// [INFERRED] The docs say a scheduled room must be updated at least 15 minutes before its start;
// from then until its window closes it counts as active.
bool insideScheduledLock(const QJsonObject &settings, const QDateTime &now)
{
    if (!settings.value(u"scheduled").toBool())
        return false;
    const QDateTime start = RoomDefinitionValidator::parseScheduledTime(settings.value(u"scheduled_time").toString());
    if (!start.isValid())
        return false;
    const qint64 minutes = JsonBody::wholeNumber(settings.value(u"duration")).value_or(0);
    return now >= start.addSecs(-15 * 60) && now < start.addSecs(minutes * 60);
}

} // namespace

RoomsController::RoomsController(SandboxState &state, const SandboxClock &clock, ObjectIdGenerator &ids,
                                 bool strictSettings)
    : m_state(state)
    , m_clock(clock)
    , m_ids(ids)
    , m_validator(clock, strictSettings)
{
}

SandboxError RoomsController::roomNotFound(const QString &roomId)
{
    if (roomId.isEmpty())
        return SandboxError{ResultCode::RoomIdMissing, u"URL parameter missing: room_id"_s,
                            u"The route needs a room id after /rooms/."_s};
    return SandboxError{ResultCode::RoomNotFound, u"Room not found"_s,
                        u"No room with id \"%1\" exists in this application."_s.arg(roomId)};
}

ApiReply RoomsController::create(const QByteArray &body)
{
    const QDateTime now = m_clock.now();
    return create(body, m_ids.next(now), now);
}

ApiReply RoomsController::create(const QByteArray &body, const QString &roomId, const QDateTime &created)
{
    SandboxError error;
    const std::optional<QJsonObject> request = JsonBody::parseObject(body, &error);
    if (!request)
        return ApiReply::failure(error);
    std::optional<QJsonObject> room = m_validator.validateCreate(*request, &error);
    if (!room)
        return ApiReply::failure(error);
    room->insert(u"room_id"_s, roomId);
    room->insert(u"created"_s, created.toString(Qt::ISODateWithMs));
    RoomRecord record;
    record.room = *room;
    m_state.addRoom(record);
    qCInfo(lcSandbox) << "room created" << record.roomId() << room->value(u"name").toString();
    return ApiReply::success({{u"room"_s, *room}});
}

ApiReply RoomsController::list() const
{
    QJsonArray rooms;
    for (const RoomRecord &record : m_state.rooms())
        rooms.append(record.room);
    return ApiReply::success({{u"rooms"_s, rooms}});
}

ApiReply RoomsController::get(const QString &roomId) const
{
    const RoomRecord *record = m_state.room(roomId);
    if (!record)
        return ApiReply::failure(roomNotFound(roomId));
    return ApiReply::success({{u"room"_s, record->room}});
}

ApiReply RoomsController::update(const QString &roomId, const QByteArray &body)
{
    const RoomRecord *record = m_state.room(roomId);
    if (!record)
        return ApiReply::failure(roomNotFound(roomId));
    SandboxError error;
    const std::optional<QJsonObject> patch = JsonBody::parseObject(body, &error);
    if (!patch)
        return ApiReply::failure(error);
    if (record->isLive() || insideScheduledLock(record->settings(), m_clock.now()))
        return ApiReply::failure(activeRoom(u"update"_s));
    const std::optional<QJsonObject> updated = m_validator.validateUpdate(record->room, *patch, &error);
    if (!updated)
        return ApiReply::failure(error);
    m_state.replaceRoomDefinition(roomId, *updated);
    qCInfo(lcSandbox) << "room updated" << roomId;
    return ApiReply::success();
}

ApiReply RoomsController::remove(const QString &roomId)
{
    const RoomRecord *record = m_state.room(roomId);
    if (!record)
        return ApiReply::failure(roomNotFound(roomId));
    // [INFERRED] The docs allow deletion only without a live session but give no code: the update
    // refusal, 10030, is the documented code closest to it.
    if (record->isLive())
        return ApiReply::failure(activeRoom(u"delete"_s));
    m_state.removeRoom(roomId);
    qCInfo(lcSandbox) << "room deleted" << roomId;
    return ApiReply::success();
}

ApiReply RoomsController::users(const QString &roomId) const
{
    if (!m_state.room(roomId))
        return ApiReply::failure(roomNotFound(roomId));
    QJsonArray users;
    for (const LiveUser &user : m_state.usersIn(roomId))
        users.append(user.toApiJson());
    // [INFERRED] The docs' "null list" for an idle room is rendered as an empty array, total 0.
    return ApiReply::success({{u"total"_s, users.size()}, {u"users"_s, users}});
}

} // namespace confero::sandbox
