#include "RelayServer.h"

#include "DatabaseLocation.h"
#include "EventReader.h"
#include "FrameSignature.h"
#include "Logging.h"
#include "MasterKey.h"
#include "RelayDatabase.h"
#include "RelayProjects.h"
#include "StreamFrameCodec.h"
#include "StreamHub.h"
#include "SubscriberRegistry.h"
#include "WebhookCheck.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace confero::relay {

namespace {

// A webhook is at most 1 MiB: the server refuses anything larger before reading it.
http::HttpServerLimits webhookLimits(http::HttpServerLimits limits)
{
    limits.maxBodyBytes = qMin(limits.maxBodyBytes, WebhookCheck::MaxBodyBytes);
    return limits;
}

// The 200 every stored webhook gets, made once: building it per answer was a measurable part of the
// server thread's time under load.
const http::HttpResponse &acceptedResponse()
{
    static const http::HttpResponse response = http::HttpResponse::json(200, QJsonObject{{u"result"_s, 0}});
    return response;
}

http::HttpResponse refusal(int status, const QString &error)
{
    return http::HttpResponse::json(status, QJsonObject{{u"result"_s, status}, {u"error"_s, error}});
}

} // namespace

RelayServer::RelayServer(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_connection(u"confero-relay-server-%1"_s.arg(quintptr(this), 0, 16))
    , m_log(m_options.databasePath)
    , m_server(webhookLimits(m_options.limits))
{
    m_clock.start();
    registerRoutes();
    m_server.setRequestHandler([this](const http::HttpRequest &request, const http::HttpResponder &responder) {
        m_router.dispatch(request, responder);
    });
}

RelayServer::~RelayServer()
{
    m_server.close();
    delete m_hub; // its sessions read through m_db
    m_hub = nullptr;
    m_db = {};
    RelayDatabase::close(m_connection);
}

void RelayServer::setTls(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

EventLog &RelayServer::eventLog()
{
    return m_log;
}

StreamHub *RelayServer::streamHub() const
{
    return m_hub;
}

bool RelayServer::start(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_tls && !address.isLoopback()) {
        *error = tr("Plain HTTP is for loopback only: give --tls-cert and --tls-key to listen on %1.")
                     .arg(address.toString());
        return false;
    }
    m_db = RelayDatabase::open(m_options.databasePath, m_connection, error);
    if (!m_db.isOpen())
        return false;
    const QString keyPath =
        m_options.masterKeyPath.isEmpty() ? MasterKey::defaultPath(m_options.databasePath) : m_options.masterKeyPath;
    m_masterKey = MasterKey::loadOrCreate(keyPath, error);
    if (m_masterKey.isEmpty())
        return false;
    const bool postgres = DatabaseLocation::isPostgres(m_options.databasePath);
    // The spool is this relay's own file even when the database is shared: beside the key file.
    if (postgres)
        m_log.setSpoolPath(QFileInfo(keyPath).dir().filePath(u"confero-relay-events.spool"_s));
    if (!m_log.start(error))
        return false;
    m_hub = new StreamHub(m_db, m_masterKey, &m_log, m_options.stream, this);
    connect(&m_log, &EventLog::committed, m_hub, &StreamHub::committed);
    // Relays sharing a PostgreSQL database stream each other's events: every commit is announced
    // (EventLogWriter), and the streams here read what they have not sent from the database.
    if (postgres) {
        QSqlDriver *driver = m_db.driver();
        if (!driver->subscribeToNotification(QString::fromLatin1(RelayDatabase::CommitChannel))) {
            *error = tr("Could not listen for the other relays' events: %1").arg(driver->lastError().text());
            return false;
        }
        connect(driver, &QSqlDriver::notification, m_hub,
                [hub = m_hub](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                    hub->committed(payload.toLongLong());
                });
    }
    m_server.setWebSocketHandler(
        [this](const http::HttpRequest &request, QWebSocket *socket) { return m_hub->accept(request, socket); });
    if (m_tls)
        m_server.setTlsConfiguration(*m_tls);
    if (!m_server.listen(address, port)) {
        *error = tr("Cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(m_server.errorString());
        return false;
    }
    m_address = address;
    qCInfo(lcRelay).noquote() << "listening on" << baseUrl().toString();
    return true;
}

quint16 RelayServer::port() const
{
    return m_server.serverPort();
}

QUrl RelayServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? u"https"_s : u"http"_s);
    url.setHost(m_address.toString());
    url.setPort(port());
    return url;
}

