#pragma once

#include <QString>

namespace confero {

// A reviewer's note on a moment of a session's recording (the `review_notes` table). The session is
// (project, room, conf_num), so a note belongs to the session and is shown on every file of it.
class RecordingNote
{
public:
    qint64 id = 0; // 0 until stored
    qint64 projectId = 0;
    QString roomId;
    QString confNum;
    qint64 positionMs = 0; // from the start of the recording
    QString text;
    qint64 createdMs = 0; // UTC Unix ms, set by the store

    friend bool operator==(const RecordingNote &, const RecordingNote &) = default;
};

} // namespace confero
