#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace confero {

// What the Reports page draws for one filter and period: four summaries computed in the store
// (CdrReportQuery), never from rows loaded into memory. Every day is a UTC day (00:00 to 24:00
// UTC), the same days CdrFilter's from/to select joins by.
struct CdrReport
{
    // Usage minutes summed over the participant rows that joined on the day.
    struct DayMinutes
    {
        QDate day;
        double published = 0;
        double subscribed = 0;
        double connect = 0;
    };

    // Sessions held in a room; the last entry may stand for all the rooms after the top N.
    struct RoomSessions
    {
        QString roomId; // empty for "other rooms"
        QString roomName;
        qint64 sessions = 0;
        int otherRooms = 0; // how many rooms the "other rooms" entry stands for; 0 for a room
    };

    // The most participants connected at one instant of the day, across every selected room
    // (connections that began the day before and are still open count from midnight).
    struct DayPeak
    {
        QDate day;
        int peak = 0;
    };

    // Sessions whose length (first join to last leave) is in [fromS, toS); toS < 0 means no end.
    struct LengthBucket
    {
        double fromS = 0;
        double toS = -1;
        qint64 sessions = 0;
    };

    QDate from; // the first and last UTC day covered (both included); invalid when nothing matched
    QDate to;
    QList<DayMinutes> minutesPerDay; // every day from..to, days without calls as zeros
    QList<RoomSessions> sessionsPerRoom; // most sessions first
    QList<DayPeak> peakPerDay; // every day from..to
    QList<LengthBucket> sessionLengths; // CdrReport::lengthBucketBounds(), in order
    qint64 participantRows = 0;
    qint64 sessions = 0;

    // The lower bounds (seconds) of the session-length buckets: under 5 min, 5-15 min, 15-30 min,
    // 30-60 min, 1-2 h, 2-4 h, 4 h and more. Chosen around the platform's typical meeting (tens of
    // minutes) so the common lengths fall in separate bars and the long tail in few.
    static QList<double> lengthBucketBounds() { return {0, 300, 900, 1800, 3600, 7200, 14400}; }
};

} // namespace confero
