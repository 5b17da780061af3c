#include "EmbeddedRelay.h"

#include "Logging.h"
#include "MasterKey.h"
#include "RelayDatabase.h"
#include "RelayProjects.h"
#include "RelayServer.h"
#include "SelfSignedCertificate.h"
#include "SubscriberRegistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace confero {

namespace {
const QString ConsoleSubscriberPrefix = u"console-"_s;
} // namespace

EmbeddedRelay::EmbeddedRelay(QString databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
{
}

EmbeddedRelay::~EmbeddedRelay() = default;

QString EmbeddedRelay::relayNameFor(const QString &projectName, qint64 projectId)
{
    static const QRegularExpression unsafe(u"[^a-z0-9._-]+"_s);
    QString name = projectName.toLower().replace(unsafe, u"-"_s);
    while (name.startsWith(u'-') || name.startsWith(u'.'))
        name.remove(0, 1);
    while (name.endsWith(u'-'))
        name.chop(1);
    name.truncate(48);
    return name.isEmpty() ? u"project-%1"_s.arg(projectId) : name;
}

bool EmbeddedRelay::prepareDatabase(const QString &relayName, const QString &basicAuth, QString *token, QString *error)
{
    const QByteArray master = relay::MasterKey::loadOrCreate(relay::MasterKey::defaultPath(m_databasePath), error);
    if (master.isEmpty())
        return false;
    const QString connection = u"confero-embedded-relay-setup"_s;
    bool ok = false;
    {
        QSqlDatabase db = relay::RelayDatabase::open(m_databasePath, connection, error);
        if (db.isOpen()) {
            relay::RelayProjects projects(db);
            ok = projects.find(relayName, error) ? projects.setBasicAuth(relayName, basicAuth, error)
                                                 : projects.add(relayName, basicAuth, error);
            const QString subscriber = ConsoleSubscriberPrefix + relayName;
            relay::SubscriberRegistry registry(db, master);
            // A new token on every start: it only ever lives in this process's memory.
            std::optional<QString> issued;
            if (ok) {
                QString rotateError;
                issued = registry.rotate(subscriber, &rotateError);
                if (!issued)
                    issued = registry.add(subscriber, {relayName}, error);
            }
            ok = ok && issued;
            if (ok)
                *token = *issued;
        }
    }
    relay::RelayDatabase::close(connection);
    return ok;
}

std::optional<EmbeddedRelay::Started> EmbeddedRelay::start(const EmbeddedRelaySettings &settings,
                                                           const QString &webhookPassword, const QString &relayName,
                                                           QString *error)
{
    if (const QString problem = settings.problem(); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    if (webhookPassword.isEmpty()) {
        *error = tr("The webhook password is not in the keychain; set the relay again.");
        return std::nullopt;
    }
    QHostAddress address;
    quint16 port = 0;
    settings.parseListen(&address, &port);
    if (!QDir().mkpath(QFileInfo(m_databasePath).absolutePath())) {
        *error = tr("Could not make the relay's folder %1.").arg(QFileInfo(m_databasePath).absolutePath());
        return std::nullopt;
    }
    QString token;
    if (!prepareDatabase(relayName, settings.webhookUser + u':' + webhookPassword, &token, error))
        return std::nullopt;

    Started started;
    std::optional<QSslConfiguration> tls;
    if (!settings.tlsCert.isEmpty()) {
        tls = http::SelfSignedCertificate::loadServerConfiguration(settings.tlsCert, settings.tlsKey, error);
        if (!tls)
            return std::nullopt;
        started.trusted = tls->localCertificateChain().mid(0, 1);
    }
    const bool same =
        m_server && m_listen == settings.listen && m_tlsCert == settings.tlsCert && m_tlsKey == settings.tlsKey;
    if (!same) {
        m_server.reset();
        relay::RelayServer::Options options;
        options.databasePath = m_databasePath;
        auto server = std::make_unique<relay::RelayServer>(options);
        if (tls)
            server->setTls(*tls);
        if (!server->start(address, port, error))
            return std::nullopt;
        m_server = std::move(server);
        m_listen = settings.listen;
        m_tlsCert = settings.tlsCert;
        m_tlsKey = settings.tlsKey;
        qCInfo(lcConsole) << "embedded relay listening on" << m_server->baseUrl().toString();
    }

    // The console streams over loopback: a relay on any address is reached at 127.0.0.1 (or ::1).
    QUrl stream = m_server->baseUrl();
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::Any)
        stream.setHost(u"127.0.0.1"_s);
    else if (address == QHostAddress::AnyIPv6)
        stream.setHost(u"::1"_s);
    started.streamUrl = stream;
    started.token = token;
    QUrl webhook = m_server->baseUrl();
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::Any || address == QHostAddress::AnyIPv6)
        webhook.setHost(QHostInfo::localHostName());
    webhook.setPath(u"/hooks/enablex/"_s + relayName);
    started.webhookUrl = webhook;
    return started;
}

void EmbeddedRelay::stop()
{
    m_server.reset();
    m_listen.clear();
}

bool EmbeddedRelay::isRunning() const
{
    return bool(m_server);
}

} // namespace confero
