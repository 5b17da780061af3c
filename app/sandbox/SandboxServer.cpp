#include "SandboxServer.h"

#include "ConstantTime.h"
#include "DemoRoomSeeder.h"
#include "JsonBody.h"
#include "Logging.h"
#include "StateFile.h"

#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

SandboxError authError()
{
    // video-api.md 1.2: the platform documents no body for bad credentials; 10000 "Application not
    // found" is the closest documented code [INFERRED].
    return SandboxError{ResultCode::ApplicationNotFound, u"Application not found"_s,
                        u"HTTP Basic authentication with the App ID and App Key is required, and the "
                        "credentials sent do not match this application."_s};
}

http::HttpResponse routeNotFound(const http::HttpRequest &request)
{
    const ApiReply reply = ApiReply::failure(
        {ResultCode::RouteNotFound, u"Route not found"_s,
         u"%1 %2 is not a route of this API."_s.arg(QString::fromLatin1(request.method), request.path)});
    return http::HttpResponse::json(reply.status, reply.body);
}

} // namespace

SandboxServer::SandboxServer(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_rooms(m_state, m_clock, m_ids, m_options.strictSettings)
    , m_tokens(m_state, m_clock, m_ids)
    , m_control(m_state, m_clock, m_faults, m_tokens)
    , m_cdr(m_state, m_clock, m_rooms, m_options.appId)
    , m_archive(m_state, m_clock, m_faults, m_options.appId)
    , m_files(m_archive, m_clock, m_options.mediaCacheDir)
    , m_server(m_options.limits)
{
    if (!m_options.recordingPassword.isEmpty()) {
        QString error;
        if (!m_files.setCredentials(m_options.recordingUser.isEmpty() ? m_files.username() : m_options.recordingUser,
                                    m_options.recordingPassword, &error))
            qCWarning(lcSandbox) << error << "- keeping a random recording-file password";
    }
    if (m_options.demoRooms)
        m_control.setAfterReset([this] { DemoRoomSeeder::seed(m_rooms, m_clock); });
    registerRoutes();
    m_server.setRequestHandler([this](const http::HttpRequest &request, const http::HttpResponder &responder) {
        m_router.dispatch(request, responder);
    });
}

SandboxServer::~SandboxServer() = default;

void SandboxServer::setTls(const QSslConfiguration &configuration)
{
    m_tls = configuration;
    m_server.setTlsConfiguration(configuration);
}

bool SandboxServer::start(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_options.stateFile.isEmpty() && !StateFile::load(m_options.stateFile, m_state, error))
        return false;
    if (m_options.demoRooms && m_state.rooms().isEmpty())
        qCInfo(lcSandbox) << "seeded" << DemoRoomSeeder::seed(m_rooms, m_clock) << "demo rooms";
    connect(&m_state, &SandboxState::changed, this, &SandboxServer::persist, Qt::UniqueConnection);
    if (!m_options.stateFile.isEmpty()) {
        // Written once at start so the signing secret, and with it every token issued, survives
        // a restart even before the first change.
        QString why;
        if (!StateFile::save(m_options.stateFile, m_state, &why)) {
            *error = why;
            return false;
        }
    }
    if (!m_server.listen(address, port)) {
        *error = u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(m_server.errorString());
        return false;
    }
    m_address = address;
    m_tokens.setSignalling(baseUrl(QString()).authority(), m_server.isSecure());
    m_archive.setFileBase(baseUrl(u"/files/"_s));
    qCInfo(lcSandbox) << "listening on" << baseUrl(QString()).toString();
    return true;
}

quint16 SandboxServer::port() const
{
    return m_server.serverPort();
}

bool SandboxServer::isSecure() const
{
    return m_tls.has_value();
}

QUrl SandboxServer::baseUrl(const QString &path) const
{
    QUrl url;
    url.setScheme(isSecure() ? u"https"_s : u"http"_s);
    // A wildcard or IPv4 loopback listener is reached on 127.0.0.1; any other address on itself
    // (an IPv6 loopback listener does not answer on 127.0.0.1).
    bool v4 = false;
    m_address.toIPv4Address(&v4);
    const bool local = m_address.isNull() || (m_address.isLoopback() && v4) || m_address == QHostAddress::Any
        || m_address == QHostAddress::AnyIPv4 || m_address == QHostAddress::AnyIPv6;
    url.setHost(local ? u"127.0.0.1"_s : m_address.toString());
    url.setPort(port());
    url.setPath(path);
    return url;
}

