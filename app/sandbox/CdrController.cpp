#include "CdrController.h"

#include "CdrRowWriter.h"
#include "CdrSimulator.h"
#include "CdrStreamDevice.h"
#include "JsonBody.h"
#include "Logging.h"
#include "RoomsController.h"
#include "SandboxClock.h"
#include "SandboxState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

SandboxError invalidDate(const QString &which, const QString &text)
{
    return {ResultCode::InvalidDate, u"Invalid date"_s,
            u"%1 \"%2\" is not a date of the form YYYY-MM-DD (UTC)."_s.arg(which, text)};
}

ApiReply badSimulation(const QString &desc)
{
    return ApiReply::failure({ResultCode::MalformedRequest, u"Malformed request"_s, desc});
}

} // namespace

CdrController::CdrController(SandboxState &state, const SandboxClock &clock, RoomsController &rooms, QString appId)
    : m_state(state)
    , m_clock(clock)
    , m_rooms(rooms)
    , m_appId(std::move(appId))
{
}

std::optional<QDate> CdrController::parseDate(const QString &text)
{
    static const QRegularExpression shape(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    if (!shape.match(text).hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

ApiReply CdrController::window(const QString &roomId, const QString &from, const QString &to) const
{
    if (from.isEmpty() || to.isEmpty())
        return ApiReply::failure({ResultCode::CdrToDateMissing, u"to_date missing"_s,
                                  u"A CDR period needs both dates: .../{from_date}/{to_date}, each YYYY-MM-DD."_s});
    const std::optional<QDate> fromDate = parseDate(from);
    if (!fromDate)
        return ApiReply::failure(invalidDate(u"from_date"_s, from));
    const std::optional<QDate> toDate = parseDate(to);
    if (!toDate)
        return ApiReply::failure(invalidDate(u"to_date"_s, to));
    if (*toDate < *fromDate)
        return ApiReply::failure(
            {ResultCode::InvalidDate, u"Invalid date"_s, u"to_date %1 comes before from_date %2."_s.arg(to, from)});
    // [INFERRED] to_date is inclusive (its whole day, UTC), and a window selects every session
    // whose span [first connect, last disconnect] overlaps it, with all that session's rows. See
    // README "CDR windows": windows overlapping by a day then never miss or split a session.
    const qint64 fromMs = QDateTime(*fromDate, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 toMs = QDateTime(toDate->addDays(1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const QByteArray room = roomId.toUtf8();
    CdrSelection selection;
    for (const std::shared_ptr<const CdrLog> &log : {m_state.simulatedCdr(), m_state.realCdr()})
        selection.add(log, log->sessionsOverlapping(fromMs, toMs, room));
    return ApiReply::streamed(std::make_shared<CdrStreamDevice>(std::move(selection), CdrRowWriter(m_appId.toUtf8())));
}

ApiReply CdrController::period(const QString &from, const QString &to) const
{
    return window(QString(), from, to);
}

ApiReply CdrController::roomPeriod(const QString &roomId, const QString &from, const QString &to) const
{
    if (roomId.isEmpty())
        return ApiReply::failure({ResultCode::CdrPeriodRoomIdMissing, u"room_id missing"_s,
                                  u"Use /cdr/room-period/{room_id}/{from_date}/{to_date}."_s});
    return window(roomId, from, to);
}

ApiReply CdrController::room(const QString &roomId) const
{
    if (roomId.isEmpty())
        return ApiReply::failure({ResultCode::CdrRoomIdMissing, u"room_id missing"_s, u"Use /cdr/room/{room_id}."_s});
    // [INFERRED] A room that no longer exists (or never did) has no rows rather than a 40001: CDR
    // outlives the rooms it describes.
    const QByteArray room = roomId.toUtf8();
    CdrSelection selection;
    for (const std::shared_ptr<const CdrLog> &log : {m_state.simulatedCdr(), m_state.realCdr()})
        selection.add(log, log->sessionsOfRoom(room));
    return ApiReply::streamed(std::make_shared<CdrStreamDevice>(std::move(selection), CdrRowWriter(m_appId.toUtf8())));
}

ApiReply CdrController::conference(const QString &confNum) const
{
    if (confNum.isEmpty())
        return ApiReply::failure(
            {ResultCode::CdrConfNumMissing, u"conf_num missing"_s, u"Use /cdr/conf/{conf_num}."_s});
    bool ok = false;
    const uint number = confNum.toUInt(&ok);
    if (!ok || number == 0)
        return ApiReply::failure(
            {ResultCode::CdrConfNumInvalid, u"conf_num invalid"_s,
             u"\"%1\" is not a conference number (conf_num is a positive whole number)."_s.arg(confNum)});
    CdrSelection selection;
    for (const std::shared_ptr<const CdrLog> &log : {m_state.simulatedCdr(), m_state.realCdr()})
        selection.add(log, log->sessionsOfConference(number));
    return ApiReply::streamed(std::make_shared<CdrStreamDevice>(std::move(selection), CdrRowWriter(m_appId.toUtf8())));
}

void CdrController::createSimulationRooms(const CdrSimulationPlan &plan)
{
    const QDateTime created(plan.endDate.addDays(-plan.days), QTime(8, 0), Qt::UTC);
    const QList<QJsonObject> definitions{
        {{u"name"_s, u"Company all-hands"_s},
         {u"owner_ref"_s, u"internal-comms"_s},
         {u"settings"_s,
          QJsonObject{
              {u"mode"_s, u"lecture"_s}, {u"moderators"_s, 3}, {u"participants"_s, 60}, {u"quality"_s, u"HD"_s}}}},
        {{u"name"_s, u"Support desk"_s},
         {u"owner_ref"_s, u"support"_s},
         {u"settings"_s, QJsonObject{{u"mode"_s, u"group"_s}, {u"participants"_s, 60}, {u"quality"_s, u"SD"_s}}}},
        {{u"name"_s, u"Design review"_s},
         {u"owner_ref"_s, u"design-team"_s},
         {u"settings"_s, QJsonObject{{u"mode"_s, u"group"_s}, {u"participants"_s, 60}, {u"quality"_s, u"HD"_s}}}},
    };
    for (int i = 0; i < definitions.size(); ++i) {
        // An ObjectId made of the creation time, the seed and the room's number: the same rooms
        // for the same plan.
        const QString id = u"%1%2%3"_s.arg(quint32(created.toSecsSinceEpoch()), 8, 16, QLatin1Char('0'))
                               .arg(quint32(plan.seed), 8, 16, QLatin1Char('0'))
                               .arg(i + 1, 8, 16, QLatin1Char('0'));
        const ApiReply reply =
            m_rooms.create(QJsonDocument(definitions.at(i)).toJson(QJsonDocument::Compact), id, created);
        if (!reply.isSuccess())
            qCWarning(lcSandbox) << "simulation room refused:" << reply.body.value(u"desc").toString();
    }
}

std::optional<qsizetype> CdrController::simulate(const CdrSimulationPlan &plan, QString *error)
{
    if (plan.days < 1 || plan.sessionsPerDay < 1) {
        *error = u"days and sessions per day must be at least 1"_s;
        return std::nullopt;
    }
    if (qint64(plan.days) * plan.sessionsPerDay > MaxSimulatedSessions) {
        *error = u"%1 days of %2 sessions is more than the %3 sessions one simulation may hold"_s.arg(plan.days)
                     .arg(plan.sessionsPerDay)
                     .arg(MaxSimulatedSessions);
        return std::nullopt;
    }
    if (!plan.endDate.isValid()) {
        *error = u"the simulation needs an end date"_s;
        return std::nullopt;
    }
    if (m_state.rooms().isEmpty())
        createSimulationRooms(plan);
    QList<CdrSimulatedRoom> rooms;
    for (const RoomRecord &record : m_state.rooms())
        rooms.append({record.toCdrRoom(), record.isLecture()});
    std::shared_ptr<const CdrLog> log = CdrSimulator::generate(plan, rooms);
    const auto rows = qsizetype(log->rows().size());
    m_state.setSimulatedCdr(std::move(log));
    return rows;
}

ApiReply CdrController::simulate(const QByteArray &body)
{
    SandboxError parseError;
    const std::optional<QJsonObject> request = JsonBody::parseObject(body, &parseError);
    if (!request)
        return ApiReply::failure(parseError);
    CdrSimulationPlan plan;
    const std::optional<qint64> days = JsonBody::wholeNumber(request->value(u"days"));
    const std::optional<qint64> perDay = JsonBody::wholeNumber(request->value(u"sessions_per_day"));
    const std::optional<qint64> seed =
        request->contains(u"seed") ? JsonBody::wholeNumber(request->value(u"seed")) : std::optional<qint64>(1);
    if (!days || !perDay || *days < 1 || *perDay < 1 || *days > 3660 || *perDay > MaxSimulatedSessions)
        return badSimulation(u"The body must be {\"days\": D, \"sessions_per_day\": N, \"seed\": S, \"end_date\": "
                             "\"YYYY-MM-DD\"} with D and N positive whole numbers."_s);
    if (!seed || *seed < 0)
        return badSimulation(u"\"seed\" must be a whole number, 0 or more."_s);
    plan.days = int(*days);
    plan.sessionsPerDay = int(*perDay);
    plan.seed = quint64(*seed);
    if (request->contains(u"end_date")) {
        const std::optional<QDate> end = parseDate(request->value(u"end_date").toString());
        if (!end)
            return ApiReply::failure(invalidDate(u"end_date"_s, request->value(u"end_date").toString()));
        plan.endDate = *end;
    } else {
        // [INFERRED] By default history ends yesterday (sandbox clock, UTC): today belongs to real sessions.
        plan.endDate = m_clock.now().toUTC().date().addDays(-1);
    }
    QString error;
    const std::optional<qsizetype> rows = simulate(plan, &error);
    if (!rows)
        return badSimulation(error);
    const std::shared_ptr<const CdrLog> log = m_state.simulatedCdr();
    QJsonArray rooms;
    for (const RoomRecord &record : m_state.rooms())
        rooms.append(record.roomId());
    return ApiReply::success({{u"sessions"_s, qint64(log->sessions().size())},
                              {u"rows"_s, qint64(*rows)},
                              {u"from"_s, plan.endDate.addDays(1 - plan.days).toString(Qt::ISODate)},
                              {u"to"_s, plan.endDate.toString(Qt::ISODate)},
                              {u"seed"_s, qint64(plan.seed)},
                              {u"rooms"_s, rooms}});
}

} // namespace confero::sandbox
