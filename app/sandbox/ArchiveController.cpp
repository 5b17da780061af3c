#include "ArchiveController.h"

#include "CdrController.h"
#include "FaultInjector.h"
#include "SandboxClock.h"
#include "SandboxState.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

SandboxError invalidDate(const QString &which, const QString &text)
{
    return {ResultCode::InvalidDate, u"Invalid date"_s,
            u"%1 \"%2\" is not a date of the form YYYY-MM-DD (UTC)."_s.arg(which, text)};
}

} // namespace

ArchiveController::ArchiveController(SandboxState &state, const SandboxClock &clock, FaultInjector &faults,
                                     QString appId)
    : m_state(state)
    , m_clock(clock)
    , m_faults(faults)
    , m_appId(std::move(appId))
{
}

void ArchiveController::setFileBase(const QUrl &base)
{
    m_fileBase = base;
}

void ArchiveController::markRecorded(const QString &confNum)
{
    bool ok = false;
    const uint number = confNum.toUInt(&ok);
    if (ok)
        m_marked.insert(number);
}

FileLinkRegistry &ArchiveController::links()
{
    return m_links;
}

std::vector<ArchivedSession> ArchiveController::recorded(const std::shared_ptr<const CdrLog> &log, bool simulated,
                                                         const std::vector<quint32> &picks) const
{
    std::vector<ArchivedSession> sessions;
    for (const quint32 pick : picks) {
        ArchivedSession session(log, pick, simulated);
        if (session.isRecorded(m_marked))
            sessions.push_back(std::move(session));
    }
    return sessions;
}

std::optional<ArchivedSession> ArchiveController::find(const QString &roomId, const QString &confNum) const
{
    bool ok = false;
    const uint number = confNum.toUInt(&ok);
    if (!ok || number == 0)
        return std::nullopt;
    for (const bool simulated : {true, false}) {
        const std::shared_ptr<const CdrLog> log = simulated ? m_state.simulatedCdr() : m_state.realCdr();
        for (ArchivedSession &session : recorded(log, simulated, log->sessionsOfConference(number))) {
            if (session.roomId() == roomId)
                return std::move(session);
        }
    }
    return std::nullopt;
}

ApiReply ArchiveController::answer(const std::vector<ArchivedSession> &sessions, const QString &path)
{
    const std::optional<Fault> expiry = m_faults.takeLinkExpiry(path);
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    const qint64 lifetime = expiry && expiry->linkTtlSeconds >= 0 ? qint64(expiry->linkTtlSeconds) * 1000
                                                                  : FileLinkRegistry::DefaultLifetimeMs;
    const int uses = expiry ? expiry->linkUses : -1;
    const int expiredStatus = expiry ? expiry->status : 403;
    const auto linkFor = [&](const QString &filePath) {
        const QString token = m_links.mint(filePath, now, lifetime, uses, expiredStatus);
        QUrl url = m_fileBase;
        url.setPath(m_fileBase.path() + token + u'/' + filePath);
        return url.toString();
    };
    QJsonArray archive;
    for (const ArchivedSession &session : sessions)
        archive.append(session.entry(m_appId.toUtf8(), linkFor));
    // video-api.md 1.3: archive answers carry "result" as the string "0", as the CDR ones.
    return ApiReply::plain(200, {{u"result"_s, u"0"_s}, {u"archive"_s, archive}});
}

ApiReply ArchiveController::window(const QString &roomId, const QString &from, const QString &to, const QString &path)
{
    if (from.isEmpty() || to.isEmpty())
        return ApiReply::failure(
            {ResultCode::CdrToDateMissing, u"to_date missing"_s,
             u"An archive period needs both dates: .../{from_date}/{to_date}, each YYYY-MM-DD."_s});
    const std::optional<QDate> fromDate = CdrController::parseDate(from);
    if (!fromDate)
        return ApiReply::failure(invalidDate(u"from_date"_s, from));
    const std::optional<QDate> toDate = CdrController::parseDate(to);
    if (!toDate)
        return ApiReply::failure(invalidDate(u"to_date"_s, to));
    if (*toDate < *fromDate)
        return ApiReply::failure(
            {ResultCode::InvalidDate, u"Invalid date"_s, u"to_date %1 comes before from_date %2."_s.arg(to, from)});
    // The CDR window rule (README "CDR windows"): every session overlapping the window, whole.
    const qint64 fromMs = QDateTime(*fromDate, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 toMs = QDateTime(toDate->addDays(1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const QByteArray room = roomId.toUtf8();
    std::vector<ArchivedSession> sessions;
    for (const bool simulated : {true, false}) {
        const std::shared_ptr<const CdrLog> log = simulated ? m_state.simulatedCdr() : m_state.realCdr();
        for (ArchivedSession &session : recorded(log, simulated, log->sessionsOverlapping(fromMs, toMs, room)))
            sessions.push_back(std::move(session));
    }
    return answer(sessions, path);
}

ApiReply ArchiveController::period(const QString &from, const QString &to, const QString &path)
{
    return window(QString(), from, to, path);
}

ApiReply ArchiveController::roomPeriod(const QString &roomId, const QString &from, const QString &to,
                                       const QString &path)
{
    if (roomId.isEmpty())
        return ApiReply::failure({ResultCode::CdrPeriodRoomIdMissing, u"room_id missing"_s,
                                  u"Use /archive/room-period/{room_id}/{from_date}/{to_date}."_s});
    return window(roomId, from, to, path);
}

ApiReply ArchiveController::room(const QString &roomId, const QString &path)
{
    if (roomId.isEmpty())
        return ApiReply::failure(
            {ResultCode::CdrRoomIdMissing, u"room_id missing"_s, u"Use /archive/room/{room_id}."_s});
    const QByteArray room = roomId.toUtf8();
    std::vector<ArchivedSession> sessions;
    for (const bool simulated : {true, false}) {
        const std::shared_ptr<const CdrLog> log = simulated ? m_state.simulatedCdr() : m_state.realCdr();
        for (ArchivedSession &session : recorded(log, simulated, log->sessionsOfRoom(room)))
            sessions.push_back(std::move(session));
    }
    return answer(sessions, path);
}

ApiReply ArchiveController::conference(const QString &confNum, const QString &path)
{
    if (confNum.isEmpty())
        return ApiReply::failure(
            {ResultCode::CdrConfNumMissing, u"conf_num missing"_s, u"Use /archive/conf/{conf_num}."_s});
    bool ok = false;
    const uint number = confNum.toUInt(&ok);
    if (!ok || number == 0)
        return ApiReply::failure(
            {ResultCode::CdrConfNumInvalid, u"conf_num invalid"_s,
             u"\"%1\" is not a conference number (conf_num is a positive whole number)."_s.arg(confNum)});
    std::vector<ArchivedSession> sessions;
    for (const bool simulated : {true, false}) {
        const std::shared_ptr<const CdrLog> log = simulated ? m_state.simulatedCdr() : m_state.realCdr();
        for (ArchivedSession &session : recorded(log, simulated, log->sessionsOfConference(number)))
            sessions.push_back(std::move(session));
    }
    return answer(sessions, path);
}

} // namespace confero::sandbox
