#pragma once

#include <QtGlobal>

namespace confero::sandbox {

// One CDR row (one user connection, video-api.md 5.1) in 48 bytes: a simulated year holds millions
// of them, so strings live once in the owning CdrLog's pool and everything derivable (cdr_id,
// sigserver times, usage minutes, quality stats) is computed when the row is written out.
class CdrRow
{
public:
    enum Role : quint8 { Moderator, Participant, Viewer, Audience };
    enum Flag : quint8 {
        PublishedAudio = 0x01,
        PublishedVideo = 0x02,
        PublishedScreen = 0x04,
        PublishedData = 0x08,
        // The classic row shape: published_track as "true"/"false" strings, no stats_quality, fewer
        // usage keys (video-api.md 10.1 item 10: both shapes exist in the wild).
        Classic = 0x10,
    };

    qint64 connectMs = 0; // ms since the epoch, UTC
    quint32 durationMs = 0; // disconnect = connect + duration
    quint32 confNum = 0;
    quint32 serial = 0; // unique in its log; with the log's salt it makes cdr_id and call_log_id
    quint32 room = 0; // index into the log's rooms
    quint32 name = 0; // string pool indexes
    quint32 ref = 0;
    quint32 agent = 0;
    quint32 ip = 0; // IPv4 of the user
    quint16 callNum = 0;
    quint16 transDelayMs = 0; // trans_date = disconnect + this
    quint8 role = Participant;
    quint8 flags = 0;
    quint8 quality = 0; // 0..255, drives the stats_quality figures

    qint64 disconnectMs() const { return connectMs + durationMs; }
};

} // namespace confero::sandbox
