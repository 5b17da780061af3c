#include "SandboxClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QSslError>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace confero::test {

int SandboxClient::Reply::result() const
{
    const QJsonValue value = body.value(u"result");
    if (value.isString())
        return value.toString().toInt();
    return value.isDouble() ? value.toInt() : -1;
}

SandboxClient::SandboxClient(QUrl origin)
    : m_origin(std::move(origin))
{
    // A proxy from the environment must not stand between the tests and the loopback server.
    m_network.setProxy(QNetworkProxy::NoProxy);
}

void SandboxClient::setCredentials(const QString &appId, const QString &appKey)
{
    const QByteArray credentials = appId.toUtf8() + ":" + appKey.toUtf8();
    m_authorization = "Basic " + credentials.toBase64();
}

void SandboxClient::pinCertificate(const QSslCertificate &certificate)
{
    m_pinned = certificate;
}

QNetworkReply *SandboxClient::start(const QByteArray &method, const QString &path, const QByteArray &body,
                                    bool withAuth)
{
    QUrl url = m_origin;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (withAuth && !m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    if (!m_pinned.isNull()) {
        const QSslCertificate pinned = m_pinned;
        QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply, pinned](const QList<QSslError> &errors) {
            for (const QSslError &error : errors) {
                if (error.certificate() != pinned)
                    return;
            }
            reply->ignoreSslErrors(errors);
        });
    }
    return reply;
}

SandboxClient::Reply SandboxClient::collect(QNetworkReply *reply, int timeoutMs)
{
    if (!reply->isFinished()) {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(timeoutMs);
        loop.exec();
    }
    Reply result;
    result.finished = reply->isFinished();
    if (!result.finished)
        reply->abort();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.raw = reply->readAll();
    result.body = QJsonDocument::fromJson(result.raw).object();
    result.retryAfter = reply->rawHeader("Retry-After");
    result.contentLength = reply->header(QNetworkRequest::ContentLengthHeader).isValid()
        ? reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()
        : -1;
    reply->deleteLater();
    return result;
}

SandboxClient::Reply SandboxClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                                         bool withAuth)
{
    return collect(start(method, path, body, withAuth));
}

SandboxClient::Reply SandboxClient::sendJson(const QByteArray &method, const QString &path, const QJsonObject &body,
                                             bool withAuth)
{
    return send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), withAuth);
}

} // namespace confero::test
