#include "PlatformConnector.h"

#include "Logging.h"
#include "config/SecretStore.h"
#include "platform/EnableXPlatform.h"

#include <QPointer>

namespace confero {

PlatformConnector::PlatformConnector(QNetworkAccessManager *network, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_secrets(secrets)
{
}

void PlatformConnector::setInMemoryKey(qint64 projectId, const QString &appKey)
{
    m_inMemoryKeys.insert(projectId, appKey);
}

bool PlatformConnector::hasInMemoryKey(qint64 projectId) const
{
    return m_inMemoryKeys.contains(projectId);
}

void PlatformConnector::open(const Project &project, QObject *context, Callback done)
{
    const auto memory = m_inMemoryKeys.constFind(project.id);
    if (memory != m_inMemoryKeys.constEnd()) {
        done(openWithKey(project.apiBaseUrl, project.appId, *memory), QString());
        return;
    }
    if (project.isSandbox) {
        // The emulator's key exists only in the process that started it (see ConsoleApplication).
        done(nullptr,
             tr("The built-in emulator is not running in this window. Start Confero with "
                "--sandbox to use the \"%1\" project.")
                 .arg(project.name));
        return;
    }
    QPointer<QObject> guard(context);
    m_secrets->read(
        SecretStore::appKeyName(project.id), this,
        [this, project, guard, done = std::move(done)](const SecretStore::Result &result) {
            if (!guard)
                return;
            if (!result.ok) {
                qCWarning(lcUi) << "no App Key for project" << project.name << ":" << result.errorMessage;
                done(nullptr,
                     tr("The App Key of project \"%1\" could not be read: %2").arg(project.name, result.errorMessage));
                return;
            }
            done(openWithKey(project.apiBaseUrl, project.appId, result.value), QString());
        });
}

std::unique_ptr<VideoPlatform> PlatformConnector::openWithKey(const QUrl &apiBaseUrl, const QString &appId,
                                                              const QString &appKey) const
{
    return std::make_unique<EnableXPlatform>(m_network, apiBaseUrl, appId, appKey);
}

} // namespace confero
