#include "RelayConnection.h"

#include "Logging.h"
#include "RelayLinkStore.h"
#include "config/SecretStore.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace confero {

namespace {

// A relay with a self-signed certificate is trusted when CONFERO_TRUSTED_CERT names its certificate.
// Nothing when the variable is unset; nullopt (with `error`) when it names a file that cannot be read.
std::optional<QList<QSslCertificate>> trustedFromEnvironment(QString *error)
{
    const QString certificate = qEnvironmentVariable("CONFERO_TRUSTED_CERT");
    if (certificate.isEmpty())
        return QList<QSslCertificate>();
    QFile file(certificate);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            RelayConnection::tr("Could not read the certificate named by CONFERO_TRUSTED_CERT (%1).").arg(certificate);
        return std::nullopt;
    }
    return QSslCertificate::fromData(file.readAll(), QSsl::Pem);
}

} // namespace

RelayConnection::RelayConnection(Store *store, SecretStore *secrets, qint64 projectId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_projectId(projectId)
{
}

RelayConnection::~RelayConnection()
{
    stop();
}

void RelayConnection::start()
{
    stop();
    const int generation = ++m_generation;
    m_problem.clear();
    m_embedded = false;
    const StoreResult<std::optional<QUrl>> url = RelayLinkStore(m_store).find(m_projectId);
    if (!url) {
        fail(url.error().message);
        return;
    }
    if (!url.value()) {
        m_url.clear();
        setStatus(Status::NotConfigured);
        return;
    }
    m_url = *url.value();
    QString error;
    const std::optional<QList<QSslCertificate>> trusted = trustedFromEnvironment(&error);
    if (!trusted) {
        fail(error);
        return;
    }
    // A token given in the environment (scripts, cron) is used instead of the keychain's.
    if (const QString token = qEnvironmentVariable("CONFERO_RELAY_TOKEN"); !token.isEmpty()) {
        startClient(token, *trusted);
        return;
    }
    setStatus(Status::ReadingToken);
    m_secrets->read(RelayLinkStore::tokenKeyName(m_projectId), this,
                    [this, generation, trusted = *trusted](const SecretStore::Result &secret) {
                        if (generation != m_generation)
                            return;
                        if (!secret.ok || secret.value.isEmpty()) {
                            fail(secret.ok ? tr("The relay's token is not in the keychain; set the relay link again.")
                                           : secret.errorMessage);
                            return;
                        }
                        startClient(secret.value, trusted);
                    });
}

void RelayConnection::startEmbedded(const QUrl &url, const QString &token, const QList<QSslCertificate> &trusted)
{
    stop();
    m_problem.clear();
    m_embedded = true;
    m_url = url;
    startClient(token, trusted);
}

bool RelayConnection::isEmbedded() const
{
    return m_embedded;
}

void RelayConnection::stop()
{
    ++m_generation;
    if (m_client) {
        m_client->stop();
        m_client.reset();
    }
}

void RelayConnection::startClient(const QString &token, const QList<QSslCertificate> &trusted)
{
    m_client = std::make_unique<RelayClient>(m_store, m_projectId, m_url, token);
    if (!trusted.isEmpty())
        m_client->setTrustedCertificates(trusted);
    connect(m_client.get(), &RelayClient::eventsStored, this, &RelayConnection::eventsStored);
    connect(m_client.get(), &RelayClient::problem, this, [this](const QString &message) {
        m_problem = message;
        Q_EMIT problem(message);
    });
    connect(m_client.get(), &RelayClient::stateChanged, this, [this](RelayClient::State state) {
        switch (state) {
        case RelayClient::State::Connecting:
            setStatus(Status::Connecting);
            break;
        case RelayClient::State::Streaming:
            m_problem.clear();
            setStatus(Status::Streaming);
            break;
        case RelayClient::State::Waiting:
            setStatus(Status::Waiting);
            break;
        case RelayClient::State::Stopped:
            break;
        }
    });
    if (!m_client->start()) {
        m_client.reset();
        fail(m_problem.isEmpty() ? tr("The relay's token is not one confero-relay printed.") : m_problem);
    }
}

void RelayConnection::fail(const QString &message)
{
    m_problem = message;
    qCWarning(lcRelayLink) << "relay link of project" << m_projectId << ":" << message;
    setStatus(Status::Failed);
    Q_EMIT problem(message);
}

void RelayConnection::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

qint64 RelayConnection::projectId() const
{
    return m_projectId;
}

RelayConnection::Status RelayConnection::status() const
{
    return m_status;
}

QUrl RelayConnection::relayUrl() const
{
    return m_url;
}

qint64 RelayConnection::cursor() const
{
    return m_client ? m_client->cursor() : 0;
}

QString RelayConnection::lastProblem() const
{
    return m_problem;
}

QString RelayConnection::statusText() const
{
    const QString host = m_url.host();
    switch (m_status) {
    case Status::NotConfigured:
        return tr("No relay");
    case Status::ReadingToken:
    case Status::Connecting:
        return tr("Relay: connecting to %1…").arg(host);
    case Status::Streaming:
        return m_embedded ? tr("Relay in this console: ready, webhooks are stored as they arrive")
                          : tr("Relay: streaming from %1").arg(host);
    case Status::Waiting:
        return tr("Relay: %1 unreachable, retrying").arg(host);
    case Status::Failed:
        return tr("Relay: stopped (%1)").arg(m_problem);
    }
    return {};
}

} // namespace confero
