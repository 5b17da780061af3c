#include "ArchivedSession.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

constexpr const char *roleNames[] = {"moderator", "participant", "viewer", "audience"};

// The chat lines a simulated session carries: a few, deterministic from the conf_num.
constexpr const char *chatLines[] = {
    "Hello everyone",
    "Can you hear me?",
    "Yes, loud and clear",
    "I'll share my screen in a minute",
    "The slides are in the shared folder",
    "Could you repeat the last point?",
    "Thanks, that helps",
    "Let's take the rest offline",
    "I have to drop in five minutes",
    "Bye, thanks all",
};

// Where the archive says the session's transcoding finished: a minute and a half after it ended
// [INFERRED].
constexpr qint64 TranscodeDelayMs = 90'000;

} // namespace

ArchivedSession::ArchivedSession(std::shared_ptr<const CdrLog> log, quint32 session, bool simulated)
    : m_log(std::move(log))
    , m_session(session)
    , m_simulated(simulated)
{
}

const CdrLog &ArchivedSession::log() const
{
    return *m_log;
}

const CdrSession &ArchivedSession::session() const
{
    return m_log->sessions().at(m_session);
}

QString ArchivedSession::roomId() const
{
    return QString::fromUtf8(m_log->room(session().room).roomId);
}

QString ArchivedSession::confNum() const
{
    return QString::number(session().confNum);
}

bool ArchivedSession::isRecorded(const QSet<quint32> &marked) const
{
    const CdrRoom &room = m_log->room(session().room);
    if (room.detailsJson.contains("\"auto_recording\":true"))
        return true;
    if (marked.contains(session().confNum))
        return true;
    // A multiplicative hash spreads consecutive conf_nums; its top bits pick one in four.
    return m_simulated && ((session().confNum * 2654435761u) >> 30) == 0;
}

QStringList ArchivedSession::recordingNames() const
{
    QStringList names;
    const CdrSession &s = session();
    for (quint32 i = 0; i < s.rowCount && names.size() < MaxRecordings; ++i) {
        const CdrRow &row = m_log->rows().at(s.firstRow + i);
        if (row.flags & (CdrRow::PublishedAudio | CdrRow::PublishedVideo))
            names.append(u"u%1.mkv"_s.arg(row.callNum));
    }
    return names;
}

QString ArchivedSession::transcodedName()
{
    return u"out.mp4"_s;
}

QString ArchivedSession::chatName()
{
    return u"chatdata.json"_s;
}

QString ArchivedSession::metadataName()
{
    return u"metadata.json"_s;
}

QString ArchivedSession::filePath(const QString &name) const
{
    return roomId() + u'/' + confNum() + u'/' + name;
}

bool ArchivedSession::hasFile(const QString &name) const
{
    return name == transcodedName() || name == chatName() || name == metadataName() || recordingNames().contains(name);
}

QJsonObject ArchivedSession::entry(const QByteArray &appId,
                                   const std::function<QString(const QString &)> &linkFor) const
{
    const CdrSession &s = session();
    // An ObjectId-shaped _id from the end second and the conf_num: stable across restarts.
    const QString id = u"%1%2%3"_s.arg(quint32(s.endMs / 1000), 8, 16, QLatin1Char('0'))
                           .arg(m_simulated ? 0x5a4du : 0x7e41u, 8, 16, QLatin1Char('0'))
                           .arg(s.confNum, 8, 16, QLatin1Char('0'));
    QJsonArray recordings;
    for (const QString &name : recordingNames())
        recordings.append(QJsonObject{{u"url"_s, linkFor(filePath(name))}});
    return {{u"_id"_s, id},
            {u"trans_date"_s, isoTime(s.endMs + TranscodeDelayMs)},
            {u"conf_num"_s, confNum()},
            {u"app_id"_s, QString::fromUtf8(appId)},
            {u"room_id"_s, roomId()},
            {u"recording"_s, recordings},
            {u"transcoded"_s, QJsonArray{QJsonObject{{u"url"_s, linkFor(filePath(transcodedName()))}}}},
            {u"chatdata"_s, linkFor(filePath(chatName()))},
            {u"metadata"_s, linkFor(filePath(metadataName()))}};
}

QByteArray ArchivedSession::chatData() const
{
    const CdrSession &s = session();
    QJsonArray messages;
    const quint32 lines = s.rowCount == 0 ? 0 : 2 + s.confNum % 6;
    for (quint32 i = 0; i < lines; ++i) {
        const CdrRow &row = m_log->rows().at(s.firstRow + (i % s.rowCount));
        // Spread over the speaker's own connection, so every line falls while they were there.
        const qint64 at = row.connectMs + qint64(row.durationMs) * (i + 1) / (lines + 1);
        messages.append(QJsonObject{{u"time"_s, isoTime(at)},
                                    {u"offset_ms"_s, at - s.startMs},
                                    {u"name"_s, QString::fromUtf8(m_log->string(row.name))},
                                    {u"user_ref"_s, QString::fromUtf8(m_log->string(row.ref))},
                                    {u"message"_s, QString::fromLatin1(chatLines[(s.confNum + i) % 10])}});
    }
    return QJsonDocument(QJsonObject{{u"conf_num"_s, confNum()}, {u"room_id"_s, roomId()}, {u"messages"_s, messages}})
        .toJson(QJsonDocument::Compact);
}

QByteArray ArchivedSession::metadata() const
{
    const CdrSession &s = session();
    QJsonArray participants;
    for (quint32 i = 0; i < s.rowCount; ++i) {
        const CdrRow &row = m_log->rows().at(s.firstRow + i);
        participants.append(QJsonObject{{u"name"_s, QString::fromUtf8(m_log->string(row.name))},
                                        {u"user_ref"_s, QString::fromUtf8(m_log->string(row.ref))},
                                        {u"role"_s, QString::fromLatin1(roleNames[row.role & 3])},
                                        {u"call_num"_s, QString::number(row.callNum)},
                                        {u"join"_s, isoTime(row.connectMs)},
                                        {u"leave"_s, isoTime(row.disconnectMs())},
                                        {u"join_offset_ms"_s, row.connectMs - s.startMs},
                                        {u"leave_offset_ms"_s, row.disconnectMs() - s.startMs}});
    }
    return QJsonDocument(QJsonObject{{u"conf_num"_s, confNum()},
                                     {u"room_id"_s, roomId()},
                                     {u"start"_s, isoTime(s.startMs)},
                                     {u"end"_s, isoTime(s.endMs)},
                                     {u"participants"_s, participants}})
        .toJson(QJsonDocument::Compact);
}

} // namespace confero::sandbox
