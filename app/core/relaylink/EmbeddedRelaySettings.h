#pragma once

#include "store/StoreError.h"

#include <QHostAddress>
#include <QString>

#include <optional>

namespace confero {

class Store;

// A relay that runs inside the console for one project (table embedded_relays): where it listens,
// its certificate, and the Basic auth user the platform must send. The password is a secret:
// SecretStore under passwordKeyName(project id).
struct EmbeddedRelaySettings
{
    QString listen = QStringLiteral("127.0.0.1:8443"); // ADDR:PORT
    QString tlsCert; // PEM files; both empty for plain HTTP, allowed on loopback only
    QString tlsKey;
    QString webhookUser = QStringLiteral("platform");

    // The address and port of `listen`; false when it is not ADDR:PORT with a port from 1 to 65535.
    bool parseListen(QHostAddress *address, quint16 *port) const;
    // Empty when the settings can run, else why not in words.
    QString problem() const;
};

class EmbeddedRelaySettingsStore
{
public:
    explicit EmbeddedRelaySettingsStore(Store *store);

    static QString passwordKeyName(qint64 projectId);

    StoreResult<bool> set(qint64 projectId, const EmbeddedRelaySettings &settings);
    StoreResult<std::optional<EmbeddedRelaySettings>> find(qint64 projectId) const;
    StoreResult<bool> remove(qint64 projectId);

private:
    Store *m_store;
};

} // namespace confero
