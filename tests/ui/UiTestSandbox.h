#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>

#include <memory>

namespace confero {
class EnableXPlatform;
namespace sandbox {
class SandboxServer;
}
} // namespace confero

namespace confero::test {

// The real sandbox in this process on 127.0.0.1:0 with its four demo rooms, a platform client for
// it, and the control surface (/sandbox/state, /sandbox/faults) for looking behind the UI's back.
class UiTestSandbox
{
public:
    UiTestSandbox();
    ~UiTestSandbox();
    UiTestSandbox(const UiTestSandbox &) = delete;
    UiTestSandbox &operator=(const UiTestSandbox &) = delete;

    // The App Key the sandbox accepts and the platform client sends; call before start().
    void setAppKey(const QString &appKey);
    // False with `error` set when the sandbox cannot listen.
    bool start(QString *error);

    EnableXPlatform *platform() const;
    QNetworkAccessManager *network();
    QString appId() const;
    QString appKey() const;
    QUrl apiBaseUrl() const;

    // GET /sandbox/state (rooms as stored, tokens, users); empty on failure.
    QJsonObject state();
    QJsonArray rooms();
    QJsonObject roomNamed(const QString &name);
    // POST /sandbox/faults {"faults": [...]} ; DELETE /sandbox/faults.
    bool setFaults(const QJsonArray &faults);
    bool clearFaults();

private:
    QJsonObject control(const QByteArray &method, const QString &path, const QJsonObject &body = {});

    QString m_appKey;
    QNetworkAccessManager m_network;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<EnableXPlatform> m_platform;
};

} // namespace confero::test
