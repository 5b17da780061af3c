#pragma once

#include "PlatformError.h"
#include "RetryPolicy.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

namespace confero {

// One call to the platform, from the first attempt to the last retry. Emits `succeeded` or `failed`
// exactly once (never after cancel()), then deletes itself.
class PlatformRequest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlatformRequest)

public:
    // Whether sending the same request twice is harmless. A POST that creates something is not: when
    // an attempt failed after the request may have reached the server (a dropped connection, a
    // timeout, a 500), a retry could create a second room, so it is retried only when the failure
    // itself says nothing was processed (connection refused, host not found, 429, 503).
    enum class Replay { Safe, OnlyIfNotProcessed };

    struct Spec
    {
        QByteArray verb; // GET, POST, PATCH, DELETE
        QUrl url;
        QByteArray body; // JSON, empty for GET/DELETE
        QString operation; // for messages, e.g. "creating room \"Stand-up\""
        Replay replay = Replay::Safe;
        // DELETE: a 404 on a retry means an earlier attempt reached the server and did the work.
        bool notFoundOnRetryMeansDone = false;
    };

    PlatformRequest(QNetworkAccessManager *network, Spec spec, QByteArray authorization, RetryPolicy retry,
                    int transferTimeoutMs, QList<QSslCertificate> trusted, QObject *parent = nullptr);
    ~PlatformRequest() override;

    void start();
    // Stops quietly: the caller went away and wants no answer.
    void cancel();

    int attempts() const;

Q_SIGNALS:
    void attemptStarted();
    void attemptFinished(bool ok, int elapsedMs);
    void succeeded(const QJsonObject &envelope);
    void failed(const confero::PlatformError &error);

private:
    void sendAttempt();
    void onReplyFinished();
    void retryOrFail(const PlatformError &error, std::optional<qint64> retryAfterMs, bool requestNotProcessed);
    void finishWith(const QJsonObject *envelope, const PlatformError *error);
    PlatformError transportError(QNetworkReply::NetworkError code) const;

    QNetworkAccessManager *m_network;
    Spec m_spec;
    QByteArray m_authorization;
    RetryPolicy m_retry;
    int m_transferTimeoutMs;
    QList<QSslCertificate> m_trusted;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    QElapsedTimer m_attemptClock;
    int m_attempt = 0;
    bool m_done = false;
    bool m_cancelled = false;
};

} // namespace confero
