#pragma once

#include "CdrPage.h"

#include <QList>
#include <QString>

#include <optional>

namespace confero {

// One row of the sessions table: what CdrIngest derived from a session's participant rows.
struct SessionRow
{
    qint64 id = 0;
    QString confNum;
    QString roomId;
    QString roomName;
    qint64 startMs = 0; // first join, UTC Unix ms
    qint64 endMs = 0; // last leave
    double durationS = 0;
    int participantCount = 0; // distinct people (user ref, else name)
    int rowCount = 0; // connections: a rejoin is one more
    int peakConcurrency = 0;
    bool recorded = false;
};

// A keyset page of sessions; `next` is where the following page starts (empty on the last).
struct SessionPage
{
    QList<SessionRow> rows;
    std::optional<CdrPageKey> next;
};

// A room that has sessions, for a filter's choice of rooms.
struct SessionRoom
{
    QString roomId;
    QString roomName;
    int sessions = 0;
};

} // namespace confero
