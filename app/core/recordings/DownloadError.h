#pragma once

#include <QCoreApplication>
#include <QString>

namespace confero {

// Why a download stopped, as a value: the kind for code, message() for a person.
class DownloadError
{
    Q_DECLARE_TR_FUNCTIONS(DownloadError)

public:
    enum class Kind {
        None,
        Network, // the connection failed again after every retry
        Auth, // the recording-file credentials were refused (and no renewed link helped)
        LinkExpired, // 403/404 and the archive gave no working link
        DiskFull, // the disk is full (the .part file is kept)
        QuotaReached, // the storage policy's quota would be exceeded (the .part file is kept)
        WriteFailed, // another write or rename error (the .part file is kept)
        SizeMismatch, // the server's sizes never agreed
        ChecksumMismatch, // the whole file's sha-256 differs from the server's
        Server, // an HTTP status we do not retry
        Cancelled,
    };

    Kind kind = Kind::None;
    QString detail; // the system's or server's words, for the message
    QString fileName;

    bool isError() const { return kind != Kind::None; }
    QString message() const;
    static QString kindName(Kind kind); // stable, for the store: "network", "disk_full", ...
    static Kind kindFromName(const QString &name);
};

} // namespace confero
