#include "ConsoleApplication.h"

#include "EmbeddedRelay.h"
#include "EventsPage.h"
#include "Logging.h"
#include "MainWindow.h"
#include "PlatformConnector.h"
#include "RecordingsPage.h"
#include "ReportsPage.h"
#include "SandboxServer.h"
#include "SessionsPage.h"
#include "UiResources.h"
#include "config/DataDir.h"
#include "config/ProjectStore.h"
#include "config/SecretStore.h"
#include "config/TokenLog.h"
#include "platform/VideoPlatform.h"
#include "relaylink/EmbeddedRelaySettings.h"
#include "relaylink/RelayConnection.h"
#include "store/Store.h"
#include "sync/CdrReconciler.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QHostAddress>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QStatusBar>

#include <unistd.h>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

// The embedded sandbox's App ID. It is not a secret, and keeping it fixed keeps the sandbox project
// and the sandbox's state file recognisably the same from one run to the next.
const QString sandboxAppId = u"5c0f0e00c0ffee0000000001"_s;

} // namespace

ConsoleApplication::ConsoleApplication(QObject *parent)
    : QObject(parent)
{
}

ConsoleApplication::~ConsoleApplication() = default;

bool ConsoleApplication::parseArguments(const QStringList &arguments, Options *options, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Confero: desktop console for the EnableX Video API. With no project configured, or with "
           "--sandbox, it starts the built-in emulator of the API and opens it as the \"Sandbox\" project."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandboxOption(u"sandbox"_s, tr("Start the built-in emulator and open its project."));
    const QCommandLineOption projectOption(u"project"_s, tr("Open the project named NAME."), tr("NAME"));
    const QCommandLineOption dataDirOption(u"data-dir"_s, tr("Keep data in DIR (CONFERO_DATA_DIR takes precedence)."),
                                           tr("DIR"));
    parser.addOptions({sandboxOption, projectOption, dataDirOption});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(u"help"_s))
        parser.showHelp(0);
    if (parser.isSet(u"version"_s))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        *error = tr("Unexpected argument \"%1\"; see confero --help.").arg(parser.positionalArguments().constFirst());
        return false;
    }
    options->sandbox = parser.isSet(sandboxOption);
    options->project = parser.value(projectOption);
    options->dataDir = parser.value(dataDirOption);
    return true;
}

