#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace confero {

// One call detail record as Confero keeps it: one user's connection (join -> leave) in one session
// (video-api.md 5.1). A plain value with no JSON type in it, so the reader that fills it (Qt JSON
// today, CdrRowParser) can be swapped for a faster one without touching the store.
struct CdrRow
{
    QString cdrId;
    QString appId;
    QString confNum;
    QString callNum;
    QString callLogId;
    QString roomId;
    QString roomName; // room.room_details.name, when the platform sends the snapshot
    QString name;
    QString userRef;
    QString role;
    QString agent;
    QString ip;
    qint64 connectMs = 0; // UTC Unix ms; 0 when missing or unreadable
    qint64 disconnectMs = 0;
    double durationS = 0;
    double publishedMinutes = 0;
    double subscribedMinutes = 0;
    double connectMinutes = 0;
    bool recorded = false; // room.room_details.settings.auto_recording
    qint64 transDateMs = 0;
    QByteArray rawJson; // the row as received, compact: every field, known or not
    QByteArray rowSha256; // hex sha256 of the canonical row without cdr_id
    QStringList problems; // what could not be read, for a person ("room.connect_dt: not a date")

    // app_id|conf_num|call_num|call_log_id, or empty when the row has too little to be told apart
    // by it (no conf_num, or neither call_num nor call_log_id).
    QString naturalKey() const;
    // The upsert key of DESIGN.md: cdr_id when present, else the natural key, else the row hash.
    QString key() const;
};

} // namespace confero
