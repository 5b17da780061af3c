#pragma once

#include "CommandLine.h"
#include "config/Project.h"

#include <QJsonValue>
#include <QObject>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace confero {
class ProjectStore;
class SecretStore;
class Store;
class VideoPlatform;
} // namespace confero

namespace confero::cli {

// What every command needs, created on first use: the data folder and store, the chosen project
// with its App Key, the platform client, and stdout/stderr.
class CliContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliContext)

public:
    explicit CliContext(CommandLine commandLine, QObject *parent = nullptr);
    ~CliContext() override;

    const CommandLine &commandLine() const;
    bool json() const;

    bool openStore(QString *error);
    Store *store() const;
    ProjectStore *projects() const;
    SecretStore *secrets();

    // The platform of the chosen project: --project, else CONFERO_API_URL/APP_ID/APP_KEY, else the
    // current project. nullptr with `error` set when there is none or its App Key cannot be read.
    VideoPlatform *platform(QString *error);
    // The stored project in use (none when it came from the environment).
    std::optional<Project> storedProject() const;

    // The project whose CDR copy a cdr command works on, without needing its App Key: --project,
    // else the one CONFERO_API_URL/APP_ID name (found by URL and App ID, or added to the store
    // the first time, since the copy needs a project to belong to), else the current project.
    std::optional<qint64> cdrProjectId(QString *error);

    void print(const QString &text) const; // stdout, as is
    void printJson(const QJsonValue &value) const; // stdout, one indented document
    void printError(const QString &line) const; // stderr, one line

private:
    CommandLine m_commandLine;
    std::unique_ptr<Store> m_store;
    ProjectStore *m_projects = nullptr;
    SecretStore *m_secrets = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    VideoPlatform *m_platform = nullptr;
    std::optional<Project> m_storedProject;
};

} // namespace confero::cli
