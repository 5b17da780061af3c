#include "HttpServer.h"

#include "HttpConnection.h"
#include "HttpListener.h"
#include "HttpSocket.h"
#include "Logging.h"

#include <QPointer>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <optional>

namespace confero::http {

namespace {

// How long a refused socket (connection cap, refused upgrade) may take to read its answer.
constexpr int kRefusalDeadlineMs = 5000;
constexpr int kRefusalLingerMs = 300;

QByteArray plainResponse(int status, const QByteArray &text, const HeaderList &extra = {})
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : extra)
        bytes += name + ": " + value + "\r\n";
    bytes += "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + QByteArray::number(text.size())
        + "\r\nConnection: close\r\n\r\n" + text;
    return bytes;
}

// Writes a final answer on a socket no connection looks after, drains what the client still
// sends (so closing does not reset the answer away), then closes and deletes it.
void refuseAndClose(QTcpSocket *socket, const QByteArray &answer)
{
    QObject::connect(socket, &QIODevice::readyRead, socket, [socket] { socket->read(socket->bytesAvailable()); });
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(answer);
    QTimer::singleShot(kRefusalLingerMs, socket, [socket] { socket->disconnectFromHost(); });
    QTimer::singleShot(kRefusalDeadlineMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
}

} // namespace

class HttpServer::Private
{
public:
    struct PendingUpgrade
    {
        QPointer<HttpSocket> socket;
        HttpRequest request;
    };

    explicit Private(HttpServer *server, const HttpServerLimits &limits)
        : q(server)
        , limits(limits)
    {
    }

    void acceptPending();
    void handOver(HttpSocket *socket, const HttpRequest &request);
    void adoptWebSockets();

    HttpServer *q;
    HttpServerLimits limits;
    RequestHandler handler;
    WebSocketHandler webSocketHandler;
    std::optional<QSslConfiguration> tls;
    HttpListener *listener = nullptr;
    QWebSocketServer *webSockets = nullptr;
    QList<PendingUpgrade> upgrades;
    int connections = 0;
    QString error;
};

void HttpServer::Private::acceptPending()
{
    while (QTcpSocket *pending = listener->nextPendingConnection()) {
        auto *socket = qobject_cast<HttpSocket *>(pending);
        if (!socket) {
            pending->deleteLater();
            continue;
        }
        const QHostAddress peer = socket->peerAddress();
        if (connections >= limits.maxConnections) {
            qCInfo(lcHttp) << "refused a connection from" << peer << "at the connection limit of"
                           << limits.maxConnections;
            socket->setParent(q);
            refuseAndClose(
                socket,
                plainResponse(503, "the server has too many connections; retry later\n", {{"Retry-After", "1"}}));
            Q_EMIT q->limitHit(
                QStringLiteral("503 the server is at its limit of %1 connections").arg(limits.maxConnections), peer);
            continue;
        }

        HttpConnection::Hooks hooks;
        hooks.onRequest = [this](const HttpRequest &request, const HttpResponder &responder) {
            if (handler)
                handler(request, responder);
            else
                responder.respond(HttpResponse::text(404, "nothing is served here\n"));
        };
        hooks.onUpgrade = [this](HttpSocket *upgraded, const HttpRequest &request) { handOver(upgraded, request); };
        hooks.servesUpgrades = [this] { return bool(webSocketHandler); };
        hooks.onLimit = [this, peer](const QString &what) { Q_EMIT q->limitHit(what, peer); };

        auto *connection = new HttpConnection(socket, limits, std::move(hooks), q);
        ++connections;
        QObject::connect(connection, &HttpConnection::finished, q, [this] { --connections; });
    }
}

void HttpServer::Private::handOver(HttpSocket *socket, const HttpRequest &request)
{
    if (!webSocketHandler) {
        refuseAndClose(socket, plainResponse(404, "no WebSocket endpoint is served here\n"));
        return;
    }
    // QWebSocketServer answers the handshake with 101 before the handler sees the QWebSocket;
    // held back, that answer can still become a 403 (see adoptWebSockets).
    socket->setParent(webSockets);
    socket->holdWrites();
    upgrades.append({socket, request});
    webSockets->handleConnection(socket);
}

