#include "ControlController.h"

#include "FaultInjector.h"
#include "JsonBody.h"
#include "Logging.h"
#include "SandboxClock.h"
#include "SandboxState.h"
#include "TokensController.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

ApiReply badControlRequest(const QString &desc)
{
    return ApiReply::failure({ResultCode::MalformedRequest, u"Malformed request"_s, desc});
}

} // namespace

ControlController::ControlController(SandboxState &state, SandboxClock &clock, FaultInjector &faults,
                                     TokensController &tokens)
    : m_state(state)
    , m_clock(clock)
    , m_faults(faults)
    , m_tokens(tokens)
{
}

void ControlController::setAfterReset(std::function<void()> afterReset)
{
    m_afterReset = std::move(afterReset);
}

bool ControlController::acceptsPeer(const QHostAddress &peer)
{
    // IPv4-mapped IPv6 loopback (::ffff:127.0.0.1) counts too: a dual-stack listener reports it so.
    bool mapped = false;
    const QHostAddress v4(peer.toIPv4Address(&mapped));
    return peer.isLoopback() || (mapped && v4.isLoopback());
}

ApiReply ControlController::refusePeer(const QHostAddress &peer)
{
    return ApiReply::failure({ResultCode::Forbidden, u"Control surface refused"_s,
                              u"The /sandbox/ routes answer only on loopback; %1 is not."_s.arg(peer.toString())});
}

ApiReply ControlController::reset()
{
    m_state.reset();
    m_faults.clear();
    m_clock.setOffsetSeconds(0);
    if (m_afterReset)
        m_afterReset();
    qCInfo(lcSandbox) << "sandbox reset";
    return ApiReply::success();
}

ApiReply ControlController::state() const
{
    const QDateTime now = m_clock.now();
    QJsonArray rooms;
    for (const RoomRecord &record : m_state.rooms()) {
        QJsonObject room = record.room;
        room.insert(u"live"_s, record.isLive());
        room.insert(u"conf_num"_s, record.liveConfNum);
        room.insert(u"session_count"_s, record.sessionCount);
        rooms.append(room);
    }
    QJsonArray tokens;
    for (const TokenRecord &record : m_state.tokens()) {
        QJsonObject token = record.toJson();
        token.insert(u"used"_s, record.isUsed());
        token.insert(u"expired"_s, record.isExpired(now));
        tokens.append(token);
    }
    QJsonArray users;
    for (const LiveUser &user : m_state.users())
        users.append(user.toStateJson());
    return ApiReply::success(
        {{u"rooms"_s, rooms},
         {u"tokens"_s, tokens},
         {u"users"_s, users},
         {u"clock"_s,
          QJsonObject{{u"offset_s"_s, m_clock.offsetSeconds()}, {u"now"_s, now.toString(Qt::ISODateWithMs)}}},
         {u"faults"_s, m_faults.toJson()},
         {u"cdr"_s,
          QJsonObject{{u"rows"_s, qint64(m_state.realCdr()->rows().size())},
                      {u"sessions"_s, qint64(m_state.realCdr()->sessions().size())},
                      {u"simulated_rows"_s, qint64(m_state.simulatedCdr()->rows().size())},
                      {u"simulated_sessions"_s, qint64(m_state.simulatedCdr()->sessions().size())}}}});
}

ApiReply ControlController::setClock(const QByteArray &body)
{
    SandboxError error;
    const std::optional<QJsonObject> request = JsonBody::parseObject(body, &error);
    if (!request)
        return ApiReply::failure(error);
    const std::optional<qint64> offset = JsonBody::wholeNumber(request->value(u"offset_s"));
    if (!offset)
        return badControlRequest(u"The body must be {\"offset_s\": N}, N a whole number of seconds."_s);
    m_clock.setOffsetSeconds(*offset);
    qCInfo(lcSandbox) << "clock offset set to" << *offset << "s";
    return ApiReply::success({{u"offset_s"_s, *offset}, {u"now"_s, m_clock.now().toString(Qt::ISODateWithMs)}});
}

