#pragma once

#include "ArchiveFile.h"
#include "DownloadError.h"

#include <QString>
#include <QUrl>

namespace confero {

// One file in the download list, as the `recordings` table keeps it (migration 8).
class DownloadRecord
{
public:
    enum class State { Queued, Running, Paused, Done, Failed, Cancelled };

    qint64 id = 0;
    qint64 projectId = 0;
    QString roomId;
    QString confNum;
    ArchiveFile::Kind kind = ArchiveFile::Kind::Transcoded;
    QString fileName; // SafeFileName of the link's last path segment
    QUrl url; // the last link the archive gave
    QString localPath;
    State state = State::Queued;
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1;
    DownloadError::Kind errorKind = DownloadError::Kind::None;
    QString error; // for a person

    static QString stateName(State state); // as stored: "queued", "running", ...
    static State stateFromName(const QString &name);
    static ArchiveFile::Kind kindFromName(const QString &name);
};

} // namespace confero
