#include "SandboxFixture.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

namespace confero::test {

using namespace Qt::StringLiterals;

void SandboxFixture::setAppKey(const QString &appKey)
{
    m_appKey = appKey;
}

void SandboxFixture::setTls(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

bool SandboxFixture::start(QString *error)
{
    sandbox::SandboxOptions options;
    options.appId = QString::fromLatin1(kAppId);
    options.appKey = m_appKey;
    m_server = std::make_unique<sandbox::SandboxServer>(options);
    if (m_tls)
        m_server->setTls(*m_tls);
    return m_server->start(QHostAddress::LocalHost, 0, error);
}

QUrl SandboxFixture::apiBaseUrl() const
{
    return m_server->apiBaseUrl();
}

QJsonObject SandboxFixture::control(const QByteArray &verb, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(m_server->controlBaseUrl().resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10'000);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

bool SandboxFixture::setFaults(const QByteArray &faultsJson)
{
    const QJsonObject answer = control("POST", u"faults"_s, faultsJson);
    return answer.value(u"result").toInt(-1) == 0;
}

bool SandboxFixture::reset()
{
    const bool cleared = control("DELETE", u"faults"_s).value(u"result").toInt(-1) == 0;
    return control("POST", u"reset"_s).value(u"result").toInt(-1) == 0 && cleared;
}

} // namespace confero::test
