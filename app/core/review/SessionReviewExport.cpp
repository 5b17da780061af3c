#include "SessionReviewExport.h"

#include "SessionReview.h"
#include "export/PartFile.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// ISO-8601 with a "Z", whatever time spec the value came with (Qt writes "+00:00" for a QTimeZone).
QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"_s);
}

QJsonValue isoOrNull(qint64 utcMs)
{
    if (utcMs <= 0)
        return QJsonValue::Null;
    return isoUtc(QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc()));
}

} // namespace

QString SessionReviewExport::clockText(qint64 ms)
{
    const bool negative = ms < 0;
    ms = qAbs(ms);
    const qint64 hours = ms / 3'600'000;
    const qint64 minutes = ms / 60'000 % 60;
    const qint64 seconds = ms / 1000 % 60;
    const qint64 millis = ms % 1000;
    QString text = hours > 0
        ? u"%1:%2:%3.%4"_s.arg(hours)
              .arg(minutes, 2, 10, QLatin1Char('0'))
              .arg(seconds, 2, 10, QLatin1Char('0'))
              .arg(millis, 3, 10, QLatin1Char('0'))
        : u"%1:%2.%3"_s.arg(minutes).arg(seconds, 2, 10, QLatin1Char('0')).arg(millis, 3, 10, QLatin1Char('0'));
    return negative ? u'-' + text : text;
}

QJsonObject SessionReviewExport::toJson(const SessionReview &review, const QString &mediaFile,
                                        const QDateTime &exportedAt)
{
    QJsonArray participants;
    for (const ParticipantSpan &span : review.marks().spans) {
        participants.append(QJsonObject{{u"name"_s, span.name},
                                        {u"person"_s, span.person},
                                        {u"role"_s, span.role},
                                        {u"join_ms"_s, span.joinMs},
                                        {u"leave_ms"_s, span.leaveMs},
                                        {u"join"_s, clockText(span.joinMs)},
                                        {u"leave"_s, clockText(span.leaveMs)}});
    }
    QJsonArray notes;
    for (const RecordingNote &note : review.notes()) {
        notes.append(QJsonObject{{u"position_ms"_s, note.positionMs},
                                 {u"position"_s, clockText(note.positionMs)},
                                 {u"text"_s, note.text},
                                 {u"written_at"_s, isoOrNull(note.createdMs)}});
    }
    QJsonArray chat;
    for (const ChatMessage &message : review.chat().messages) {
        chat.append(QJsonObject{{u"offset_ms"_s, message.offsetMs},
                                {u"at"_s, clockText(message.offsetMs)},
                                {u"name"_s, message.name},
                                {u"user_ref"_s, message.userRef},
                                {u"text"_s, message.text}});
    }
    return QJsonObject{
        {u"format"_s, u"confero-session-review"_s},
        {u"version"_s, 1},
        {u"exported_at"_s, isoUtc(exportedAt)},
        {u"room_id"_s, review.context().roomId},
        {u"conf_num"_s, review.context().confNum},
        {u"recording"_s, QFileInfo(mediaFile).fileName()},
        {u"session"_s,
         QJsonObject{{u"start"_s, isoOrNull(review.marks().sessionStartMs)},
                     {u"end"_s, isoOrNull(review.marks().sessionEndMs)}}},
        {u"participants"_s, participants},
        {u"notes"_s, notes},
        {u"chat"_s, chat},
        {u"problems"_s, QJsonArray::fromStringList(review.problems())},
    };
}

bool SessionReviewExport::write(const SessionReview &review, const QString &mediaFile, const QString &path,
                                QString *error)
{
    if (path.trimmed().isEmpty()) {
        *error = tr("Choose a file to export the review to.");
        return false;
    }
    const QByteArray bytes =
        QJsonDocument(toJson(review, mediaFile, QDateTime::currentDateTimeUtc())).toJson(QJsonDocument::Indented);
    PartFile file(path);
    if (!file.create() || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = tr("The review could not be exported to %1: %2").arg(path, file.errorMessage());
        file.discard();
        return false;
    }
    return true;
}

} // namespace confero
