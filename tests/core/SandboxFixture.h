#pragma once

#include "SandboxServer.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslConfiguration>

#include <optional>

#include <memory>

namespace confero::test {

// The real sandbox on 127.0.0.1 (a free port), and its control surface for faults and resets.
class SandboxFixture
{
public:
    static constexpr const char *kAppId = "64f0c0ffee0000000000a11d";
    static constexpr const char *kAppKey = "test-app-key-0123456789abcdef";

    // Before start(): the App Key the sandbox accepts (default kAppKey).
    void setAppKey(const QString &appKey);
    // Before start(): serve HTTPS with this certificate and key.
    void setTls(const QSslConfiguration &configuration);
    bool start(QString *error);
    QUrl apiBaseUrl() const;
    // POSTs/DELETEs to /sandbox/<path>; the answer's JSON object (empty on failure).
    QJsonObject control(const QByteArray &verb, const QString &path, const QByteArray &body = {});
    bool setFaults(const QByteArray &faultsJson);
    bool reset();

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QString m_appKey = QString::fromLatin1(kAppKey);
    std::optional<QSslConfiguration> m_tls;
};

} // namespace confero::test
