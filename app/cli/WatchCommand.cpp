#include "WatchCommand.h"

#include "CliContext.h"
#include "CommandLine.h"
#include "config/SecretStore.h"
#include "relaylink/RelayClient.h"
#include "relaylink/RelayLinkStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QSslCertificate>

#include <csignal>

#include <sys/socket.h>
#include <unistd.h>

namespace confero::cli {

using namespace Qt::StringLiterals;

namespace {

// The self-pipe trick: a signal handler may only write to a file descriptor; the event loop reads it.
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

WatchCommand::WatchCommand(CliContext *context, QObject *parent)
    : Command(context, parent)
{
}

WatchCommand::~WatchCommand() = default;

void WatchCommand::watchSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return; // then SIGINT ends the process the default way: the store's commits are atomic anyway
    m_signalNotifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        [[maybe_unused]] const auto read = ::read(signalPipe[0], &byte, 1);
        m_client->stop(); // commits what arrived, acks it
        succeed();
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

void WatchCommand::start()
{
    const CommandLine &line = m_context->commandLine();
    const QString unknown = line.unknownOption({});
    if (!unknown.isEmpty() || !line.action().isEmpty()) {
        fail(tr("watch takes no arguments but the global ones."), UsageError);
        return;
    }
    QString error;
    const std::optional<qint64> projectId = m_context->cdrProjectId(&error);
    if (!projectId) {
        fail(error);
        return;
    }
    const StoreResult<std::optional<QUrl>> url = RelayLinkStore(m_context->store()).find(*projectId);
    if (!url || !url.value()) {
        fail(url ? tr("This project has no relay; add one with conferoctl relay add --url URL --token T.")
                 : url.error().message);
        return;
    }
    QString token = qEnvironmentVariable("CONFERO_RELAY_TOKEN");
    if (token.isEmpty()) {
        const SecretStore::Result secret = m_context->secrets()->readNow(RelayLinkStore::tokenKeyName(*projectId));
        if (!secret.ok) {
            fail(secret.errorMessage);
            return;
        }
        token = secret.value;
    }
    m_client = std::make_unique<RelayClient>(m_context->store(), *projectId, *url.value(), token);
    // As for the platform: a relay with a self-signed certificate is trusted when named here.
    const QString certificate = qEnvironmentVariable("CONFERO_TRUSTED_CERT");
    if (!certificate.isEmpty()) {
        QFile file(certificate);
        if (!file.open(QIODevice::ReadOnly)) {
            fail(tr("Could not read the certificate named by CONFERO_TRUSTED_CERT (%1).").arg(certificate));
            return;
        }
        m_client->setTrustedCertificates(QSslCertificate::fromData(file.readAll(), QSsl::Pem));
    }
    const bool json = m_context->json();
    connect(m_client.get(), &RelayClient::eventsStored, this, [this, json](int added, qint64 cursor) {
        if (json)
            m_context->print(
                QString::fromUtf8(QJsonDocument(QJsonObject{{u"stored"_s, added}, {u"acked_seq"_s, cursor}})
                                      .toJson(QJsonDocument::Compact)
                                  + '\n'));
        else
            m_context->print(tr("stored %n new event(s), up to seq %1\n", nullptr, added).arg(cursor));
    });
    connect(m_client.get(), &RelayClient::problem, this,
            [this](const QString &message) { m_context->printError(message); });
    connect(m_client.get(), &RelayClient::stateChanged, this, [this, json](RelayClient::State state) {
        if (!json && state == RelayClient::State::Streaming)
            m_context->printError(tr("connected to the relay"));
    });
    watchSignals();
    if (!m_client->start())
        fail(tr("The relay link could not start."));
}

} // namespace confero::cli