bool ConsoleApplication::start(const Options &options, QString *error)
{
    if (::geteuid() == 0)
        qCWarning(lcConsole) << "running as root: QtWebEngine (the live session page) needs "
                                "QTWEBENGINE_DISABLE_SANDBOX=1, which the launch script sets";

    const QString dataDir = DataDir::resolve(options.dataDir);
    if (!DataDir::ensure(dataDir, error))
        return false;
    qCInfo(lcConsole) << "data folder" << dataDir;

    m_store = std::make_unique<Store>();
    const StoreResult<bool> opened = m_store->open(Store::defaultLocation(dataDir));
    if (!opened) {
        qCWarning(lcConsole) << "opening the store failed:" << opened.error().detail;
        *error = opened.error().message;
        return false;
    }
    m_projects = std::make_unique<ProjectStore>(m_store.get());
    m_secrets = std::make_unique<SecretStore>();
    m_tokenLog = std::make_unique<TokenLog>(m_store.get());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_connector = std::make_unique<PlatformConnector>(m_network.get(), m_secrets.get());

    std::optional<Project> wanted;
    if (!options.project.isEmpty()) {
        wanted = m_projects->byName(options.project);
        if (!wanted) {
            *error = tr("There is no project named \"%1\".").arg(options.project);
            return false;
        }
    } else if (!options.sandbox) {
        wanted = m_projects->current();
        if (!wanted && !m_projects->projects().isEmpty())
            wanted = m_projects->projects().constFirst();
    }

    // The sandbox runs when asked for, on first run (nothing else to open), and whenever the project
    // to open is the sandbox's: its address changes every run, so it cannot be opened without it.
    if (options.sandbox || !wanted || wanted->isSandbox) {
        if (!startSandbox(dataDir, error))
            return false;
        const Project sandboxProject = m_projects->ensureSandboxProject(m_sandbox->apiBaseUrl(), m_sandboxAppId);
        if (sandboxProject.id == 0) {
            *error = tr("Could not save the Sandbox project in %1.").arg(QDir::toNativeSeparators(dataDir));
            return false;
        }
        // The sandbox's key is handed to the client in memory, never to the keychain or a file: the
        // emulator listens on 127.0.0.1 only, lives as long as this process, and gets a new key on
        // every run, so the key protects nothing beyond this process and needs no keeping.
        m_connector->setInMemoryKey(sandboxProject.id, m_sandboxAppKey);
        if (!wanted || options.sandbox || wanted->isSandbox)
            wanted = sandboxProject;
    }

    m_window = std::make_unique<MainWindow>(m_projects.get(), m_secrets.get(), m_connector.get(), m_tokenLog.get());
    // Store upkeep (issue 4): the window gets the store, and each project's platform a CDR reconciler.
    m_window->setStore(m_store.get(), dataDir);
    connect(m_window.get(), &MainWindow::platformChanged, m_window.get(),
            [this](VideoPlatform *platform, qint64 projectId) {
                auto *reconciler =
                    platform ? new CdrReconciler(platform, m_store.get(), m_window->upkeepStore(), projectId) : nullptr;
                m_window->setReconciler(reconciler);
                if (reconciler)
                    reconciler->start();
            });
    // Sessions page (issue 4): follows the current project; the sandbox's history is synced once.
    auto *sessions = new SessionsPage(m_store.get());
    sessions->setObjectName(u"sessionsPage"_s);
    m_window->addPage(UiResources::icon(u"sessions"_s), tr("Sessions"), sessions);
    connect(m_window.get(), &MainWindow::platformChanged, sessions, &SessionsPage::setPlatform);
    if (m_sandbox)
        sessions->syncOnceWhenShown(m_projects->ensureSandboxProject(m_sandbox->apiBaseUrl(), m_sandboxAppId).id);
    // Recordings page (issue 5), after Sessions: follows the current project; the embedded sandbox's
    // recording-file credentials are handed over in memory, like its App Key (see startSandbox).
    auto *recordings = new RecordingsPage(m_store.get(), m_secrets.get(), m_network.get(),
                                          QDir(dataDir).filePath(u"recordings"_s));
    recordings->setObjectName(u"recordingsPage"_s);
    m_window->addPage(UiResources::icon(u"recordings"_s), tr("Recordings"), recordings);
    connect(m_window.get(), &MainWindow::platformChanged, recordings,
            [this, recordings](VideoPlatform *platform, qint64 projectId) {
                const std::optional<Project> project = m_window->currentProject();
                recordings->setPlatform(platform, projectId, project ? project->name : QString());
            });
    if (m_sandbox)
        recordings->setInMemoryCredentials(m_projects->ensureSandboxProject(m_sandbox->apiBaseUrl(), m_sandboxAppId).id,
                                           m_sandbox->recordingUser(), m_sandbox->recordingPassword());
    connect(sessions, &SessionsPage::recordingsRequested, recordings, [this, recordings](const QString &confNum) {
        m_window->showPage(recordings);
        recordings->showSession(confNum);
    });
    // Reports page (issue 4): follows the current project; the store is open whatever the platform's state.
    auto *reports = new ReportsPage(m_store.get());
    reports->setObjectName(u"reportsPage"_s);
    m_window->addPage(UiResources::icon(u"reports"_s), tr("Reports"), reports);
    connect(m_window.get(), &MainWindow::platformChanged, reports,
            [reports](VideoPlatform *, qint64 projectId) { reports->setProject(projectId); });
    // Events page (issue 6): the open project's relay link runs while it is open, and its webhooks
    // are listed as they are stored; the status bar says how the link is.
    m_embeddedRelay = std::make_unique<EmbeddedRelay>(QDir(dataDir).filePath(u"relay/relay.sqlite"_s));
    m_eventsPage = new EventsPage(m_store.get(), m_secrets.get());
    m_eventsPage->setObjectName(u"eventsPage"_s);
    m_window->addPage(UiResources::icon(u"events"_s), tr("Events"), m_eventsPage);
    m_relayStatus = new QLabel(m_window.get());
    m_relayStatus->setObjectName(u"relayStatus"_s);
    m_window->statusBar()->addPermanentWidget(m_relayStatus);
    connect(m_window.get(), &MainWindow::platformChanged, m_eventsPage, [this](VideoPlatform *, qint64 projectId) {
        if (!m_relay || m_relay->projectId() != projectId)
            startRelayLink(projectId);
    });
    connect(m_eventsPage, &EventsPage::relayLinkChanged, this, [this] {
        if (m_relay)
            startRelayLink(m_relay->projectId());
    });
    m_window->show();
    m_window->openProject(wanted->id);
    return true;
}

