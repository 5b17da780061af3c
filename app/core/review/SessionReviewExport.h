#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace confero {

class SessionReview;

// A session's review as one JSON document, for the people who were not at the screen: which session
// and recording, who was there when (the join/leave spans), the reviewer's notes and the chat, all
// on the recording's time line (milliseconds from the session's start, and the same as h:mm:ss.mmm):
//   {"format":"confero-session-review","version":1,"exported_at","room_id","conf_num","recording",
//    "session":{"start","end"},"participants":[{"name","person","role","join_ms","leave_ms","join",
//    "leave"}],"notes":[{"position_ms","position","text","written_at"}],"chat":[{"offset_ms","at",
//    "name","user_ref","text"}],"problems":[...]}
// Times of day are ISO-8601 UTC; the recording is named by its file name only, not its folder.
class SessionReviewExport
{
    Q_DECLARE_TR_FUNCTIONS(SessionReviewExport)

public:
    static QJsonObject toJson(const SessionReview &review, const QString &mediaFile, const QDateTime &exportedAt);
    // Writes the document to `path` in one step (a part file renamed over it); false with a sentence
    // for a person in `error`, and `path` as it was.
    static bool write(const SessionReview &review, const QString &mediaFile, const QString &path, QString *error);
    // "1:02:03.456", or "2:03.456" under an hour.
    static QString clockText(qint64 ms);
};

} // namespace confero
