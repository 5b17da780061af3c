#include "UiTestSandbox.h"

#include "SandboxServer.h"
#include "platform/EnableXPlatform.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>

namespace confero::test {

using namespace Qt::StringLiterals;

UiTestSandbox::UiTestSandbox()
    : m_appKey(u"uiTestAppKey0123456789abcdefABCDEF"_s)
{
}

UiTestSandbox::~UiTestSandbox()
{
    m_platform.reset();
    m_server.reset();
}

void UiTestSandbox::setAppKey(const QString &appKey)
{
    m_appKey = appKey;
}

bool UiTestSandbox::start(QString *error)
{
    sandbox::SandboxOptions options;
    options.appId = appId();
    options.appKey = appKey();
    options.demoRooms = true;
    m_server = std::make_unique<sandbox::SandboxServer>(options);
    if (!m_server->start(QHostAddress::LocalHost, 0, error))
        return false;
    // Few and short retries: a test that injects a failure should see it soon.
    EnableXPlatform::Options platformOptions;
    platformOptions.maxAttempts = 2;
    platformOptions.initialBackoffMs = 50;
    platformOptions.maxBackoffMs = 100;
    m_platform =
        std::make_unique<EnableXPlatform>(&m_network, m_server->apiBaseUrl(), appId(), appKey(), platformOptions);
    return true;
}

EnableXPlatform *UiTestSandbox::platform() const
{
    return m_platform.get();
}

QNetworkAccessManager *UiTestSandbox::network()
{
    return &m_network;
}

QString UiTestSandbox::appId() const
{
    return u"64f0c0ffee0000000000a11d"_s;
}

QString UiTestSandbox::appKey() const
{
    return m_appKey;
}

QUrl UiTestSandbox::apiBaseUrl() const
{
    return m_server->apiBaseUrl();
}

QJsonObject UiTestSandbox::state()
{
    return control("GET", u"state"_s);
}

QJsonArray UiTestSandbox::rooms()
{
    return state().value(u"rooms").toArray();
}

QJsonObject UiTestSandbox::roomNamed(const QString &name)
{
    const QJsonArray listed = rooms();
    for (const auto &room : listed) {
        if (room.toObject().value(u"name").toString() == name)
            return room.toObject();
    }
    return {};
}

bool UiTestSandbox::setFaults(const QJsonArray &faults)
{
    return control("POST", u"faults"_s, {{u"faults"_s, faults}}).value(u"result").toInt(-1) == 0;
}

bool UiTestSandbox::clearFaults()
{
    return control("DELETE", u"faults"_s).value(u"result").toInt(-1) == 0;
}

QJsonObject UiTestSandbox::control(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    QNetworkRequest request(m_server->controlBaseUrl().resolved(QUrl(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setTransferTimeout(10'000);
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, payload);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    // The sandbox answers from this same thread: the spy's event loop is what lets it run.
    if (!reply->isFinished() && !finished.wait(15'000)) {
        reply->deleteLater();
        return {};
    }
    QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return answer;
}

} // namespace confero::test
