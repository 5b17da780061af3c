#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"
#include "HttpServerLimits.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <memory>

class QWebSocket;
class QWebSocketServer;

namespace confero::http {

// Completes one request exactly once, now or later (a handler may answer after a timer or a network
// call). Copyable; calls after the first are ignored. If the connection is gone, respond() is a no-op.
class HttpResponder
{
public:
    void respond(HttpResponse response) const;
    bool isConnected() const;

    // Defined in HttpResponderState.h; a test can build one around its own callback.
    class State;
    explicit HttpResponder(std::shared_ptr<State> state);

private:
    std::shared_ptr<State> m_state;
};

using RequestHandler = std::function<void(const HttpRequest &, const HttpResponder &)>;
// Return true to accept the upgrade (the socket is then yours), false to answer 403.
// Called once the handshake is complete but before its 101 leaves: refusing is still a 403. The
// QWebSocket starts as a child of the server's QWebSocketServer (deleted with the HttpServer);
// reparent it to keep it longer. The HttpRequest is the upgrade request with all its headers.
using WebSocketHandler = std::function<bool(const HttpRequest &, QWebSocket *)>;

// HTTP/1.1 server on QTcpServer (or QSslServer when a TLS configuration is set) with the limits of
// HttpServerLimits, keep-alive and pipelining, streamed response bodies, and WebSocket upgrades
// handed to a QWebSocketServer. Routing lives in HttpRouter; the server calls one handler.
class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    explicit HttpServer(const HttpServerLimits &limits = {}, QObject *parent = nullptr);
    ~HttpServer() override;

    void setRequestHandler(RequestHandler handler);
    // Requests with "Upgrade: websocket" on a GET go here when set; otherwise they get 404.
    void setWebSocketHandler(WebSocketHandler handler);
    void setTlsConfiguration(const QSslConfiguration &configuration);

    // Port 0 picks a free port. Returns false with errorString() on failure.
    bool listen(const QHostAddress &address, quint16 port);
    void close();
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    bool isSecure() const;
    QString errorString() const;

    int connectionCount() const;
    const HttpServerLimits &limits() const;

Q_SIGNALS:
    // A request refused by a limit (status 408/413/431/400/503) or a connection closed by a timeout.
    void limitHit(const QString &what, const QHostAddress &peer);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace confero::http
