#include "RelayClient.h"

#include "FrameSignature.h"
#include "Logging.h"
#include "StreamFrameCodec.h"
#include "relaylink/EventInbox.h"
#include "store/Store.h"

#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace confero {

RelayClient::RelayClient(Store *store, qint64 projectId, QUrl relayUrl, const QString &token, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_projectId(projectId)
    , m_relayUrl(std::move(relayUrl))
    , m_tokenText(token.trimmed())
    , m_token(protocol::SubscriberToken::parse(token))
{
    m_retry.initialBackoffMs = 500;
    m_retry.maxBackoffMs = 30'000;
    m_flush.setSingleShot(true);
    m_flush.setInterval(0);
    connect(&m_flush, &QTimer::timeout, this, &RelayClient::flush);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &RelayClient::connectNow);
    // The relay sends a heartbeat every 15 s when quiet; three missed ones mean a dead link that TCP
    // may take minutes to notice.
    m_silence.setSingleShot(true);
    m_silence.setInterval(45'000);
    connect(&m_silence, &QTimer::timeout, this, [this] {
        qCInfo(lcRelayLink) << "nothing from the relay for" << m_silence.interval() << "ms; reconnecting";
        m_socket.abort();
    });
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        setState(State::Streaming);
        m_silence.start();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &RelayClient::onText);
    connect(&m_socket, &QWebSocket::disconnected, this, &RelayClient::onDisconnected);
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (errors.isEmpty())
            return;
        Q_EMIT problem(tr("The relay's certificate is not trusted: %1").arg(errors.constFirst().errorString()));
    });
}

RelayClient::~RelayClient()
{
    stop();
}

void RelayClient::setRetryPolicy(const RetryPolicy &policy)
{
    m_retry = policy;
}

void RelayClient::setSilenceLimitMs(int milliseconds)
{
    m_silence.setInterval(milliseconds);
}

void RelayClient::setTrustedCertificates(const QList<QSslCertificate> &certificates)
{
    m_trusted = certificates;
}

RelayClient::State RelayClient::state() const
{
    return m_state;
}

qint64 RelayClient::cursor() const
{
    return m_cursor;
}

bool RelayClient::start()
{
    if (!m_token) {
        Q_EMIT problem(tr("This relay token is not one that confero-relay printed (it starts with crs_)."));
        return false;
    }
    const StoreResult<qint64> cursor = EventInbox(m_store->database(), m_projectId, m_relayUrl.toString()).cursor();
    if (!cursor) {
        Q_EMIT problem(cursor.error().message);
        return false;
    }
    m_cursor = cursor.value();
    m_running = true;
    m_attempt = 0;
    connectNow();
    return true;
}

void RelayClient::stop()
{
    m_running = false;
    m_reconnect.stop();
    m_silence.stop();
    flush(); // what arrived is committed (and acked if the socket still lives)
    m_socket.abort();
    setState(State::Stopped);
}

QUrl RelayClient::streamUrl() const
{
    QUrl url = m_relayUrl.resolved(QUrl(u"/v1/stream"_s));
    url.setScheme(m_relayUrl.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    url.setQuery(u"after=%1"_s.arg(m_cursor));
    return url;
}

void RelayClient::connectNow()
{
    if (!m_running)
        return;
    setState(State::Connecting);
    QNetworkRequest request(streamUrl());
    request.setRawHeader("Authorization", "Bearer " + m_tokenText.toLatin1());
    if (!m_trusted.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_trusted);
        m_socket.setSslConfiguration(ssl);
        // A self-signed certificate is its own CA; only exactly those certificates are let through.
        // Their names are not checked: the certificate itself is pinned, and the console reaches a
        // relay it runs itself over loopback, which no certificate for a public name covers.
        QList<QSslError> expected;
        for (const QSslCertificate &certificate : std::as_const(m_trusted)) {
            expected.append(QSslError(QSslError::SelfSignedCertificate, certificate));
            expected.append(QSslError(QSslError::HostNameMismatch, certificate));
        }
        m_socket.ignoreSslErrors(expected);
    }
    m_socket.open(request);
}

void RelayClient::onText(const QString &text)
{
    m_silence.start();
    m_attempt = 0; // the link works: the next failure starts the backoff afresh
    const protocol::StreamFrameCodec::Decoded decoded = protocol::StreamFrameCodec::decode(text.toUtf8());
    if (!decoded.frame) {
        qCWarning(lcRelayLink) << "the relay sent something that is not a frame:" << decoded.error;
        Q_EMIT problem(tr("The relay sent something that is not a stream frame; reconnecting."));
        m_socket.abort();
        return;
    }
    const auto *frame = std::get_if<protocol::EventFrame>(&*decoded.frame);
    if (!frame)
        return; // a heartbeat: the silence timer is reset above
    if (!protocol::FrameSignature::verify(m_token->key, frame->event, frame->signature)) {
        qCWarning(lcRelayLink) << "refused frame seq" << frame->event.seq << "id" << frame->event.id
                               << ": its signature does not match";
        Q_EMIT problem(tr("A frame from the relay failed its signature check and was refused. Something between "
                          "the relay and this console changed it, or the token belongs to another relay."));
        m_socket.abort();
        return;
    }
    m_pending.append(frame->event);
    if (!m_flush.isActive())
        m_flush.start();
}

void RelayClient::flush()
{
    if (m_pending.isEmpty())
        return;
    const QList<protocol::StreamEvent> events = std::exchange(m_pending, {});
    const StoreResult<int> stored = EventInbox(m_store->database(), m_projectId, m_relayUrl.toString()).store(events);
    if (!stored) {
        // Not acked: the relay keeps them and sends them again after the reconnect.
        qCWarning(lcRelayLink) << "could not store" << events.size() << "events:" << stored.error().detail;
        Q_EMIT problem(stored.error().message);
        m_socket.abort();
        return;
    }
    for (const protocol::StreamEvent &event : events)
        m_cursor = qMax(m_cursor, event.seq);
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        m_socket.sendTextMessage(QString::fromUtf8(protocol::StreamFrameCodec::encodeAck({m_cursor})));
    Q_EMIT eventsStored(stored.value(), m_cursor);
}

void RelayClient::onDisconnected()
{
    m_silence.stop();
    flush();
    if (!m_running)
        return;
    if (m_socket.closeCode() == QWebSocketProtocol::CloseCodePolicyViolated)
        qCInfo(lcRelayLink) << "the relay closed the stream:" << m_socket.closeReason();
    ++m_attempt;
    const int delay = m_retry.backoffMs(qMin(m_attempt, 16));
    qCInfo(lcRelayLink) << "relay link down (" << m_socket.errorString() << "); retrying in" << delay << "ms";
    setState(State::Waiting);
    m_reconnect.start(delay);
}

void RelayClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace confero
