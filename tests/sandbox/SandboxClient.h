#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace confero::test {

// A small synchronous HTTP client for the sandbox tests: real requests over loopback through
// QNetworkAccessManager, waited for with a bounded event loop. With a pinned certificate, TLS errors
// are accepted only when they concern exactly that certificate (it is self-signed).
class SandboxClient
{
public:
    class Reply
    {
    public:
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray raw;
        QJsonObject body;
        bool finished = false;
        QByteArray retryAfter;
        qint64 contentLength = -1;

        int result() const; // body["result"] as a number, -1 when absent
    };

    explicit SandboxClient(QUrl origin); // scheme://127.0.0.1:PORT
    void setCredentials(const QString &appId, const QString &appKey);
    void pinCertificate(const QSslCertificate &certificate);

    // Starts a request and leaves it running (for tests of concurrency); the caller owns the reply.
    QNetworkReply *start(const QByteArray &method, const QString &path, const QByteArray &body = {},
                         bool withAuth = true);
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {}, bool withAuth = true);
    Reply sendJson(const QByteArray &method, const QString &path, const QJsonObject &body, bool withAuth = true);

    static Reply collect(QNetworkReply *reply, int timeoutMs = 20000);

private:
    QNetworkAccessManager m_network;
    QUrl m_origin;
    QByteArray m_authorization;
    QSslCertificate m_pinned;
};

} // namespace confero::test
