#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace confero {

// What one DownloadTask fetches and where it puts it.
class DownloadRequest
{
public:
    QUrl url;
    QString targetPath; // the final file; bytes go to "<targetPath>.part" until complete
    QString user; // recording-file Basic auth (not the App ID/Key); empty: no Authorization header
    QString password;
    QByteArray expectedSha256; // raw 32 bytes when known beforehand; else the server's Repr-Digest
    // The size an earlier run was told (kept with the download): a server announcing another one
    // has a changed file, and the part is started over.
    qint64 expectedSize = -1;
};

} // namespace confero
