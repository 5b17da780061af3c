#pragma once

#include "EventLog.h"
#include "HttpRouter.h"
#include "HttpServer.h"
#include "RelayProjects.h"
#include "StreamSession.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSqlDatabase>
#include <QSslConfiguration>

#include <memory>
#include <optional>

namespace confero::relay {

class StreamHub;

// confero-relay's HTTP side (docs/ARCHITECTURE.md, "The relay"):
//   POST /hooks/enablex/<project>   ingress: auth, WebhookCheck, answered 200 only once committed
//   GET  /v1/stream?after=          WebSocket stream of signed frames for a subscriber (StreamHub)
//   GET  /v1/events?after=&limit=   the same frames for polling and scripts
//   GET  /healthz, GET /metrics     liveness; fsync count, events per fsync and the synchronous mode
class RelayServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayServer)

public:
    struct Options
    {
        QString databasePath;
        QString masterKeyPath; // empty: beside the database
        http::HttpServerLimits limits;
        StreamSession::Limits stream;
    };

    explicit RelayServer(Options options, QObject *parent = nullptr);
    ~RelayServer() override;

    void setTls(const QSslConfiguration &configuration);
    // Opens the database and the key, then listens. Plain HTTP is accepted on loopback only.
    bool start(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    QUrl baseUrl() const;

    EventLog &eventLog();
    StreamHub *streamHub() const;

private:
    void registerRoutes();
    void acceptWebhook(const http::HttpRequest &request, const QString &projectName,
                       const http::HttpResponder &responder);
    void listEvents(const http::HttpRequest &request, const http::HttpResponder &responder);
    http::HttpResponse metrics() const;
    std::optional<RelayProjects::Project> findProject(const QString &name, QString *error);

    // A project as read at `readAtMs` (m_clock). Projects are read for every webhook; the query was
    // a third of the server thread's time under load. Only known projects are kept, and for
    // ProjectCacheMs: one added by `confero-relay projects add` is found at once, a change to one
    // is seen within that time.
    static constexpr qint64 ProjectCacheMs = 5000;
    struct CachedProject
    {
        RelayProjects::Project project;
        qint64 readAtMs = 0;
    };

    Options m_options;
    QString m_connection;
    QSqlDatabase m_db; // this thread's reads and admin writes; the EventLog writes on its own
    QByteArray m_masterKey;
    EventLog m_log;
    http::HttpRouter m_router;
    http::HttpServer m_server;
    std::optional<QSslConfiguration> m_tls;
    QHostAddress m_address;
    StreamHub *m_hub = nullptr;
    QHash<QString, CachedProject> m_projects;
    QElapsedTimer m_clock;
};

} // namespace confero::relay