void HttpServer::Private::adoptWebSockets()
{
    while (QWebSocket *webSocket = webSockets->nextPendingConnection()) {
        upgrades.removeIf([](const PendingUpgrade &upgrade) { return upgrade.socket.isNull(); });
        // The handshake does not say which socket it came from; the peer's address and port
        // identify the TCP connection uniquely while it lives.
        qsizetype index = -1;
        for (qsizetype i = 0; i < upgrades.size(); ++i) {
            const HttpSocket *socket = upgrades.at(i).socket;
            if (socket->peerAddress() == webSocket->peerAddress() && socket->peerPort() == webSocket->peerPort()) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            qCWarning(lcHttp) << "a WebSocket arrived without its upgrade request; closing it";
            webSocket->abort();
            webSocket->deleteLater();
            continue;
        }
        const PendingUpgrade upgrade = upgrades.takeAt(index);
        HttpSocket *socket = upgrade.socket;
        // QWebSocketServer hands out parentless sockets; one the handler neither deletes nor
        // reparents is then at least deleted with the server rather than leaked.
        if (!webSocket->parent())
            webSocket->setParent(webSockets);
        const bool accepted = webSocketHandler && webSocketHandler(upgrade.request, webSocket);
        if (accepted) {
            socket->releaseHeldWrites();
            continue;
        }
        qCInfo(lcHttp) << "refused a WebSocket upgrade from" << socket->peerAddress() << "for" << upgrade.request.path;
        socket->discardHeldWrites();
        QPointer<QWebSocket> guard(webSocket);
        QObject::connect(socket, &QAbstractSocket::disconnected, webSockets, [guard] {
            if (guard)
                guard->deleteLater();
        });
        socket->write(plainResponse(403, "this WebSocket upgrade is refused\n"));
        socket->disconnectFromHost();
        QTimer::singleShot(kRefusalDeadlineMs, webSocket, [guard] {
            if (guard) {
                guard->abort();
                guard->deleteLater();
            }
        });
    }
}

HttpServer::HttpServer(const HttpServerLimits &limits, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, limits))
{
    d->listener = new HttpListener(this);
    d->listener->setHandshakeTimeout(limits.headerTimeoutMs);
    connect(d->listener, &QTcpServer::pendingConnectionAvailable, this, [this] { d->acceptPending(); });
    connect(d->listener, &HttpListener::handshakeFailed, this,
            [this](const QHostAddress &peer, const QString &reason) { Q_EMIT limitHit(reason, peer); });

    d->webSockets = new QWebSocketServer(QStringLiteral("Confero"), QWebSocketServer::NonSecureMode, this);
    d->webSockets->setHandshakeTimeout(limits.headerTimeoutMs);
    connect(d->webSockets, &QWebSocketServer::newConnection, this, [this] { d->adoptWebSockets(); });
}

HttpServer::~HttpServer()
{
    // Children go before the private part they call back into.
    const QList<HttpConnection *> connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(connections);
    // Sockets whose handshake finished but that adoptWebSockets() has not taken yet have no parent:
    // they would outlive the server.
    while (QWebSocket *pending = d->webSockets->nextPendingConnection())
        delete pending;
    delete d->webSockets;
    d->webSockets = nullptr;
    delete d->listener;
    d->listener = nullptr;
}

void HttpServer::setRequestHandler(RequestHandler handler)
{
    d->handler = std::move(handler);
}

void HttpServer::setWebSocketHandler(WebSocketHandler handler)
{
    d->webSocketHandler = std::move(handler);
}

void HttpServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    d->tls = configuration;
    d->listener->setTlsConfiguration(d->tls);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!d->listener->listen(address, port)) {
        d->error = QStringLiteral("cannot listen on %1 port %2: %3")
                       .arg(address.toString())
                       .arg(port)
                       .arg(d->listener->errorString());
        return false;
    }
    d->error.clear();
    qCInfo(lcHttp).nospace().noquote() << "listening on " << (isSecure() ? "https" : "http") << "://"
                                       << address.toString() << ':' << serverPort();
    return true;
}

void HttpServer::close()
{
    d->listener->close();
    const QList<HttpConnection *> connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpConnection *connection : connections)
        connection->shutdown();
}

quint16 HttpServer::serverPort() const
{
    return d->listener->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return d->listener->serverAddress();
}

bool HttpServer::isSecure() const
{
    return d->tls.has_value();
}

QString HttpServer::errorString() const
{
    return d->error;
}

int HttpServer::connectionCount() const
{
    return d->connections;
}

const HttpServerLimits &HttpServer::limits() const
{
    return d->limits;
}

} // namespace confero::http
