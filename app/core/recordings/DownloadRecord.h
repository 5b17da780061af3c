#pragma once

#include "ArchiveFile.h"
#include "DownloadError.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace confero {

// One file in the download list, as the `recordings` table keeps it (migrations 8 and 11).
class DownloadRecord
{
public:
    // Removed: the local copy was deleted by the storage policy (keep N days); the row stays so the
    // archive reconciler does not fetch the file again, and a person can still download it.
    enum class State { Queued, Running, Paused, Done, Failed, Cancelled, Removed };

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
    QDateTime completedAt; // UTC, when the file became whole; invalid before
    QDateTime sessionAt; // UTC, the archive entry's trans_date; invalid when not given

    static QString stateName(State state); // as stored: "queued", "running", ...
    static State stateFromName(const QString &name);
    static ArchiveFile::Kind kindFromName(const QString &name);
};

} // namespace confero
