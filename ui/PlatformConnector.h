#pragma once

#include "config/Project.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace confero {

class SecretStore;
class VideoPlatform;

// Makes the platform client for a project. A project's App Key comes from the keychain, except for
// keys handed over in memory with `setInMemoryKey` (the embedded sandbox's: see ConsoleApplication).
class PlatformConnector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlatformConnector)

public:
    // The platform, or nullptr and a sentence for a person.
    using Callback = std::function<void(std::unique_ptr<VideoPlatform> platform, const QString &error)>;

    PlatformConnector(QNetworkAccessManager *network, SecretStore *secrets, QObject *parent = nullptr);

    void setInMemoryKey(qint64 projectId, const QString &appKey);
    bool hasInMemoryKey(qint64 projectId) const;

    // Asynchronous because the keychain is; `done` is not called if `context` is destroyed first.
    void open(const Project &project, QObject *context, Callback done);
    // For a project being typed in (ProjectDialog's "Test connection"): no keychain involved.
    std::unique_ptr<VideoPlatform> openWithKey(const QUrl &apiBaseUrl, const QString &appId,
                                               const QString &appKey) const;

private:
    QNetworkAccessManager *m_network;
    SecretStore *m_secrets;
    QHash<qint64, QString> m_inMemoryKeys;
};

} // namespace confero