ApiReply ControlController::consumeToken(const QByteArray &body)
{
    SandboxError error;
    const std::optional<QJsonObject> request = JsonBody::parseObject(body, &error);
    if (!request)
        return ApiReply::failure(error);
    if (!request->value(u"token").isString())
        return badControlRequest(u"The body must be {\"token\": \"...\"}."_s);
    // Optional "agent" and "ip" describe the client in its CDR row.
    const QString ip = request->value(u"ip").toString();
    bool isIpv4 = false;
    QHostAddress(ip).toIPv4Address(&isIpv4);
    if (!ip.isEmpty() && !isIpv4)
        return badControlRequest(u"\"ip\" must be an IPv4 address such as 192.0.2.10; got \"%1\"."_s.arg(ip));
    return m_tokens.consume(request->value(u"token").toString().toLatin1(), request->value(u"agent").toString(),
                            request->value(u"ip").toString());
}

ApiReply ControlController::leave(const QByteArray &body)
{
    SandboxError error;
    const std::optional<QJsonObject> request = JsonBody::parseObject(body, &error);
    if (!request)
        return ApiReply::failure(error);
    const QString roomId = request->value(u"room_id").toString();
    const QString userRef = request->value(u"user_ref").toString();
    if (roomId.isEmpty() || userRef.isEmpty())
        return badControlRequest(u"The body must be {\"room_id\": \"...\", \"user_ref\": \"...\"}."_s);
    if (!m_state.room(roomId))
        return ApiReply::failure({ResultCode::RoomNotFound, u"Room not found"_s,
                                  u"No room with id \"%1\" exists in this sandbox."_s.arg(roomId)});
    if (!m_state.leave(roomId, userRef, m_clock.now()))
        return ApiReply::failure({ResultCode::UserNotInRoom, u"User not in room"_s,
                                  u"Nobody with user_ref \"%1\" is in room %2."_s.arg(userRef, roomId)});
    qCInfo(lcSandbox) << userRef << "left room" << roomId;
    return ApiReply::success({{u"room_id"_s, roomId}, {u"user_ref"_s, userRef}});
}

ApiReply ControlController::simulateSession(const QByteArray &body)
{
    SandboxError error;
    const std::optional<QJsonObject> request = JsonBody::parseObject(body, &error);
    if (!request)
        return ApiReply::failure(error);
    const QString roomId = request->value(u"room_id").toString();
    const std::optional<qint64> participants = request->contains(u"participants")
        ? JsonBody::wholeNumber(request->value(u"participants"))
        : std::optional<qint64>(2);
    const std::optional<qint64> duration = request->contains(u"duration_s")
        ? JsonBody::wholeNumber(request->value(u"duration_s"))
        : std::optional<qint64>(600);
    const QJsonValue recorded = request->value(u"recorded");
    if (roomId.isEmpty() || !participants || *participants < 1 || *participants > 300 || !duration || *duration < 1
        || *duration > 86400 || !(recorded.isUndefined() || recorded.isBool()))
        return badControlRequest(u"The body must be {\"room_id\": \"...\", \"participants\": 1..300, "
                                 "\"duration_s\": 1..86400, \"recorded\": true|false}."_s);
    const RoomRecord *record = m_state.room(roomId);
    if (!record)
        return ApiReply::failure({ResultCode::RoomNotFound, u"Room not found"_s,
                                  u"No room with id \"%1\" exists in this sandbox."_s.arg(roomId)});
    // [INFERRED] A room holds one session at a time: a simulated one cannot overlap a live one.
    if (record->isLive())
        return ApiReply::failure({ResultCode::UpdateOnActiveRoom, u"Room is active"_s,
                                  u"Room %1 has a live session (conf_num %2); simulate a session once it ends."_s.arg(
                                      roomId, record->liveConfNum)});
    const QString confNum = m_state.simulateSession(roomId, int(*participants), *duration * 1000, m_clock.now());
    qCInfo(lcSandbox) << "simulated session" << confNum << "in room" << roomId << "with" << *participants
                      << "participants";
    return ApiReply::success({{u"conf_num"_s, confNum}, {u"room_id"_s, roomId}});
}

ApiReply ControlController::setFaults(const QByteArray &body)
{
    SandboxError error;
    const std::optional<QJsonObject> request = JsonBody::parseObject(body, &error);
    if (!request)
        return ApiReply::failure(error);
    QString why;
    if (!m_faults.replace(*request, &why))
        return badControlRequest(why);
    qCInfo(lcSandbox) << "faults set:" << m_faults.toJson().size();
    return ApiReply::success({{u"faults"_s, m_faults.toJson()}});
}

ApiReply ControlController::clearFaults()
{
    m_faults.clear();
    qCInfo(lcSandbox) << "faults cleared";
    return ApiReply::success({{u"faults"_s, QJsonArray()}});
}

} // namespace confero::sandbox