void RelayServer::registerRoutes()
{
    m_router.add("POST", u"/hooks/enablex/{project}"_s,
                 [this](const http::HttpRequest &request, const QStringList &params,
                        const http::HttpResponder &responder) { acceptWebhook(request, params.at(0), responder); });
    m_router.add("GET", u"/v1/events"_s,
                 [this](const http::HttpRequest &request, const QStringList &, const http::HttpResponder &responder) {
                     listEvents(request, responder);
                 });
    m_router.add("GET", u"/healthz"_s,
                 [this](const http::HttpRequest &, const QStringList &, const http::HttpResponder &responder) {
                     QString error;
                     const qint64 head = EventReader(m_db).head(&error);
                     responder.respond(error.isEmpty() ? http::HttpResponse::json(
                                           200, QJsonObject{{u"status"_s, u"ok"_s}, {u"head"_s, head}})
                                                       : refusal(503, error));
                 });
    m_router.add("GET", u"/metrics"_s,
                 [this](const http::HttpRequest &, const QStringList &, const http::HttpResponder &responder) {
                     responder.respond(metrics());
                 });
    m_router.setNotFoundHandler([](const http::HttpRequest &request, const http::HttpResponder &responder) {
        responder.respond(refusal(404, tr("%1 is not a route of this relay.").arg(request.path)));
    });
}

void RelayServer::acceptWebhook(const http::HttpRequest &request, const QString &projectName,
                                const http::HttpResponder &responder)
{
    QString error;
    const std::optional<RelayProjects::Project> project = findProject(projectName, &error);
    if (!project) {
        responder.respond(error.isEmpty()
                              ? refusal(404, tr("This relay takes no webhooks for \"%1\".").arg(projectName))
                              : refusal(503, error));
        return;
    }
    if (!RelayProjects::isAuthorized(*project, request.header("Authorization"))) {
        qCInfo(lcRelay) << "refused a webhook for" << projectName << "from" << request.peerAddress.toString()
                        << ": wrong or missing credentials";
        http::HttpResponse response = refusal(401, tr("Wrong or missing credentials for this project."));
        response.setHeader("WWW-Authenticate", "Basic realm=\"confero-relay\"");
        responder.respond(std::move(response));
        return;
    }
    const WebhookCheck::Result check = WebhookCheck::check(request.body);
    if (!check.accepted()) {
        qCInfo(lcRelay) << "refused a webhook for" << projectName << ":" << check.status << check.error;
        responder.respond(refusal(check.status, check.error));
        return;
    }
    // The responder keeps the connection's answer slot; it is answered from the commit's callback.
    m_log.append({projectName, check.type, request.body, QDateTime::currentMSecsSinceEpoch()}, this,
                 [responder](qint64, const QString &, const QString &failure) {
                     // Committed, or synced to the spool: either way it is on disk.
                     if (failure.isEmpty())
                         responder.respond(acceptedResponse());
                     else
                         responder.respond(refusal(503, failure));
                 });
}

std::optional<RelayProjects::Project> RelayServer::findProject(const QString &name, QString *error)
{
    const qint64 now = m_clock.elapsed();
    const auto cached = m_projects.constFind(name);
    if (cached != m_projects.cend() && now - cached->readAtMs < ProjectCacheMs)
        return cached->project;
    std::optional<RelayProjects::Project> project = RelayProjects(m_db).find(name, error);
    if (project)
        m_projects.insert(name, {*project, now});
    else
        m_projects.remove(name);
    return project;
}

