#include "CdrLog.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

CdrLog::CdrLog(quint32 salt)
    : m_salt(salt)
{
    m_strings.emplace_back(); // index 0 is the empty string
    m_stringIndex.insert(QByteArray(), 0);
}

quint32 CdrLog::salt() const
{
    return m_salt;
}

quint32 CdrLog::intern(const QByteArray &utf8)
{
    const auto found = m_stringIndex.constFind(utf8);
    if (found != m_stringIndex.cend())
        return found.value();
    const auto index = quint32(m_strings.size());
    m_strings.push_back(utf8);
    m_stringIndex.insert(utf8, index);
    return index;
}

const QByteArray &CdrLog::string(quint32 index) const
{
    return m_strings.at(index);
}

quint32 CdrLog::addRoom(const CdrRoom &room)
{
    for (std::size_t i = 0; i < m_rooms.size(); ++i) {
        const CdrRoom &known = m_rooms[i];
        if (known.roomId == room.roomId && known.name == room.name && known.detailsJson == room.detailsJson)
            return quint32(i);
    }
    m_rooms.push_back(room);
    return quint32(m_rooms.size() - 1);
}

const CdrRoom &CdrLog::room(quint32 index) const
{
    return m_rooms.at(index);
}

void CdrLog::reserve(qsizetype rows, qsizetype sessions)
{
    m_rows.reserve(std::size_t(rows));
    m_sessions.reserve(std::size_t(sessions));
}

void CdrLog::appendSession(std::vector<CdrRow> rows)
{
    if (rows.empty())
        return;
    std::stable_sort(rows.begin(), rows.end(),
                     [](const CdrRow &a, const CdrRow &b) { return a.connectMs < b.connectMs; });
    CdrSession session;
    session.startMs = rows.front().connectMs;
    session.endMs = session.startMs;
    session.firstRow = quint32(m_rows.size());
    session.rowCount = quint32(rows.size());
    session.room = rows.front().room;
    session.confNum = rows.front().confNum;
    for (CdrRow &row : rows) {
        // Rows loaded from the state file keep their serial, so their cdr_id survives a restart.
        if (row.serial == 0)
            row.serial = m_nextSerial++;
        else
            m_nextSerial = std::max(m_nextSerial, row.serial + 1);
        session.endMs = std::max(session.endMs, row.disconnectMs());
        m_rows.push_back(row);
    }
    m_longestSessionMs = std::max(m_longestSessionMs, session.endMs - session.startMs);
    // Simulated history arrives in start order (a plain append); a real session that ended after a
    // longer one that started earlier is inserted in its place.
    const auto at = std::upper_bound(m_sessions.begin(), m_sessions.end(), session.startMs,
                                     [](qint64 start, const CdrSession &s) { return start < s.startMs; });
    m_sessions.insert(at, session);
}

const std::vector<CdrRow> &CdrLog::rows() const
{
    return m_rows;
}

const std::vector<CdrSession> &CdrLog::sessions() const
{
    return m_sessions;
}

bool CdrLog::roomMatches(quint32 room, const QByteArray &roomId) const
{
    return roomId.isEmpty() || m_rooms.at(room).roomId == roomId;
}

std::vector<quint32> CdrLog::sessionsOverlapping(qint64 fromMs, qint64 toMs, const QByteArray &roomId) const
{
    // No session is longer than the longest seen, so none starting before fromMs - longest can
    // reach into the window: a binary search finds where to begin.
    const qint64 earliest = fromMs - m_longestSessionMs;
    auto it = std::lower_bound(m_sessions.begin(), m_sessions.end(), earliest,
                               [](const CdrSession &s, qint64 start) { return s.startMs < start; });
    std::vector<quint32> picked;
    for (; it != m_sessions.end() && it->startMs < toMs; ++it) {
        if (it->endMs >= fromMs && roomMatches(it->room, roomId))
            picked.push_back(quint32(it - m_sessions.begin()));
    }
    return picked;
}

std::vector<quint32> CdrLog::sessionsOfRoom(const QByteArray &roomId) const
{
    std::vector<quint32> picked;
    for (std::size_t i = 0; i < m_sessions.size(); ++i) {
        if (m_rooms.at(m_sessions[i].room).roomId == roomId)
            picked.push_back(quint32(i));
    }
    return picked;
}

