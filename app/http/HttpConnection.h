#pragma once

#include "HttpRequestParser.h"
#include "HttpResponse.h"
#include "HttpServer.h"
#include "HttpServerLimits.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <optional>

namespace confero::http {

class HttpSocket;

// One client connection of HttpServer: reads requests through HttpRequestParser, hands them to
// the server's handler, and writes the responses back in request order (pipelining), streaming
// device bodies as fast as the socket drains. Enforces the header, body and idle timeouts and the
// pipelining limit, and hands the socket over when a WebSocket upgrade arrives.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    struct Hooks
    {
        RequestHandler onRequest;
        // Set when WebSocket upgrades are served: takes the socket (writes held, its read position
        // back at the upgrade request) and the request.
        std::function<void(HttpSocket *, const HttpRequest &)> onUpgrade;
        // Whether upgrades are served right now (the handler may be set after connections exist).
        std::function<bool()> servesUpgrades;
        std::function<void(const QString &what)> onLimit;
    };

    HttpConnection(HttpSocket *socket, const HttpServerLimits &limits, Hooks hooks, QObject *parent = nullptr);
    ~HttpConnection() override;

    bool isOpen() const;
    // Stops reading, lets responses in progress finish, then closes.
    void shutdown();

Q_SIGNALS:
    // The socket closed or was handed over; the connection deletes itself afterwards.
    void finished();

private:
    struct Exchange
    {
        quint64 id = 0;
        bool headOnly = false;
        bool http10 = false;
        bool closeAfter = false;
        bool lingerAfter = false; // a refused request: drain what the client still sends, then close
        std::optional<HttpResponse> response;
    };

    struct Outgoing
    {
        HttpResponse response;
        bool chunked = false; // chunked transfer coding for a body of unknown length
        bool untilClose = false; // HTTP/1.0 client and unknown length: the close ends the body
        qint64 remaining = -1; // body bytes still to write when the length is known
        qint64 bodyWritten = 0;
        bool closeAfter = false;
        QElapsedTimer paced; // since the body began, when maxBodyBytesPerSecond paces it
    };

    bool servesUpgrades() const;
    void onReadyRead();
    void onBytesWritten();
    void readInput();
    void onHeadersComplete();
    void onRequestComplete(HttpRequest request);
    void failRequest(int status, const QString &reason, bool countsAsLimit);
    void beginUpgrade();
    void completeExchange(quint64 id, HttpResponse &&response);
    void pumpOutput();
    void startResponse(Exchange &exchange);
    void writeMoreBody();
    void finishResponse();
    void beginDrop();
    void closeGracefully();
    void lingerThenClose();
    void finish();
    void updateIdleTimer();
    void onTimeout(QTimer *timer);
    QByteArray serializeHead(const HttpResponse &response, const Exchange &exchange, qint64 contentLength, bool chunked,
                             bool close) const;

    HttpSocket *m_socket;
    HttpServerLimits m_limits;
    Hooks m_hooks;
    HttpRequestParser m_parser;

    std::deque<Exchange> m_exchanges;
    quint64 m_nextId = 1;
    std::optional<Outgoing> m_out;

    QTimer m_headerTimer;
    QTimer m_bodyTimer;
    QTimer m_idleTimer;
    QTimer m_lingerTimer;
    QTimer m_paceTimer; // the next paced body write

    bool m_open = true;
    bool m_inputClosed = false; // after a framing error or shutdown: no more requests are read
    bool m_closing = false;
    bool m_dropping = false;
    bool m_upgradeWaiting = false; // an upgrade request waits for earlier responses to finish
    bool m_continuePending = false; // 100 Continue owed once earlier responses are out
    bool m_readingInput = false;
    bool m_lingering = false;
    std::optional<HttpRequest> m_upgradeRequest;
};

} // namespace confero::http
