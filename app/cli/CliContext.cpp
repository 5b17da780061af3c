#include "CliContext.h"

#include "config/DataDir.h"
#include "config/ProjectStore.h"
#include "config/SecretStore.h"
#include "platform/EnableXPlatform.h"
#include "store/Store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <cstdio>

namespace confero::cli {

using namespace Qt::StringLiterals;

CliContext::CliContext(CommandLine commandLine, QObject *parent)
    : QObject(parent)
    , m_commandLine(std::move(commandLine))
{
}

CliContext::~CliContext() = default;

const CommandLine &CliContext::commandLine() const
{
    return m_commandLine;
}

bool CliContext::json() const
{
    return m_commandLine.json();
}

bool CliContext::openStore(QString *error)
{
    if (m_store)
        return true;
    const QString dataDir = DataDir::resolve(m_commandLine.dataDir());
    if (!DataDir::ensure(dataDir, error))
        return false;
    auto store = std::make_unique<Store>();
    const StoreResult<bool> opened = store->open(Store::defaultLocation(dataDir));
    if (!opened) {
        if (error)
            *error = opened.error().message;
        return false;
    }
    m_store = std::move(store);
    m_projects = new ProjectStore(m_store.get(), this);
    return true;
}

Store *CliContext::store() const
{
    return m_store.get();
}

ProjectStore *CliContext::projects() const
{
    return m_projects;
}

SecretStore *CliContext::secrets()
{
    if (!m_secrets)
        m_secrets = new SecretStore(this);
    return m_secrets;
}

std::optional<Project> CliContext::storedProject() const
{
    return m_storedProject;
}

VideoPlatform *CliContext::platform(QString *error)
{
    if (m_platform)
        return m_platform;

    QUrl url;
    QString appId;
    QString appKey;
    const QString envUrl = qEnvironmentVariable("CONFERO_API_URL");
    if (m_commandLine.project().isEmpty() && !envUrl.isEmpty()) {
        url = QUrl(envUrl);
        appId = qEnvironmentVariable("CONFERO_APP_ID");
        appKey = qEnvironmentVariable("CONFERO_APP_KEY");
        if (appId.isEmpty() || appKey.isEmpty()) {
            *error = tr("CONFERO_API_URL is set, so CONFERO_APP_ID and CONFERO_APP_KEY must be set too.");
            return nullptr;
        }
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")) {
            *error = tr("CONFERO_API_URL is not an http:// or https:// address.");
            return nullptr;
        }
    } else {
        if (!openStore(error))
            return nullptr;
        std::optional<Project> project;
        if (!m_commandLine.project().isEmpty()) {
            project = m_projects->byName(m_commandLine.project());
            if (!project) {
                *error =
                    tr("There is no project named \"%1\"; see conferoctl projects list.").arg(m_commandLine.project());
                return nullptr;
            }
        } else {
            project = m_projects->current();
            const QList<Project> all = m_projects->projects();
            if (!project && all.size() == 1)
                project = all.constFirst();
            if (!project) {
                *error = tr("No project chosen: use --project NAME or conferoctl projects use NAME, "
                            "or set CONFERO_API_URL, CONFERO_APP_ID and CONFERO_APP_KEY.");
                return nullptr;
            }
        }
        const SecretStore::Result key = secrets()->readNow(SecretStore::appKeyName(project->id));
        if (!key.ok) {
            *error = key.errorMessage;
            return nullptr;
        }
        url = project->apiBaseUrl;
        appId = project->appId;
        appKey = key.value;
        m_storedProject = project;
    }

    m_network = new QNetworkAccessManager(this);
    auto *platform = new EnableXPlatform(m_network, url, appId, appKey, this);
    // A self-signed sandbox over HTTPS: trust exactly its certificate.
    const QString certificate = qEnvironmentVariable("CONFERO_TRUSTED_CERT");
    if (!certificate.isEmpty()) {
        QFile file(certificate);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("Could not read the certificate named by CONFERO_TRUSTED_CERT (%1).").arg(certificate);
            return nullptr;
        }
        platform->setTrustedCertificatePem(file.readAll());
    }
    m_platform = platform;
    return m_platform;
}

std::optional<qint64> CliContext::cdrProjectId(QString *error)
{
    if (!openStore(error))
        return std::nullopt;
    const QString envUrl = qEnvironmentVariable("CONFERO_API_URL");
    if (m_commandLine.project().isEmpty() && !envUrl.isEmpty()) {
        QUrl url(envUrl);
        if (!url.path().endsWith(u'/'))
            url.setPath(url.path() + u'/');
        const QString appId = qEnvironmentVariable("CONFERO_APP_ID");
        if (appId.isEmpty()) {
            *error = tr("CONFERO_API_URL is set, so CONFERO_APP_ID must be set too.");
            return std::nullopt;
        }
        const QList<Project> all = m_projects->projects();
        for (const Project &project : all) {
            if (project.appId == appId
                && project.apiBaseUrl.adjusted(QUrl::StripTrailingSlash) == url.adjusted(QUrl::StripTrailingSlash))
                return project.id;
        }
        Project project;
        project.name = tr("%1 at %2").arg(appId, url.authority());
        project.apiBaseUrl = url;
        project.appId = appId;
        const StoreResult<Project> added = m_projects->add(project);
        if (!added) {
            *error = added.error().message;
            return std::nullopt;
        }
        return added.value().id;
    }
    std::optional<Project> project;
    if (!m_commandLine.project().isEmpty()) {
        project = m_projects->byName(m_commandLine.project());
        if (!project) {
            *error = tr("There is no project named \"%1\"; see conferoctl projects list.").arg(m_commandLine.project());
            return std::nullopt;
        }
    } else {
        project = m_projects->current();
        const QList<Project> all = m_projects->projects();
        if (!project && all.size() == 1)
            project = all.constFirst();
        if (!project) {
            *error = tr("No project chosen: use --project NAME or conferoctl projects use NAME, "
                        "or set CONFERO_API_URL, CONFERO_APP_ID and CONFERO_APP_KEY.");
            return std::nullopt;
        }
    }
    return project->id;
}

void CliContext::print(const QString &text) const
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

void CliContext::printJson(const QJsonValue &value) const
{
    QJsonDocument document;
    if (value.isArray())
        document = QJsonDocument(value.toArray());
    else
        document = QJsonDocument(value.toObject());
    print(QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
}

void CliContext::printError(const QString &line) const
{
    QString text = line.simplified();
    const QByteArray bytes = (text + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace confero::cli
