#pragma once

#include "CdrRoom.h"
#include "CdrRow.h"
#include "CdrSession.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>

#include <optional>
#include <vector>

namespace confero::sandbox {

// CDR rows grouped by session, compact enough for a simulated year: rows are CdrRow structs, each
// string is kept once in a pool, sessions are kept ordered by start so a date window is found by
// binary search. A log answers which sessions a route selects; CdrRowWriter turns rows into JSON.
class CdrLog
{
public:
    explicit CdrLog(quint32 salt = 0);

    quint32 salt() const;

    quint32 intern(const QByteArray &utf8);
    const QByteArray &string(quint32 index) const;

    // A room as rows will show it; the same id with the same snapshot is stored once.
    quint32 addRoom(const CdrRoom &room);
    const CdrRoom &room(quint32 index) const;

    void reserve(qsizetype rows, qsizetype sessions);
    // Adds one ended session: its rows get serials and are ordered by connect time; rows must
    // share one room and conf_num. Empty lists are ignored.
    void appendSession(std::vector<CdrRow> rows);

    const std::vector<CdrRow> &rows() const;
    const std::vector<CdrSession> &sessions() const;

    // Session indexes, in start order. A session is selected by a window when its span
    // [first connect, last disconnect] overlaps [fromMs, toMs) (see README, "CDR windows").
    std::vector<quint32> sessionsOverlapping(qint64 fromMs, qint64 toMs, const QByteArray &roomId = {}) const;
    std::vector<quint32> sessionsOfRoom(const QByteArray &roomId) const;
    std::vector<quint32> sessionsOfConference(quint32 confNum) const;

    // Real sessions' rows go to the state file; simulated history is regenerated from its seed.
    QJsonObject toJson() const;
    static std::optional<CdrLog> fromJson(const QJsonObject &object, QString *error);

private:
    bool roomMatches(quint32 room, const QByteArray &roomId) const;

    quint32 m_salt = 0;
    quint32 m_nextSerial = 1;
    qint64 m_longestSessionMs = 0;
    std::vector<QByteArray> m_strings;
    QHash<QByteArray, quint32> m_stringIndex;
    std::vector<CdrRoom> m_rooms;
    std::vector<CdrRow> m_rows;
    std::vector<CdrSession> m_sessions;
};

} // namespace confero::sandbox
