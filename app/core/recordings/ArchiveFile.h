#pragma once

#include <QString>
#include <QUrl>

namespace confero {

// One downloadable file of an archive entry (video-api.md 6).
class ArchiveFile
{
public:
    enum class Kind { Recording, Transcoded, ChatData, Metadata };

    Kind kind = Kind::Transcoded;
    QUrl url;

    static QString kindName(Kind kind); // "recording", "transcoded", "chatdata", "metadata"

    friend bool operator==(const ArchiveFile &, const ArchiveFile &) = default;
};

} // namespace confero