QUrl SandboxServer::apiBaseUrl() const
{
    return baseUrl(u"/video/v2/"_s);
}

QUrl SandboxServer::controlBaseUrl() const
{
    return baseUrl(u"/sandbox/"_s);
}

std::optional<qsizetype> SandboxServer::simulateCdr(const CdrSimulationPlan &plan, QString *error)
{
    return m_cdr.simulate(plan, error);
}

bool SandboxServer::setRecordingCredentials(const QString &username, const QString &password, QString *error)
{
    return m_files.setCredentials(username, password, error);
}

QString SandboxServer::recordingUser() const
{
    return m_files.username();
}

QString SandboxServer::recordingPassword() const
{
    return m_files.password();
}

SandboxClock &SandboxServer::clock()
{
    return m_clock;
}

const SandboxState &SandboxServer::state() const
{
    return m_state;
}

http::HttpResponse SandboxServer::toResponse(const ApiReply &reply)
{
    http::HttpResponse response = http::HttpResponse::json(reply.status, reply.body);
    if (reply.stream) {
        // Chunked: the length of a streamed window is not known until its last row is written.
        response.body.clear();
        response.bodyDevice = reply.stream;
        response.bodyLength = -1;
    }
    for (const auto &[name, value] : reply.headers)
        response.setHeader(name, value);
    return response;
}