std::vector<quint32> CdrLog::sessionsOfConference(quint32 confNum) const
{
    std::vector<quint32> picked;
    for (std::size_t i = 0; i < m_sessions.size(); ++i) {
        if (m_sessions[i].confNum == confNum)
            picked.push_back(quint32(i));
    }
    return picked;
}

QJsonObject CdrLog::toJson() const
{
    QJsonArray sessions;
    for (const CdrSession &session : m_sessions) {
        const CdrRoom &room = m_rooms.at(session.room);
        QJsonArray rows;
        for (quint32 i = session.firstRow; i < session.firstRow + session.rowCount; ++i) {
            const CdrRow &row = m_rows.at(i);
            rows.append(QJsonObject{{u"connect_ms"_s, row.connectMs},
                                    {u"duration_ms"_s, qint64(row.durationMs)},
                                    {u"serial"_s, qint64(row.serial)},
                                    {u"name"_s, QString::fromUtf8(string(row.name))},
                                    {u"ref"_s, QString::fromUtf8(string(row.ref))},
                                    {u"agent"_s, QString::fromUtf8(string(row.agent))},
                                    {u"ip"_s, qint64(row.ip)},
                                    {u"call_num"_s, int(row.callNum)},
                                    {u"trans_delay_ms"_s, int(row.transDelayMs)},
                                    {u"role"_s, int(row.role)},
                                    {u"flags"_s, int(row.flags)},
                                    {u"quality"_s, int(row.quality)}});
        }
        sessions.append(QJsonObject{{u"conf_num"_s, qint64(session.confNum)},
                                    {u"room_id"_s, QString::fromUtf8(room.roomId)},
                                    {u"room_name"_s, QString::fromUtf8(room.name)},
                                    {u"room_details"_s, QString::fromUtf8(room.detailsJson)},
                                    {u"rows"_s, rows}});
    }
    return QJsonObject{{u"salt"_s, qint64(m_salt)}, {u"sessions"_s, sessions}};
}

std::optional<CdrLog> CdrLog::fromJson(const QJsonObject &object, QString *error)
{
    CdrLog log(quint32(object.value(u"salt").toInteger()));
    const QJsonArray sessions = object.value(u"sessions").toArray();
    for (const auto &sessionValue : sessions) {
        const QJsonObject session = sessionValue.toObject();
        const qint64 confNum = session.value(u"conf_num").toInteger(-1);
        const QString roomId = session.value(u"room_id").toString();
        if (confNum <= 0 || confNum > std::numeric_limits<quint32>::max() || roomId.isEmpty()) {
            *error = u"the state file has a CDR session without a conf_num or room_id"_s;
            return std::nullopt;
        }
        const quint32 room = log.addRoom({roomId.toUtf8(), session.value(u"room_name").toString().toUtf8(),
                                          session.value(u"room_details").toString().toUtf8()});
        std::vector<CdrRow> rows;
        const QJsonArray rowValues = session.value(u"rows").toArray();
        for (const auto &rowValue : rowValues) {
            const QJsonObject o = rowValue.toObject();
            CdrRow row;
            row.connectMs = o.value(u"connect_ms").toInteger();
            row.durationMs = quint32(o.value(u"duration_ms").toInteger());
            row.confNum = quint32(confNum);
            row.serial = quint32(o.value(u"serial").toInteger());
            row.room = room;
            row.name = log.intern(o.value(u"name").toString().toUtf8());
            row.ref = log.intern(o.value(u"ref").toString().toUtf8());
            row.agent = log.intern(o.value(u"agent").toString().toUtf8());
            row.ip = quint32(o.value(u"ip").toInteger());
            row.callNum = quint16(o.value(u"call_num").toInt());
            row.transDelayMs = quint16(o.value(u"trans_delay_ms").toInt());
            row.role = quint8(o.value(u"role").toInt());
            row.flags = quint8(o.value(u"flags").toInt());
            row.quality = quint8(o.value(u"quality").toInt());
            if (row.serial == 0 || row.role > CdrRow::Audience) {
                *error = u"the state file has a malformed CDR row in conference %1"_s.arg(confNum);
                return std::nullopt;
            }
            rows.push_back(row);
        }
        log.appendSession(std::move(rows));
    }
    return log;
}

} // namespace confero::sandbox
