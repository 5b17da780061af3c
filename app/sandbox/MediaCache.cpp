#include "MediaCache.h"

#include "Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

QString fileName(MediaCache::Kind kind)
{
    return kind == MediaCache::Kind::Transcoded ? u"transcoded.mp4"_s : u"recording.mkv"_s;
}

bool runFfmpeg(const QStringList &arguments, QString *error)
{
    QProcess ffmpeg;
    ffmpeg.setProcessChannelMode(QProcess::MergedChannels);
    ffmpeg.start(u"ffmpeg"_s,
                 QStringList{u"-nostdin"_s, u"-hide_banner"_s, u"-loglevel"_s, u"error"_s, u"-y"_s} + arguments);
    if (!ffmpeg.waitForStarted(10'000)) {
        *error = u"ffmpeg could not be started (install the Debian package ffmpeg): %1"_s.arg(ffmpeg.errorString());
        return false;
    }
    if (!ffmpeg.waitForFinished(120'000)) {
        ffmpeg.kill();
        ffmpeg.waitForFinished(5'000);
        *error = u"ffmpeg did not finish generating the sandbox's media within two minutes"_s;
        return false;
    }
    if (ffmpeg.exitStatus() != QProcess::NormalExit || ffmpeg.exitCode() != 0) {
        *error = u"ffmpeg failed generating the sandbox's media: %1"_s.arg(
            QString::fromLocal8Bit(ffmpeg.readAll()).trimmed().left(500));
        return false;
    }
    return true;
}

} // namespace

MediaCache::MediaCache(QString folder)
    : m_folder(folder.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
                       + u"/confero-sandbox/media-v1"_s
                                : std::move(folder))
{
}

QString MediaCache::folder() const
{
    return m_folder;
}

QString MediaCache::path(Kind kind) const
{
    return m_folder + u'/' + fileName(kind);
}

bool MediaCache::ensure(QString *error)
{
    if (m_ready)
        return true;
    if (QFileInfo::exists(path(Kind::Transcoded)) && QFileInfo::exists(path(Kind::Recording))) {
        m_ready = true;
        return true;
    }
    m_ready = generate(error);
    return m_ready;
}

bool MediaCache::generate(QString *error)
{
    const QFileInfo target(m_folder);
    if (!QDir().mkpath(target.absolutePath())) {
        *error = u"cannot create the media cache folder %1"_s.arg(target.absolutePath());
        return false;
    }
    QTemporaryDir scratch(target.absolutePath() + u"/.media-XXXXXX"_s);
    if (!scratch.isValid()) {
        *error = u"cannot create a temporary folder beside %1: %2"_s.arg(m_folder, scratch.errorString());
        return false;
    }
    const QString seconds = QString::number(DurationSeconds);
    qCInfo(lcSandbox) << "generating recording media with ffmpeg into" << m_folder;
    // A GOP of one second keeps seeking cheap; faststart puts the MP4 index first so a player
    // starts before the whole file is there.
    const QStringList mp4{
        u"-f"_s,        u"lavfi"_s,      u"-i"_s,        u"testsrc2=size=320x240:rate=25:duration="_s + seconds,
        u"-f"_s,        u"lavfi"_s,      u"-i"_s,        u"sine=frequency=440:sample_rate=48000:duration="_s + seconds,
        u"-c:v"_s,      u"libx264"_s,    u"-preset"_s,   u"ultrafast"_s,
        u"-pix_fmt"_s,  u"yuv420p"_s,    u"-g"_s,        u"25"_s,
        u"-c:a"_s,      u"aac"_s,        u"-b:a"_s,      u"64k"_s,
        u"-movflags"_s, u"+faststart"_s, u"-shortest"_s, scratch.filePath(fileName(Kind::Transcoded))};
    // Matroska written to a seekable file gets its Cues (the index a player seeks with) at the end.
    const QStringList mkv{
        u"-f"_s,        u"lavfi"_s,   u"-i"_s,       u"testsrc=size=320x240:rate=25:duration="_s + seconds,
        u"-f"_s,        u"lavfi"_s,   u"-i"_s,       u"sine=frequency=660:sample_rate=48000:duration="_s + seconds,
        u"-c:v"_s,      u"libx264"_s, u"-preset"_s,  u"ultrafast"_s,
        u"-pix_fmt"_s,  u"yuv420p"_s, u"-g"_s,       u"25"_s,
        u"-c:a"_s,      u"libopus"_s, u"-b:a"_s,     u"48k"_s,
        u"-shortest"_s, u"-f"_s,      u"matroska"_s, scratch.filePath(fileName(Kind::Recording))};
    if (!runFfmpeg(mp4, error) || !runFfmpeg(mkv, error))
        return false;
    if (QFileInfo::exists(m_folder))
        return true; // another sandbox finished first: its files are whole
    if (!QDir().rename(scratch.path(), m_folder)) {
        if (QFileInfo::exists(path(Kind::Transcoded)))
            return true;
        *error = u"cannot move the generated media into %1"_s.arg(m_folder);
        return false;
    }
    scratch.setAutoRemove(false);
    return true;
}

QByteArray MediaCache::sha256(Kind kind)
{
    const auto found = m_digests.constFind(int(kind));
    if (found != m_digests.cend())
        return *found;
    QFile file(path(kind));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    QByteArray digest = hash.result();
    m_digests.insert(int(kind), digest);
    return digest;
}

} // namespace confero::sandbox
