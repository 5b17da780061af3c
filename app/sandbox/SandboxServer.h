#pragma once

#include "ApiReply.h"
#include "ArchiveController.h"
#include "CdrController.h"
#include "ControlController.h"
#include "FaultInjector.h"
#include "ObjectIdGenerator.h"
#include "RecordingFileServer.h"
#include "RoomsController.h"
#include "SandboxClock.h"
#include "SandboxOptions.h"
#include "SandboxState.h"
#include "TokensController.h"

#include "HttpRouter.h"
#include "HttpServer.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <functional>
#include <optional>

namespace confero::sandbox {

// The emulated EnableX Video API on a socket: the platform routes under /video/v2/ and /v1/ behind
// HTTP Basic auth and the fault injector, and the loopback-only control surface under /sandbox/.
// The console embeds one in-process; confero-sandbox runs one headless.
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    explicit SandboxServer(SandboxOptions options, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Before start(): serve HTTPS with this configuration (certificate and key set).
    void setTls(const QSslConfiguration &configuration);

    // Loads the state file (if any), seeds demo rooms when asked and the state is empty, listens.
    bool start(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    bool isSecure() const;
    QUrl apiBaseUrl() const; // http(s)://127.0.0.1:PORT/video/v2/
    QUrl controlBaseUrl() const; // http(s)://127.0.0.1:PORT/sandbox/

    // Replaces the simulated CDR history (after start(), so the rooms of the state file are used).
    // Returns the number of rows, or nothing with `error` set.
    std::optional<qsizetype> simulateCdr(const CdrSimulationPlan &plan, QString *error);

    // The recording-file Basic auth; false (with `error`) for a password under 10 characters.
    bool setRecordingCredentials(const QString &username, const QString &password, QString *error);
    QString recordingUser() const;
    QString recordingPassword() const;

    SandboxClock &clock();
    const SandboxState &state() const;

Q_SIGNALS:
    // The state file could not be written; the sandbox keeps serving from memory.
    void stateSaveFailed(const QString &message);

private:
    using PlatformHandler = std::function<ApiReply(const http::HttpRequest &, const QStringList &)>;
    using ControlHandler = std::function<ApiReply(const http::HttpRequest &)>;

    void addPlatformRoute(const QByteArray &method, const QString &route, const PlatformHandler &handler);
    void addControlRoute(const QByteArray &method, const QString &route, const ControlHandler &handler);
    void registerRoutes();
    void registerCdrRoutes();
    void registerArchiveRoutes();
    bool isAuthorized(const http::HttpRequest &request) const;
    void answer(const http::HttpResponder &responder, http::HttpResponse response, const FaultPlan &plan);
    void persist();
    QUrl baseUrl(const QString &path) const;

    static http::HttpResponse toResponse(const ApiReply &reply);

    SandboxOptions m_options;
    SandboxClock m_clock;
    ObjectIdGenerator m_ids;
    SandboxState m_state;
    FaultInjector m_faults;
    RoomsController m_rooms;
    TokensController m_tokens;
    ControlController m_control;
    CdrController m_cdr;
    ArchiveController m_archive;
    RecordingFileServer m_files;
    http::HttpRouter m_router;
    http::HttpServer m_server;
    std::optional<QSslConfiguration> m_tls;
    QHostAddress m_address;
};

} // namespace confero::sandbox
