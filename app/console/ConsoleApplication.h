#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QLabel;
class QNetworkAccessManager;

namespace confero {

namespace sandbox {
class SandboxServer;
}

class MainWindow;
class PlatformConnector;
class ProjectStore;
class EmbeddedRelay;
class EventsPage;
class RelayConnection;
class SecretStore;
class Store;
class TokenLog;

// The console's object graph: data folder, store, projects, secrets, the embedded sandbox when it is
// wanted, and the main window. main() only makes the QApplication and calls start().
class ConsoleApplication final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleApplication)

public:
    struct Options
    {
        bool sandbox = false;
        QString project;
        QString dataDir;
    };

    explicit ConsoleApplication(QObject *parent = nullptr);
    ~ConsoleApplication() override;

    // Parses the command line; --help and --version print and exit the process, as
    // QCommandLineParser does. On a usage error returns false with `error` set.
    static bool parseArguments(const QStringList &arguments, Options *options, QString *error);

    // Opens everything and shows the window; false with a sentence for a person when it cannot.
    bool start(const Options &options, QString *error);

    MainWindow *mainWindow() const;

private:
    // Members are declared in dependency order, so they are destroyed window first, store last.
    bool startSandbox(const QString &dataDir, QString *error);
    // (Re)starts the relay link of the open project: the embedded relay when it has one set, else a
    // relay elsewhere (RelayConnection reads it), else none.
    void startRelayLink(qint64 projectId);
    static QString generateAppKey();

    std::unique_ptr<Store> m_store;
    std::unique_ptr<ProjectStore> m_projects;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<TokenLog> m_tokenLog;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<PlatformConnector> m_connector;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QString m_sandboxAppId;
    QString m_sandboxAppKey;
    std::unique_ptr<MainWindow> m_window;
    // The open project's relay link (issue 6); replaced when another project opens. The embedded
    // relay, when a project has one, serves it from this process.
    std::unique_ptr<EmbeddedRelay> m_embeddedRelay;
    std::unique_ptr<RelayConnection> m_relay;
    EventsPage *m_eventsPage = nullptr; // owned by the window
    QLabel *m_relayStatus = nullptr; // owned by the window's status bar
    int m_relayGeneration = 0;
};

} // namespace confero
