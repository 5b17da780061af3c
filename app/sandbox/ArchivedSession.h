#pragma once

#include "CdrLog.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace confero::sandbox {

// One session of a CDR log seen as the archive sees it: whether it was recorded, the files it
// produced and its archive entry (video-api.md 6). The files are named here so the archive routes and
// the file server agree on them:
//   transcoded: out.mp4; recording: u<call_num>.mkv for each connection that published audio or
//   video (at most MaxRecordings); chatdata.json; metadata.json.
class ArchivedSession
{
public:
    static constexpr int MaxRecordings = 16;

    ArchivedSession(std::shared_ptr<const CdrLog> log, quint32 session, bool simulated);

    const CdrLog &log() const;
    const CdrSession &session() const;
    QString roomId() const;
    QString confNum() const;

    // [INFERRED] Recorded: the room's snapshot says auto_recording, or the session was simulated
    // through the control surface with "recorded": true (`marked`), or, for the seeded history,
    // one session in four (picked from the conf_num, so it is the same on every start).
    bool isRecorded(const QSet<quint32> &marked) const;

    QStringList recordingNames() const;
    static QString transcodedName();
    static QString chatName();
    static QString metadataName();
    // Every file of the session, as "<room_id>/<conf_num>/<name>".
    QString filePath(const QString &name) const;
    bool hasFile(const QString &name) const;

    // The archive entry; `linkFor` turns a file path into its download URL.
    QJsonObject entry(const QByteArray &appId, const std::function<QString(const QString &)> &linkFor) const;

    // chatdata.json and metadata.json (formats [INFERRED]: the platform documents neither).
    QByteArray chatData() const;
    QByteArray metadata() const;

private:
    std::shared_ptr<const CdrLog> m_log;
    quint32 m_session = 0;
    bool m_simulated = false;
};

} // namespace confero::sandbox
