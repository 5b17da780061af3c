#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace confero::sandbox {

// The media the sandbox serves as recordings: a short test pattern with sound, generated once with
// ffmpeg (Debian's) into a cache folder and shared by every session (DESIGN.md "The sandbox"):
//   transcoded.mp4  H.264 + AAC, moov at the front (the transcoded[] file)
//   recording.mkv   H.264 + Opus in Matroska, with cues (the recording[] files)
// Both have a duration and seek. Generation writes into a temporary folder renamed into place, so
// two sandboxes starting at once never see half a file.
class MediaCache
{
public:
    enum class Kind { Transcoded, Recording };

    static constexpr int DurationSeconds = 12;

    // An empty folder means the default: <generic cache>/confero-sandbox/media-v1.
    explicit MediaCache(QString folder = {});

    QString folder() const;
    // Generates the files when missing (blocking, a second or two); false with `error` when ffmpeg
    // is missing or fails.
    bool ensure(QString *error);
    QString path(Kind kind) const;
    // sha-256 of the file, computed once.
    QByteArray sha256(Kind kind);

private:
    bool generate(QString *error);

    QString m_folder;
    QHash<int, QByteArray> m_digests;
    bool m_ready = false;
};

} // namespace confero::sandbox
