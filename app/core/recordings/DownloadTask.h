#pragma once

#include "DownloadError.h"
#include "DownloadRequest.h"

#include "Sha256.h"

#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

namespace confero {

// Downloads one file to "<target>.part" and renames it over the target only when it is whole: its
// size agrees with Content-Length / Content-Range and its sha-256 with the one known beforehand or
// the server's Repr-Digest (RFC 9530) or Digest header. The reply's read buffer is bounded
// (Settings::readBufferBytes) and each chunk is written at once to an unbuffered file, so memory
// stays flat for any size and a refused write is seen at once.
//
// Resume: a .part left by an earlier run (a drop, a crash, a pause) is continued with Range. A 200
// to a Range request, a Content-Range that does not start where the part ends, or a total that
// differs from the one seen before (the file changed) truncates the part and starts over cleanly.
// Dropped connections, 408, 429 and 5xx are retried with exponential backoff and jitter; the
// attempt count resets whenever bytes arrived. 403/404, and a refused connection or unknown host
// (once, before retrying), emit linkRenewalNeeded(): the owner fetches
// the archive route again and answers renewLink(url) or renewalFailed(reason), and the download
// goes on from where it was. A full disk (or the free space checked before starting) and write
// errors stop it with a DownloadError; the .part is kept for a later resume.
class DownloadTask final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadTask)

public:
    class Settings
    {
    public:
        int maxAttempts = 8; // consecutive failed attempts without progress
        int initialBackoffMs = 500;
        int maxBackoffMs = 30'000;
        qint64 readBufferBytes = 256 * 1024;
        int maxRenewals = 3; // link renewals in a row without progress
        int transferTimeoutMs = 60'000; // no byte for this long: the attempt fails
    };

    enum class State { Idle, Running, WaitingForLink, Paused, Finished, Failed };

    DownloadTask(QNetworkAccessManager *network, DownloadRequest request, QObject *parent = nullptr);
    ~DownloadTask() override;

    void setSettings(const Settings &settings);
    const DownloadRequest &request() const;
    State state() const;
    qint64 bytesDone() const;
    qint64 bytesTotal() const; // -1 until the server said
    const DownloadError &error() const;

    static QString partPath(const QString &targetPath);

    // Starts or resumes (from the .part).
    void start();
    // Stops the transfer and keeps the .part; start() resumes.
    void pause();
    // Stops and removes the .part; emits failed(Cancelled).
    void cancel();

    // Answers linkRenewalNeeded().
    void renewLink(const QUrl &url);
    void renewalFailed(const QString &reason);

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void linkRenewalNeeded();
    void finished(); // the file is in place
    void failed(const confero::DownloadError &error);
    void stateChanged(confero::DownloadTask::State state);

private:
    enum class Verdict { Continue, Restart, Fail };

    void sendRequest();
    void onReadyRead();
    void onFinished();
    Verdict checkHeaders();
    bool writeChunk(const QByteArray &chunk);
    void retryLater();
    void restartFromZero();
    void complete();
    void fail(DownloadError::Kind kind, const QString &detail);
    void setState(State state);
    void dropReply();
    bool openPart();

    QNetworkAccessManager *m_network = nullptr;
    DownloadRequest m_request;
    Settings m_settings;
    State m_state = State::Idle;
    DownloadError m_error;
    QPointer<QNetworkReply> m_reply;
    QFile m_part;
    Sha256 m_hash;
    QTimer m_retryTimer;
    qint64 m_offset = 0; // bytes in the .part
    qint64 m_total = -1; // the whole file's size, once the server said
    qint64 m_attemptStart = 0; // m_offset when the current attempt began
    QByteArray m_serverDigest; // raw sha-256 from Repr-Digest / Digest
    int m_failedAttempts = 0;
    int m_renewals = 0;
    bool m_headersChecked = false;
    bool m_checksumRetried = false;
};

} // namespace confero
