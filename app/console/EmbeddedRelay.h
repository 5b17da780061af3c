#pragma once

#include "relaylink/EmbeddedRelaySettings.h"

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

#include <memory>
#include <optional>

namespace confero {

namespace relay {
class RelayServer;
}

// confero-relay inside the console (docs/ARCHITECTURE.md, "The relay"), for a machine the platform
// reaches directly: the same RelayServer, its database in the data folder. start() makes sure the
// relay knows the project (webhooks at /hooks/enablex/<relayName> with the settings' Basic auth) and
// issues a fresh token for the console's own subscriber, which the console streams from over
// loopback exactly as from a relay elsewhere. One relay serves the console: starting it with other
// listen or TLS settings restarts it.
class EmbeddedRelay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedRelay)

public:
    struct Started
    {
        QUrl streamUrl; // where the console's RelayClient connects
        QString token; // the console's subscriber token, in memory only
        QList<QSslCertificate> trusted; // the relay's own certificate, when it has one
        QUrl webhookUrl; // what to give the platform (the listen address; 0.0.0.0 shown as this host's name)
    };

    explicit EmbeddedRelay(QString databasePath, QObject *parent = nullptr);
    ~EmbeddedRelay() override;

    // A relay project name for a console project: its name in letters, digits, '-', '_' and '.'.
    static QString relayNameFor(const QString &projectName, qint64 projectId);

    std::optional<Started> start(const EmbeddedRelaySettings &settings, const QString &webhookPassword,
                                 const QString &relayName, QString *error);
    void stop();
    bool isRunning() const;

private:
    bool prepareDatabase(const QString &relayName, const QString &basicAuth, QString *token, QString *error);

    QString m_databasePath;
    std::unique_ptr<relay::RelayServer> m_server;
    QString m_listen;
    QString m_tlsCert;
    QString m_tlsKey;
};

} // namespace confero
