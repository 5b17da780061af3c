#pragma once

#include "ArchiveFile.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace confero {

// One session's files as an /archive route lists them (video-api.md 6): individual recordings,
// transcoded video, chat data and metadata, each a download link (which expires).
class ArchiveEntry
{
public:
    QString id; // archive record _id
    QDateTime transDate; // UTC; invalid when the platform sent none
    QString confNum;
    QString appId;
    QString roomId;
    QList<ArchiveFile> files; // recordings first, then transcoded, chat data, metadata

    friend bool operator==(const ArchiveEntry &, const ArchiveEntry &) = default;
};

} // namespace confero
