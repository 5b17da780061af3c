#include "RecordingFileServer.h"

#include "ArchiveController.h"
#include "ConstantTime.h"
#include "Logging.h"
#include "SandboxClock.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

QString randomPassword()
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString password;
    for (int i = 0; i < 20; ++i)
        password.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]));
    return password;
}

QByteArray reprDigest(const QByteArray &sha256)
{
    return "sha-256=:" + sha256.toBase64() + ':';
}

} // namespace

RecordingFileServer::RecordingFileServer(ArchiveController &archive, const SandboxClock &clock, QString mediaFolder)
    : m_archive(archive)
    , m_clock(clock)
    , m_media(std::move(mediaFolder))
    // [INFERRED] The portal shows a user name and a preset password; the sandbox makes a random one
    // until told (--recording-user/--recording-password, or POST /sandbox/archive/credentials).
    , m_username(u"recordings"_s)
    , m_password(randomPassword())
{
}

QString RecordingFileServer::username() const
{
    return m_username;
}

QString RecordingFileServer::password() const
{
    return m_password;
}

bool RecordingFileServer::setCredentials(const QString &username, const QString &password, QString *error)
{
    if (username.isEmpty() || username.contains(u':')) {
        *error = u"the recording-file user name must be non-empty and without ':'"_s;
        return false;
    }
    if (password.size() < MinPasswordLength) {
        *error = u"the recording-file password must have at least %1 characters"_s.arg(MinPasswordLength);
        return false;
    }
    m_username = username;
    m_password = password;
    return true;
}

bool RecordingFileServer::prepareMedia(QString *error)
{
    return m_media.ensure(error);
}

MediaCache &RecordingFileServer::media()
{
    return m_media;
}

bool RecordingFileServer::isAuthorized(const http::HttpRequest &request) const
{
    const QByteArray header = request.header("Authorization").trimmed();
    const qsizetype space = header.indexOf(' ');
    if (space <= 0 || header.first(space).toLower() != "basic")
        return false;
    const QByteArray::FromBase64Result decoded =
        QByteArray::fromBase64Encoding(header.sliced(space + 1).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded && ConstantTime::equals(*decoded, m_username.toUtf8() + ':' + m_password.toUtf8());
}

http::HttpResponse RecordingFileServer::serve(const http::HttpRequest &request, const QStringList &params)
{
    if (!isAuthorized(request)) {
        return http::HttpResponse::text(
            403,
            "Recording files need HTTP Basic authentication with the recording-file user name and "
            "password (not the App ID and App Key).");
    }
    const QString link = params.value(0);
    const QString roomId = params.value(1);
    const QString confNum = params.value(2);
    const QString name = params.value(3);
    const std::optional<ArchivedSession> session = m_archive.find(roomId, confNum);
    if (!session || !session->hasFile(name))
        return http::HttpResponse::text(404, "No such recording file.");
    int expiredStatus = 403;
    switch (m_archive.links().use(link, session->filePath(name), m_clock.now().toMSecsSinceEpoch(), &expiredStatus)) {
    case FileLinkRegistry::Verdict::Unknown:
        return http::HttpResponse::text(404, "This download link is not known; fetch the archive entry again.");
    case FileLinkRegistry::Verdict::Expired:
        return http::HttpResponse::text(expiredStatus,
                                        "This download link has expired; fetch the archive entry again.");
    case FileLinkRegistry::Verdict::Valid:
        break;
    }

    std::shared_ptr<QIODevice> device;
    QByteArray contentType;
    QByteArray digest;
    if (name.endsWith(u".json")) {
        const QByteArray bytes = name == ArchivedSession::chatName() ? session->chatData() : session->metadata();
        auto buffer = std::make_shared<QBuffer>();
        buffer->setData(bytes);
        buffer->open(QIODevice::ReadOnly);
        device = buffer;
        contentType = "application/json";
        digest = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    } else {
        QString error;
        if (!m_media.ensure(&error)) {
            qCWarning(lcSandbox) << error;
            return http::HttpResponse::text(500, error.toUtf8());
        }
        const MediaCache::Kind kind =
            name.endsWith(u".mp4") ? MediaCache::Kind::Transcoded : MediaCache::Kind::Recording;
        auto file = std::make_shared<QFile>(m_media.path(kind));
        if (!file->open(QIODevice::ReadOnly))
            return http::HttpResponse::text(500, "The recording file cannot be read.");
        device = file;
        contentType = kind == MediaCache::Kind::Transcoded ? "video/mp4" : "video/x-matroska";
        digest = m_media.sha256(kind);
    }
    http::HttpResponse response = http::HttpResponse::fromDevice(request, std::move(device), contentType);
    if (!digest.isEmpty())
        response.setHeader("Repr-Digest", reprDigest(digest));
    return response;
}

} // namespace confero::sandbox
