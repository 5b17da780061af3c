#pragma once

#include "MediaCache.h"

#include "HttpRequest.h"
#include "HttpResponse.h"

#include <QString>

namespace confero::sandbox {

class ArchiveController;
class SandboxClock;

// Serves the files the archive links point to: GET /files/<link>/<room_id>/<conf_num>/<name>.
// Behind the recording-file Basic auth, which is not the API's (video-api.md 6, "File access"): its
// own user name and password (at least 10 characters, as the portal requires). Without them, or with
// wrong ones: 403, as the platform answers programmatic access. A link that is unknown, bound to
// another file or for a session that was not recorded: 404; an expired one: its fault's status.
// Answers carry Content-Length, Accept-Ranges, Range (206/416) and Repr-Digest (RFC 9530, sha-256 of
// the whole file: our emulator's choice, the platform documents no checksum).
class RecordingFileServer
{
public:
    static constexpr qsizetype MinPasswordLength = 10;

    RecordingFileServer(ArchiveController &archive, const SandboxClock &clock, QString mediaFolder);

    QString username() const;
    QString password() const;
    // False (with `error`) when the password is shorter than MinPasswordLength or the name empty.
    bool setCredentials(const QString &username, const QString &password, QString *error);

    // The media files, generated with ffmpeg when missing.
    bool prepareMedia(QString *error);
    MediaCache &media();

    // params: link, room_id, conf_num, name.
    http::HttpResponse serve(const http::HttpRequest &request, const QStringList &params);

private:
    bool isAuthorized(const http::HttpRequest &request) const;

    ArchiveController &m_archive;
    const SandboxClock &m_clock;
    MediaCache m_media;
    QString m_username;
    QString m_password;
};

} // namespace confero::sandbox
