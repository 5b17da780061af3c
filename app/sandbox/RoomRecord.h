#pragma once

#include "CdrRoom.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace confero::sandbox {

// One stored room: the platform's room object exactly as GET /rooms/{id} answers it, plus what the
// emulator tracks about its sessions.
class RoomRecord
{
public:
    QJsonObject room; // name, owner_ref, settings, sip, data, created, room_id
    QDateTime firstSessionStart; // ad-hoc rooms with a duration expire relative to it
    int sessionCount = 0;
    QString liveConfNum; // non-empty while a session is running

    QString roomId() const;
    QJsonObject settings() const;
    bool isLive() const;

    // The room as its CDR rows show it (room.room_details: name, owner_ref, settings).
    CdrRoom toCdrRoom() const;
    bool isLecture() const;

    QJsonObject toJson() const;
    static RoomRecord fromJson(const QJsonObject &object);
};

} // namespace confero::sandbox