void ConsoleApplication::startRelayLink(qint64 projectId)
{
    const int generation = ++m_relayGeneration;
    m_relay = std::make_unique<RelayConnection>(m_store.get(), m_secrets.get(), projectId);
    connect(m_relay.get(), &RelayConnection::statusChanged, m_relayStatus,
            [this] { m_relayStatus->setText(m_relay->statusText()); });
    const std::optional<Project> project = m_window->currentProject();
    const QString projectName = project ? project->name : QString();
    m_eventsPage->setProject(projectId, projectName, m_relay.get());

    const StoreResult<std::optional<EmbeddedRelaySettings>> embedded =
        EmbeddedRelaySettingsStore(m_store.get()).find(projectId);
    if (!embedded || !embedded.value()) {
        m_embeddedRelay->stop();
        m_relay->start();
        m_relayStatus->setText(m_relay->statusText());
        return;
    }
    const EmbeddedRelaySettings settings = *embedded.value();
    m_relayStatus->setText(tr("Relay in this console: starting…"));
    m_secrets->read(EmbeddedRelaySettingsStore::passwordKeyName(projectId), m_relay.get(),
                    [this, generation, settings, projectId, projectName](const SecretStore::Result &secret) {
                        if (generation != m_relayGeneration)
                            return;
                        QString error = secret.ok ? QString() : secret.errorMessage;
                        std::optional<EmbeddedRelay::Started> started;
                        if (secret.ok)
                            started = m_embeddedRelay->start(settings, secret.value,
                                                             EmbeddedRelay::relayNameFor(projectName, projectId), &error);
                        if (!started) {
                            qCWarning(lcConsole) << "the embedded relay did not start:" << error;
                            m_relayStatus->setText(tr("Relay in this console: stopped"));
                            m_eventsPage->showProblem(tr("The relay in this console did not start: %1").arg(error));
                            return;
                        }
                        m_eventsPage->setWebhookUrl(started->webhookUrl, settings.webhookUser);
                        m_relay->startEmbedded(started->streamUrl, started->token, started->trusted);
                        m_relayStatus->setText(m_relay->statusText());
                    });
}

bool ConsoleApplication::startSandbox(const QString &dataDir, QString *error)
{
    const QString sandboxDir = QDir(dataDir).filePath(u"sandbox"_s);
    if (!DataDir::ensure(sandboxDir, error))
        return false;
    m_sandboxAppId = sandboxAppId;
    m_sandboxAppKey = generateAppKey();

    sandbox::SandboxOptions options;
    options.appId = m_sandboxAppId;
    options.appKey = m_sandboxAppKey;
    options.stateFile = QDir(sandboxDir).filePath(u"state.json"_s);
    options.demoRooms = true;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    connect(m_sandbox.get(), &sandbox::SandboxServer::stateSaveFailed, this,
            [](const QString &message) { qCWarning(lcConsole) << "the sandbox could not save its state:" << message; });
    QString why;
    if (!m_sandbox->start(QHostAddress::LocalHost, 0, &why)) {
        *error = tr("The built-in emulator could not start: %1").arg(why);
        m_sandbox.reset();
        return false;
    }
    qCInfo(lcConsole) << "sandbox listening on" << m_sandbox->apiBaseUrl().toString();
    // Call records to browse from the first run: 30 days up to yesterday, the same every run (a
    // fixed seed), regenerated in memory at start and never written to the state file.
    sandbox::CdrSimulationPlan history;
    history.days = 30;
    history.sessionsPerDay = 12;
    history.seed = 30;
    history.endDate = QDateTime::currentDateTimeUtc().date().addDays(-1);
    if (!m_sandbox->simulateCdr(history, &why))
        qCWarning(lcConsole) << "the sandbox could not simulate call records:" << why;
    return true;
}

QString ConsoleApplication::generateAppKey()
{
    static const QString alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"_s;
    QString key;
    key.reserve(40);
    for (int i = 0; i < 40; ++i)
        key.append(alphabet.at(int(QRandomGenerator::system()->bounded(alphabet.size()))));
    return key;
}

MainWindow *ConsoleApplication::mainWindow() const
{
    return m_window.get();
}

} // namespace confero
