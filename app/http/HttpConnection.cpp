#include "HttpConnection.h"

#include "HttpResponderState.h"
#include "HttpSocket.h"
#include "Logging.h"

#include <QBuffer>
#include <QDateTime>
#include <QLocale>
#include <QPointer>

#include <utility>

namespace confero::http {

namespace {

// Reads from the socket and from streamed bodies happen in pieces of this size, and a streamed
// body is refilled only when less than this is waiting in the socket: memory per connection stays
// around two chunks whatever the body size.
constexpr qint64 kChunkBytes = 64 * 1024;
// After refusing a request, what the client still sends is drained for this long before closing:
// closing with unread data makes the kernel send a reset that can destroy the refusal in flight.
constexpr int kLingerMs = 500;

// The Date header changes once a second; formatting it through QLocale for every answer was a
// measurable part of a busy server thread. Each thread keeps its own (servers may run on several).
QByteArray httpDate()
{
    thread_local qint64 formattedSecond = -1;
    thread_local QByteArray formatted;
    const qint64 second = QDateTime::currentSecsSinceEpoch();
    if (second != formattedSecond) {
        formatted = QLocale::c()
                        .toString(QDateTime::fromSecsSinceEpoch(second, Qt::UTC),
                                  QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                        .toLatin1();
        formattedSecond = second;
    }
    return formatted;
}

bool isFramingHeader(const QByteArray &name)
{
    return name.compare("Content-Length", Qt::CaseInsensitive) == 0
        || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
        || name.compare("Connection", Qt::CaseInsensitive) == 0;
}

bool isSafeHeader(const QByteArray &name, const QByteArray &value)
{
    return !name.isEmpty() && !name.contains('\r') && !name.contains('\n') && !name.contains(':')
        && !value.contains('\r') && !value.contains('\n');
}

bool listsClose(const QByteArray &connectionValue)
{
    const QList<QByteArray> parts = connectionValue.split(',');
    for (const QByteArray &part : parts) {
        if (part.trimmed().compare("close", Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HttpConnection::HttpConnection(HttpSocket *socket, const HttpServerLimits &limits, Hooks hooks, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_hooks(std::move(hooks))
    , m_parser(limits)
{
    m_socket->setParent(this);
    // Bounds what Qt buffers from the kernel when this connection stops reading (pipelining limit,
    // slow handler); room for a whole head, since an open transaction keeps it in the buffer.
    m_socket->setReadBufferSize(2 * qMax<qint64>(kChunkBytes, m_limits.maxHeaderBytes));
    m_parser.setPeer(m_socket->peerAddress(), m_socket->peerPort(), m_socket->isEncrypted());

    for (QTimer *timer : {&m_headerTimer, &m_bodyTimer, &m_idleTimer, &m_lingerTimer}) {
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, timer] { onTimeout(timer); });
    }
    m_paceTimer.setSingleShot(true);
    connect(&m_paceTimer, &QTimer::timeout, this, &HttpConnection::writeMoreBody);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpConnection::finish);

    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        QTimer::singleShot(0, this, &HttpConnection::finish);
        return;
    }
    updateIdleTimer();
    // A TLS socket may hold decrypted bytes already: no readyRead will announce them again.
    if (m_socket->bytesAvailable() > 0)
        QTimer::singleShot(0, this, &HttpConnection::readInput);
}

HttpConnection::~HttpConnection()
{
    if (m_socket)
        m_socket->disconnect(this);
}

bool HttpConnection::isOpen() const
{
    return m_open && !m_closing && m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::shutdown()
{
    if (!m_open)
        return;
    m_inputClosed = true;
    m_upgradeWaiting = false;
    if (m_exchanges.empty() && !m_out)
        closeGracefully();
}

bool HttpConnection::servesUpgrades() const
{
    return m_hooks.onUpgrade && (!m_hooks.servesUpgrades || m_hooks.servesUpgrades());
}

void HttpConnection::onReadyRead()
{
    if (!m_open)
        return;
    if (m_inputClosed) {
        // Refused or closing: what still arrives is read and dropped, never parsed or kept.
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_socket->read(m_socket->bytesAvailable());
        return;
    }
    readInput();
}

void HttpConnection::onBytesWritten()
{
    if (!m_open)
        return;
    if (m_dropping) {
        if (m_socket->bytesToWrite() == 0)
            m_socket->abort();
        return;
    }
    if (m_out) {
        m_idleTimer.start(m_limits.idleTimeoutMs); // progress: a stalled reader is cut by the idle timeout
        writeMoreBody();
    }
}

void HttpConnection::readInput()
{
    if (m_readingInput)
        return;
    m_readingInput = true;
    while (m_open && !m_inputClosed && !m_upgradeWaiting) {
        // Back-pressure: with this many requests waiting for answers, leave the rest in the socket.
        if (qsizetype(m_exchanges.size()) >= m_limits.maxPipelinedRequests)
            break;
        const qint64 available = m_socket->bytesAvailable();
        if (m_parser.isIdle()) {
            if (available == 0)
                break;
            // A WebSocket upgrade must give its request back to the socket for QWebSocketServer to
            // read; a transaction from the first byte of each request makes that possible.
            if (!m_socket->isTransactionStarted())
                m_socket->startTransaction();
        }
        const QByteArray data = m_socket->peek(qMin(available, kChunkBytes));
        const HttpRequestParser::Step step = m_parser.parse(data);
        if (step.consumed > 0)
            m_socket->read(step.consumed);
        if (m_parser.isReadingHead() && !m_headerTimer.isActive()) {
            m_idleTimer.stop();
            m_headerTimer.start(m_limits.headerTimeoutMs);
        }

        bool more = true;
        switch (step.event) {
        case HttpRequestParser::Event::NeedMoreData:
            // Only one chunk is peeked per step: bytes past it are already buffered in the socket and
            // no readyRead will announce them again, so keep going while any are there.
            more = step.consumed > 0 && m_socket->bytesAvailable() > 0;
            break;
        case HttpRequestParser::Event::HeadersComplete:
            onHeadersComplete();
            break;
        case HttpRequestParser::Event::RequestComplete:
            m_bodyTimer.stop();
            onRequestComplete(m_parser.takeRequest());
            break;
        case HttpRequestParser::Event::Error:
            failRequest(m_parser.errorStatus(), m_parser.errorReason(), true);
            more = false;
            break;
        }
        if (!more)
            break;
    }
    m_readingInput = false;
}

void HttpConnection::onHeadersComplete()
{
    m_headerTimer.stop();
    const HttpRequest &request = m_parser.currentRequest();
    const bool handOver = request.isWebSocketUpgrade() && servesUpgrades() && !m_parser.isReadingBody();
    if (!handOver && m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    if (!m_parser.isReadingBody())
        return;
    m_bodyTimer.start(m_limits.bodyTimeoutMs);
    if (m_parser.expectsContinue()) {
        // The interim response must not overtake responses to earlier pipelined requests.
        if (m_exchanges.empty() && !m_out)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        else
            m_continuePending = true;
    }
}

void HttpConnection::onRequestComplete(HttpRequest request)
{
    m_continuePending = false;
    if (request.isWebSocketUpgrade() && servesUpgrades() && m_socket->isTransactionStarted()) {
        const QByteArray key = request.header("Sec-WebSocket-Key").trimmed();
        const QByteArray version = request.header("Sec-WebSocket-Version").trimmed();
        if (version == "13" && QByteArray::fromBase64(key).size() == 16) {
            m_upgradeRequest = std::move(request);
            m_upgradeWaiting = true;
            if (m_exchanges.empty() && !m_out)
                beginUpgrade();
            return;
        }
        m_socket->commitTransaction();
        Exchange exchange;
        exchange.id = m_nextId++;
        if (version != "13") {
            HttpResponse response = HttpResponse::text(426, "only WebSocket version 13 is supported\n");
            response.setHeader("Sec-WebSocket-Version", "13");
            exchange.response = std::move(response);
        } else {
            exchange.response = HttpResponse::text(400, "Sec-WebSocket-Key is missing or malformed\n");
        }
        m_exchanges.push_back(std::move(exchange));
        pumpOutput();
        return;
    }

    Exchange exchange;
    exchange.id = m_nextId++;
    exchange.headOnly = request.method == "HEAD";
    exchange.http10 = request.versionMinor == 0;
    exchange.closeAfter = !request.keepAlive();
    const quint64 id = exchange.id;
    m_exchanges.push_back(std::move(exchange));
    if (!request.keepAlive())
        m_inputClosed = true; // the client announced this is its last request

    QPointer<HttpConnection> self(this);
    auto state = std::make_shared<HttpResponder::State>(
        [self, id](HttpResponse &&response) {
            if (self)
                self->completeExchange(id, std::move(response));
        },
        [self] { return self && self->isOpen(); });
    const HttpResponder responder(std::move(state));

    if (request.isWebSocketUpgrade() && !servesUpgrades())
        responder.respond(HttpResponse::text(404, "no WebSocket endpoint is served here\n"));
    else if (m_hooks.onRequest)
        m_hooks.onRequest(request, responder);
    else
        responder.respond(HttpResponse::text(404, "nothing is served here\n"));
}

void HttpConnection::failRequest(int status, const QString &reason, bool countsAsLimit)
{
    if (!m_open || m_inputClosed)
        return;
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_inputClosed = true;
    m_upgradeWaiting = false;
    m_continuePending = false;
    m_headerTimer.stop();
    m_bodyTimer.stop();
    qCInfo(lcHttp).nospace() << "refused a request from " << m_socket->peerAddress().toString() << ": " << status << ' '
                             << reason;
    if (countsAsLimit && m_hooks.onLimit)
        m_hooks.onLimit(QStringLiteral("%1 %2").arg(status).arg(reason));

    Exchange exchange;
    exchange.id = m_nextId++;
    exchange.closeAfter = true;
    exchange.lingerAfter = true;
    exchange.response = HttpResponse::text(status, reason.toUtf8() + '\n');
    m_exchanges.push_back(std::move(exchange));
    pumpOutput();
}

void HttpConnection::beginUpgrade()
{
    m_upgradeWaiting = false;
    HttpRequest request = std::move(*m_upgradeRequest);
    m_upgradeRequest.reset();
    for (QTimer *timer : {&m_headerTimer, &m_bodyTimer, &m_idleTimer, &m_lingerTimer, &m_paceTimer})
        timer->stop();
    m_open = false;

    HttpSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    socket->rollbackTransaction(); // the upgrade request is readable again, for QWebSocketServer
    socket->setReadBufferSize(0);
    socket->setParent(nullptr);
    m_hooks.onUpgrade(socket, request);
    Q_EMIT finished();
    deleteLater();
}

void HttpConnection::completeExchange(quint64 id, HttpResponse &&response)
{
    if (!m_open)
        return;
    for (Exchange &exchange : m_exchanges) {
        if (exchange.id == id) {
            exchange.response = std::move(response);
            pumpOutput();
            return;
        }
    }
}

void HttpConnection::pumpOutput()
{
    while (m_open && !m_closing && !m_dropping && !m_out && !m_exchanges.empty() && m_exchanges.front().response) {
        startResponse(m_exchanges.front());
    }
    if (!m_open || m_closing || m_dropping || m_out || !m_exchanges.empty())
        return;

    if (m_upgradeWaiting) {
        beginUpgrade();
        return;
    }
    if (m_continuePending && m_parser.expectsContinue())
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_continuePending = false;
    if (m_inputClosed && !m_lingering) {
        closeGracefully();
        return;
    }
    updateIdleTimer();
    readInput(); // requests held back by the pipelining limit may now be read
}

void HttpConnection::startResponse(Exchange &exchange)
{
    HttpResponse response = std::move(*exchange.response);
    exchange.response.reset();
    bool close = exchange.closeAfter || listsClose(response.header("Connection"));
    const bool linger = exchange.lingerAfter;
    const bool headOnly = exchange.headOnly;

    if (response.status < 200 || response.status == 204 || response.status == 304) {
        response.body.clear();
        response.bodyDevice.reset();
    }

    if (response.maxBodyBytesPerSecond > 0 && !response.bodyDevice && !response.body.isEmpty()) {
        // Only a streamed body can be paced: the one in memory is streamed from a buffer.
        auto buffer = std::make_shared<QBuffer>();
        buffer->setData(std::exchange(response.body, {}));
        buffer->open(QIODevice::ReadOnly);
        response.bodyLength = buffer->size();
        response.bodyDevice = std::move(buffer);
    }

    if (response.bodyDevice) {
        const qint64 length = response.bodyLength;
        const bool chunked = length < 0 && !exchange.http10;
        const bool untilClose = length < 0 && exchange.http10;
        close = close || untilClose;
        m_socket->write(serializeHead(response, exchange, length, chunked, close));
        if (!headOnly) {
            Outgoing out;
            out.chunked = chunked;
            out.untilClose = untilClose;
            out.remaining = length;
            out.closeAfter = close;
            out.paced.start();
            out.response = std::move(response);
            m_out = std::move(out);
            m_idleTimer.start(m_limits.idleTimeoutMs);
            writeMoreBody();
            return;
        }
    } else {
        QByteArray bytes = serializeHead(response, exchange, response.body.size(), false, close);
        if (!headOnly) {
            const qint64 drop = response.dropAfterBodyBytes;
            if (drop >= 0 && drop < response.body.size()) {
                m_socket->write(bytes + response.body.left(qsizetype(drop)));
                m_exchanges.pop_front();
                beginDrop();
                return;
            }
            bytes += response.body;
        }
        m_socket->write(bytes);
    }
    m_exchanges.pop_front();
    if (close) {
        if (linger)
            lingerThenClose();
        else
            closeGracefully();
    }
}

void HttpConnection::writeMoreBody()
{
    while (m_out && m_open && !m_dropping && m_socket->bytesToWrite() < kChunkBytes) {
        Outgoing &out = *m_out;
        if (out.remaining == 0) {
            finishResponse();
            return;
        }
        qint64 want = kChunkBytes;
        if (out.remaining > 0)
            want = qMin(want, out.remaining);
        if (const qint64 rate = out.response.maxBodyBytesPerSecond; rate > 0) {
            // No more than `rate` bytes for the time elapsed, a step ahead: a twentieth of a second's
            // worth, so a slow body still flows in many small writes rather than in bursts.
            const qint64 step = qBound(qint64(1), rate / 20, qint64(kChunkBytes));
            const qint64 elapsed = out.paced.elapsed();
            const qint64 allowed = step + elapsed * rate / 1000 - out.bodyWritten;
            if (allowed <= 0) {
                if (!m_paceTimer.isActive())
                    m_paceTimer.start(int(qBound(qint64(1), out.bodyWritten * 1000 / rate - elapsed, qint64(60'000))));
                return;
            }
            want = qMin(want, allowed);
        }
        const qint64 drop = out.response.dropAfterBodyBytes;
        if (drop >= 0) {
            if (out.bodyWritten >= drop) {
                beginDrop();
                return;
            }
            want = qMin(want, drop - out.bodyWritten);
        }
        const QByteArray data = out.response.bodyDevice->read(want);
        if (data.isEmpty()) {
            if (out.remaining > 0) {
                // The promised length cannot be honoured; only closing tells the client.
                qCWarning(lcHttp) << "a streamed body ended" << out.remaining << "bytes early; closing the connection";
                m_socket->abort();
                return;
            }
            if (out.chunked)
                m_socket->write("0\r\n\r\n");
            finishResponse();
            return;
        }
        if (out.chunked)
            m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
        else
            m_socket->write(data);
        out.bodyWritten += data.size();
        if (out.remaining > 0)
            out.remaining -= data.size();
    }
}

void HttpConnection::finishResponse()
{
    const bool close = m_out->closeAfter;
    m_out.reset();
    m_exchanges.pop_front();
    if (close)
        closeGracefully();
    else
        pumpOutput();
}

void HttpConnection::beginDrop()
{
    qCDebug(lcHttp) << "dropping the connection mid-body, as the response asked";
    m_dropping = true;
    m_inputClosed = true;
    m_out.reset();
    m_headerTimer.stop();
    m_bodyTimer.stop();
    m_idleTimer.start(m_limits.idleTimeoutMs); // hard deadline if the peer never reads
    if (m_socket->bytesToWrite() == 0)
        m_socket->abort();
}

void HttpConnection::closeGracefully()
{
    if (m_closing || !m_open)
        return;
    m_closing = true;
    m_inputClosed = true;
    m_headerTimer.stop();
    m_bodyTimer.stop();
    m_lingerTimer.stop();
    m_idleTimer.start(m_limits.idleTimeoutMs); // hard deadline if the peer never reads
    m_socket->disconnectFromHost();
}

void HttpConnection::lingerThenClose()
{
    m_lingering = true;
    m_inputClosed = true;
    m_headerTimer.stop();
    m_bodyTimer.stop();
    m_idleTimer.stop();
    m_lingerTimer.start(kLingerMs);
    if (m_socket->bytesAvailable() > 0)
        m_socket->read(m_socket->bytesAvailable());
}

void HttpConnection::finish()
{
    if (!m_open)
        return;
    m_open = false;
    for (QTimer *timer : {&m_headerTimer, &m_bodyTimer, &m_idleTimer, &m_lingerTimer})
        timer->stop();
    m_exchanges.clear();
    m_out.reset();
    if (m_socket)
        m_socket->disconnect(this);
    Q_EMIT finished();
    deleteLater();
}

void HttpConnection::updateIdleTimer()
{
    if (!m_open || m_closing || m_dropping || m_lingering || m_out)
        return;
    if (m_exchanges.empty() && m_parser.isIdle())
        m_idleTimer.start(m_limits.idleTimeoutMs);
    else
        m_idleTimer.stop();
}

void HttpConnection::onTimeout(QTimer *timer)
{
    if (!m_open)
        return;
    if (timer == &m_headerTimer) {
        if (m_parser.isReadingHead())
            failRequest(408,
                        QStringLiteral("the request head did not arrive within %1 ms").arg(m_limits.headerTimeoutMs),
                        true);
    } else if (timer == &m_bodyTimer) {
        if (m_parser.isReadingBody())
            failRequest(408, QStringLiteral("the request body did not arrive within %1 ms").arg(m_limits.bodyTimeoutMs),
                        true);
    } else if (timer == &m_lingerTimer) {
        closeGracefully();
    } else if (timer == &m_idleTimer) {
        if (m_closing || m_dropping) {
            m_socket->abort();
        } else if (m_out) {
            if (m_hooks.onLimit)
                m_hooks.onLimit(
                    QStringLiteral("the client read nothing of a response for %1 ms").arg(m_limits.idleTimeoutMs));
            m_socket->abort();
        } else {
            if (m_hooks.onLimit)
                m_hooks.onLimit(QStringLiteral("idle connection closed after %1 ms").arg(m_limits.idleTimeoutMs));
            closeGracefully();
        }
    }
}

QByteArray HttpConnection::serializeHead(const HttpResponse &response, const Exchange &exchange, qint64 contentLength,
                                         bool chunked, bool close) const
{
    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    bool hasDate = false;
    for (const auto &[name, value] : response.headers) {
        // The connection owns the framing: a handler's own length or coding could only contradict it.
        if (isFramingHeader(name))
            continue;
        if (!isSafeHeader(name, value)) {
            qCWarning(lcHttp) << "dropped response header" << name << "holding a line break";
            continue;
        }
        hasDate = hasDate || name.compare("Date", Qt::CaseInsensitive) == 0;
        head += name + ": " + value + "\r\n";
    }
    if (!hasDate)
        head += "Date: " + httpDate() + "\r\n";
    const bool bodyless = response.status < 200 || response.status == 204 || response.status == 304;
    if (!bodyless) {
        if (chunked)
            head += "Transfer-Encoding: chunked\r\n";
        else if (contentLength >= 0)
            head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    }
    if (close)
        head += "Connection: close\r\n";
    else if (exchange.http10)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    return head;
}

} // namespace confero::http