void RelayServer::listEvents(const http::HttpRequest &request, const http::HttpResponder &responder)
{
    const QByteArray authorization = request.header("Authorization");
    const QByteArrayView bearer = "Bearer ";
    const std::optional<SubscriberRegistry::Subscriber> subscriber = authorization.startsWith(bearer)
        ? SubscriberRegistry(m_db, m_masterKey)
              .authenticate(QByteArrayView(authorization).sliced(bearer.size()).trimmed())
        : std::nullopt;
    if (!subscriber) {
        qCInfo(lcRelay) << "refused /v1/events from" << request.peerAddress.toString() << ": unknown or revoked token";
        http::HttpResponse response = refusal(401, tr("Unknown or revoked subscriber token."));
        response.setHeader("WWW-Authenticate", "Bearer realm=\"confero-relay\"");
        responder.respond(std::move(response));
        return;
    }
    bool ok = true;
    const QString afterText = request.query.queryItemValue(u"after"_s);
    const qint64 after = afterText.isEmpty() ? subscriber->ackedSeq : afterText.toLongLong(&ok);
    const QString limitText = request.query.queryItemValue(u"limit"_s);
    bool limitOk = true;
    const int limit = limitText.isEmpty() ? 100 : limitText.toInt(&limitOk);
    if (!ok || after < 0 || !limitOk || limit < 1 || limit > 1000) {
        responder.respond(refusal(400, tr("after is a seq (0 or more) and limit a number from 1 to 1000.")));
        return;
    }
    QString error;
    const EventReader reader(m_db);
    const QList<protocol::StreamEvent> events = reader.after(after, subscriber->projects, limit, &error);
    const qint64 head = reader.head(&error);
    if (!error.isEmpty()) {
        responder.respond(refusal(503, error));
        return;
    }
    const QByteArray key = protocol::FrameSignature::deriveSubscriberKey(m_masterKey, subscriber->name);
    // The frames are written as they are signed, not re-serialised: each is exactly a stream frame.
    QByteArray body = "{\"events\":[";
    bool first = true;
    for (const protocol::StreamEvent &event : events) {
        const std::optional<QByteArray> frame = protocol::StreamFrameCodec::encodeEvent(event, key);
        if (!frame)
            continue; // ingress never stores such a body
        if (!first)
            body += ',';
        body += *frame;
        first = false;
    }
    body += "],\"head\":" + QByteArray::number(head) + '}';
    http::HttpResponse response = http::HttpResponse::text(200, body);
    response.setHeader("Content-Type", "application/json");
    responder.respond(std::move(response));
}

http::HttpResponse RelayServer::metrics() const
{
    const qint64 commits = m_log.commitCount();
    const qint64 events = m_log.eventCount();
    QByteArray text;
    text += "# HELP confero_relay_events_committed_total Webhooks committed to the event log.\n";
    text += "# TYPE confero_relay_events_committed_total counter\n";
    text += "confero_relay_events_committed_total " + QByteArray::number(events) + '\n';
    text += "# HELP confero_relay_fsyncs_total Commits of the event log, each one sync to disk.\n";
    text += "# TYPE confero_relay_fsyncs_total counter\n";
    text += "confero_relay_fsyncs_total " + QByteArray::number(commits) + '\n';
    text += "# HELP confero_relay_events_spooled_total Webhooks the database refused that went to the spool file.\n";
    text += "# TYPE confero_relay_events_spooled_total counter\n";
    text += "confero_relay_events_spooled_total " + QByteArray::number(m_log.spooledCount()) + '\n';
    text += "# HELP confero_relay_largest_group Most events committed by one sync.\n";
    text += "# TYPE confero_relay_largest_group gauge\n";
    text += "confero_relay_largest_group " + QByteArray::number(m_log.largestGroup()) + '\n';
    text += "# HELP confero_relay_connections_open HTTP connections open now (this one included), at most the cap.\n";
    text += "# TYPE confero_relay_connections_open gauge\n";
    text += "confero_relay_connections_open " + QByteArray::number(m_server.connectionCount()) + '\n';
    // Read back from the database rather than assumed: this is what an operator checks durability by.
    QSqlQuery setting(m_db);
    if (m_db.driverName() == "QPSQL"_L1) {
        const QByteArray mode = setting.exec(u"SHOW synchronous_commit"_s) && setting.next()
            ? setting.value(0).toString().toLatin1()
            : QByteArray("unknown");
        text += "# HELP confero_relay_postgres_synchronous_commit The event log's synchronous_commit (1 = on: every "
                "commit flushed).\n";
        text += "# TYPE confero_relay_postgres_synchronous_commit gauge\n";
        text += "confero_relay_postgres_synchronous_commit{mode=\"" + mode + "\"} " + (mode == "on" ? "1" : "0") + '\n';
    } else {
        const int synchronous = setting.exec(u"PRAGMA synchronous"_s) && setting.next() ? setting.value(0).toInt() : -1;
        static const char *const modes[] = {"OFF", "NORMAL", "FULL", "EXTRA"};
        const QByteArray mode =
            synchronous >= 0 && synchronous <= 3 ? QByteArray(modes[synchronous]) : QByteArray("unknown");
        text += "# HELP confero_relay_sqlite_synchronous The event log's PRAGMA synchronous (2 = FULL: every commit "
                "synced).\n";
        text += "# TYPE confero_relay_sqlite_synchronous gauge\n";
        text += "confero_relay_sqlite_synchronous{mode=\"" + mode + "\"} " + QByteArray::number(synchronous) + '\n';
    }
    http::HttpResponse response = http::HttpResponse::text(200, text);
    response.setHeader("Content-Type", "text/plain; version=0.0.4");
    return response;
}

} // namespace confero::relay