bool SandboxServer::isAuthorized(const http::HttpRequest &request) const
{
    const QByteArray header = request.header("Authorization").trimmed();
    const qsizetype space = header.indexOf(' ');
    if (space <= 0 || header.first(space).toLower() != "basic")
        return false;
    const QByteArray::FromBase64Result decoded =
        QByteArray::fromBase64Encoding(header.sliced(space + 1).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return false;
    const QByteArray expected = m_options.appId.toUtf8() + ':' + m_options.appKey.toUtf8();
    return ConstantTime::equals(*decoded, expected);
}

void SandboxServer::answer(const http::HttpResponder &responder, http::HttpResponse response, const FaultPlan &plan)
{
    response.maxBodyBytesPerSecond = plan.bytesPerSecond;
    const int latencyMs = plan.latencyMs;
    if (latencyMs <= 0) {
        responder.respond(std::move(response));
        return;
    }
    // A timer, not a sleep: other requests are served while this one waits.
    QTimer::singleShot(latencyMs, this, [responder, response] { responder.respond(response); });
}

void SandboxServer::addPlatformRoute(const QByteArray &method, const QString &route, const PlatformHandler &handler)
{
    for (const QString &prefix : {u"/video/v2"_s, u"/v1"_s}) {
        m_router.add(method, prefix + route,
                     [this, handler](const http::HttpRequest &request, const QStringList &params,
                                     const http::HttpResponder &responder) {
                         // Faults act first, as a proxy or load balancer in front of the API would:
                         // an injected 503 or 429 is answered without touching the state.
                         const FaultPlan plan = m_faults.take(request.path);
                         ApiReply reply;
                         if (plan.outcome && plan.outcome->kind == Fault::Kind::Status) {
                             reply = ApiReply::failure(
                                 {plan.outcome->result, u"Injected fault"_s,
                                  u"The sandbox answered %1 because a fault was set through /sandbox/faults."_s.arg(
                                      plan.outcome->status)});
                             reply.status = plan.outcome->status;
                         } else if (plan.outcome && plan.outcome->kind == Fault::Kind::RateLimit) {
                             // [INFERRED] 10105 "server busy" is the documented code nearest to a
                             // rate limit; the platform documents no 429 body for Video v2.
                             reply = ApiReply::failure(
                                 {ResultCode::ServerBusy, u"Too many requests"_s,
                                  u"Rate limit reached; retry after %1 s."_s.arg(plan.outcome->retryAfterSeconds)});
                             reply.status = 429;
                             reply.headers.append({"Retry-After", QByteArray::number(plan.outcome->retryAfterSeconds)});
                         } else {
                             reply = isAuthorized(request) ? handler(request, params) : ApiReply::failure(authError());
                         }
                         http::HttpResponse response = toResponse(reply);
                         // A drop happens after the request was carried out: the answer is lost, not
                         // the change, which is what makes retries of non-idempotent calls interesting.
                         if (plan.outcome && plan.outcome->kind == Fault::Kind::Drop)
                             response.dropAfterBodyBytes = plan.outcome->dropPoint(
                                 response.bodyDevice ? response.bodyLength : response.body.size());
                         if (reply.status >= 400)
                             qCDebug(lcSandbox) << request.method << request.path << "->" << reply.status
                                                << reply.body.value(u"result").toInt();
                         answer(responder, std::move(response), plan);
                     });
    }
}

void SandboxServer::addControlRoute(const QByteArray &method, const QString &route, const ControlHandler &handler)
{
    m_router.add(
        method, u"/sandbox"_s + route,
        [handler](const http::HttpRequest &request, const QStringList &, const http::HttpResponder &responder) {
            const ApiReply reply = ControlController::acceptsPeer(request.peerAddress)
                ? handler(request)
                : ControlController::refusePeer(request.peerAddress);
            responder.respond(toResponse(reply));
        });
}

void SandboxServer::registerRoutes()
{
    using http::HttpRequest;
    // The bare "/rooms/" forms come first: a client that appends a slash must not be read as asking
    // for a room whose id is empty.
    for (const QString &rooms : {u"/rooms/"_s, u"/rooms"_s}) {
        addPlatformRoute("POST", rooms, [this](const HttpRequest &request, const QStringList &) {
            return m_rooms.create(request.body);
        });
        addPlatformRoute("GET", rooms, [this](const HttpRequest &, const QStringList &) { return m_rooms.list(); });
        // Update and delete without an id: the platform's 10001 "URL parameter missing: room_id".
        for (const QByteArray &method : {"PATCH"_ba, "PUT"_ba}) {
            addPlatformRoute(method, rooms, [this](const HttpRequest &request, const QStringList &) {
                return m_rooms.update(QString(), request.body);
            });
        }
        addPlatformRoute("DELETE", rooms,
                         [this](const HttpRequest &, const QStringList &) { return m_rooms.remove(QString()); });
    }
    addPlatformRoute("GET", u"/rooms/{room_id}"_s,
                     [this](const HttpRequest &, const QStringList &params) { return m_rooms.get(params.value(0)); });
    for (const QByteArray &method : {"PATCH"_ba, "PUT"_ba}) {
        addPlatformRoute(method, u"/rooms/{room_id}"_s, [this](const HttpRequest &request, const QStringList &params) {
            return m_rooms.update(params.value(0), request.body);
        });
    }
    addPlatformRoute("DELETE", u"/rooms/{room_id}"_s, [this](const HttpRequest &, const QStringList &params) {
        return m_rooms.remove(params.value(0));
    });
    addPlatformRoute("GET", u"/rooms/{room_id}/users"_s,
                     [this](const HttpRequest &, const QStringList &params) { return m_rooms.users(params.value(0)); });
    addPlatformRoute("POST", u"/rooms/{room_id}/tokens"_s,
                     [this](const HttpRequest &request, const QStringList &params) {
                         return m_tokens.create(params.value(0), request.body);
                     });

    registerCdrRoutes();
    registerArchiveRoutes();

    addControlRoute("POST", u"/reset"_s, [this](const HttpRequest &) { return m_control.reset(); });
    addControlRoute("GET", u"/state"_s, [this](const HttpRequest &) { return m_control.state(); });
    addControlRoute("POST", u"/clock"_s,
                    [this](const HttpRequest &request) { return m_control.setClock(request.body); });
    addControlRoute("POST", u"/tokens/consume"_s,
                    [this](const HttpRequest &request) { return m_control.consumeToken(request.body); });
    addControlRoute("POST", u"/users/leave"_s,
                    [this](const HttpRequest &request) { return m_control.leave(request.body); });
    addControlRoute("POST", u"/faults"_s,
                    [this](const HttpRequest &request) { return m_control.setFaults(request.body); });
    addControlRoute("POST", u"/sessions/simulate"_s, [this](const HttpRequest &request) {
        ApiReply reply = m_control.simulateSession(request.body);
        if (reply.isSuccess() && QJsonDocument::fromJson(request.body).object().value(u"recorded").toBool())
            m_archive.markRecorded(reply.body.value(u"conf_num").toString());
        return reply;
    });
    addControlRoute("POST", u"/cdr/simulate"_s,
                    [this](const HttpRequest &request) { return m_cdr.simulate(request.body); });
    addControlRoute("DELETE", u"/faults"_s, [this](const HttpRequest &) { return m_control.clearFaults(); });

    m_router.setNotFoundHandler([](const HttpRequest &request, const http::HttpResponder &responder) {
        responder.respond(routeNotFound(request));
    });
}

void SandboxServer::registerCdrRoutes()
{
    using http::HttpRequest;
    // video-api.md 5: each route also answers without its parameters, with the 1020x code naming
    // what is missing, rather than the router's 404.
    const auto add = [this](const QString &route, const std::function<ApiReply(const QStringList &)> &handler) {
        for (const QString &form : {route, QString(route + u'/')})
            addPlatformRoute("GET", form,
                             [handler](const HttpRequest &, const QStringList &params) { return handler(params); });
    };
    add(u"/cdr/period"_s, [this](const QStringList &) { return m_cdr.period({}, {}); });
    add(u"/cdr/period/{from}"_s, [this](const QStringList &p) { return m_cdr.period(p.value(0), {}); });
    add(u"/cdr/period/{from}/{to}"_s, [this](const QStringList &p) { return m_cdr.period(p.value(0), p.value(1)); });
    add(u"/cdr/room"_s, [this](const QStringList &) { return m_cdr.room({}); });
    add(u"/cdr/room/{room_id}"_s, [this](const QStringList &p) { return m_cdr.room(p.value(0)); });
    add(u"/cdr/room-period"_s, [this](const QStringList &) { return m_cdr.roomPeriod({}, {}, {}); });
    add(u"/cdr/room-period/{room_id}"_s, [this](const QStringList &p) { return m_cdr.roomPeriod(p.value(0), {}, {}); });
    add(u"/cdr/room-period/{room_id}/{from}"_s,
        [this](const QStringList &p) { return m_cdr.roomPeriod(p.value(0), p.value(1), {}); });
    add(u"/cdr/room-period/{room_id}/{from}/{to}"_s,
        [this](const QStringList &p) { return m_cdr.roomPeriod(p.value(0), p.value(1), p.value(2)); });
    // The form a third-party wrapper calls (video-api.md 10.1 item 5), served alike.
    add(u"/cdr/room-period/{room_id}/period/{from}/{to}"_s,
        [this](const QStringList &p) { return m_cdr.roomPeriod(p.value(0), p.value(1), p.value(2)); });
    add(u"/cdr/conf"_s, [this](const QStringList &) { return m_cdr.conference({}); });
    add(u"/cdr/conf/{conf_num}"_s, [this](const QStringList &p) { return m_cdr.conference(p.value(0)); });
}

void SandboxServer::registerArchiveRoutes()
{
    using http::HttpRequest;
    // As the /cdr routes: each also answers without its parameters with the code naming what is missing.
    const auto add = [this](const QString &route,
                            const std::function<ApiReply(const QStringList &, const QString &)> &handler) {
        for (const QString &form : {route, QString(route + u'/')})
            addPlatformRoute("GET", form, [handler](const HttpRequest &request, const QStringList &params) {
                return handler(params, request.path);
            });
    };
    add(u"/archive/period"_s,
        [this](const QStringList &, const QString &path) { return m_archive.period({}, {}, path); });
    add(u"/archive/period/{from}"_s,
        [this](const QStringList &p, const QString &path) { return m_archive.period(p.value(0), {}, path); });
    add(u"/archive/period/{from}/{to}"_s,
        [this](const QStringList &p, const QString &path) { return m_archive.period(p.value(0), p.value(1), path); });
    add(u"/archive/room"_s, [this](const QStringList &, const QString &path) { return m_archive.room({}, path); });
    add(u"/archive/room/{room_id}"_s,
        [this](const QStringList &p, const QString &path) { return m_archive.room(p.value(0), path); });
    add(u"/archive/room-period"_s,
        [this](const QStringList &, const QString &path) { return m_archive.roomPeriod({}, {}, {}, path); });
    add(u"/archive/room-period/{room_id}"_s,
        [this](const QStringList &p, const QString &path) { return m_archive.roomPeriod(p.value(0), {}, {}, path); });
    add(u"/archive/room-period/{room_id}/{from}"_s, [this](const QStringList &p, const QString &path) {
        return m_archive.roomPeriod(p.value(0), p.value(1), {}, path);
    });
    add(u"/archive/room-period/{room_id}/{from}/{to}"_s, [this](const QStringList &p, const QString &path) {
        return m_archive.roomPeriod(p.value(0), p.value(1), p.value(2), path);
    });
    add(u"/archive/room-period/{room_id}/period/{from}/{to}"_s, [this](const QStringList &p, const QString &path) {
        return m_archive.roomPeriod(p.value(0), p.value(1), p.value(2), path);
    });
    add(u"/archive/conf"_s,
        [this](const QStringList &, const QString &path) { return m_archive.conference({}, path); });
    add(u"/archive/conf/{conf_num}"_s,
        [this](const QStringList &p, const QString &path) { return m_archive.conference(p.value(0), path); });

    // The files, outside the API prefixes and behind their own credentials. Status, rate-limit,
    // latency, slow and drop faults apply to them as to platform routes (match "/files/").
    m_router.add("GET", u"/files/{link}/{room_id}/{conf_num}/{name}"_s,
                 [this](const HttpRequest &request, const QStringList &params, const http::HttpResponder &responder) {
                     const FaultPlan plan = m_faults.take(request.path);
                     http::HttpResponse response;
                     if (plan.outcome && plan.outcome->kind == Fault::Kind::Status) {
                         response = http::HttpResponse::text(plan.outcome->status, "Injected fault");
                     } else if (plan.outcome && plan.outcome->kind == Fault::Kind::RateLimit) {
                         response = http::HttpResponse::text(429, "Too many requests");
                         response.setHeader("Retry-After", QByteArray::number(plan.outcome->retryAfterSeconds));
                     } else {
                         response = m_files.serve(request, params);
                     }
                     if (plan.outcome && plan.outcome->kind == Fault::Kind::Drop)
                         response.dropAfterBodyBytes =
                             plan.outcome->dropPoint(response.bodyDevice ? response.bodyLength : response.body.size());
                     answer(responder, std::move(response), plan);
                 });

    addControlRoute("GET", u"/archive/credentials"_s, [this](const HttpRequest &) {
        return ApiReply::success({{u"username"_s, m_files.username()}, {u"password"_s, m_files.password()}});
    });
    addControlRoute("POST", u"/archive/credentials"_s, [this](const HttpRequest &request) {
        SandboxError error;
        const std::optional<QJsonObject> body = JsonBody::parseObject(request.body, &error);
        if (!body)
            return ApiReply::failure(error);
        QString why;
        if (!m_files.setCredentials(body->value(u"username").toString(), body->value(u"password").toString(), &why))
            return ApiReply::failure({ResultCode::MalformedRequest, u"Malformed request"_s, why});
        return ApiReply::success({{u"username"_s, m_files.username()}});
    });
    addControlRoute("POST", u"/archive/media"_s, [this](const HttpRequest &) {
        QString error;
        if (!m_files.prepareMedia(&error))
            return ApiReply::failure({ResultCode::InternalError, u"Media unavailable"_s, error});
        return ApiReply::success({{u"folder"_s, m_files.media().folder()}});
    });
}

void SandboxServer::persist()
{
    if (m_options.stateFile.isEmpty())
        return;
    QString error;
    if (!StateFile::save(m_options.stateFile, m_state, &error)) {
        qCWarning(lcSandbox) << error;
        Q_EMIT stateSaveFailed(error);
    }
}

} // namespace confero::sandbox
