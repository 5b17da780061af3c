#include "HttpListener.h"

#include "HttpSocket.h"
#include "Logging.h"

#include <QTimer>

#include <memory>

namespace confero::http {

HttpListener::HttpListener(QObject *parent)
    : QTcpServer(parent)
{
    // Qt's default accept queue of 50 overflows in a burst of new connections: the kernel then drops
    // the client's last handshake packet, the client believes it is connected and waits, silently,
    // until a SYN-ACK retry lets it in many seconds later. The kernel caps this at somaxconn.
    setListenBacklogSize(1024);
}

HttpListener::~HttpListener() = default;

void HttpListener::setTlsConfiguration(const std::optional<QSslConfiguration> &configuration)
{
    m_tls = configuration;
}

void HttpListener::setHandshakeTimeout(int milliseconds)
{
    m_handshakeTimeoutMs = milliseconds;
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new HttpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcHttp) << "could not take an incoming connection:" << socket->errorString();
        delete socket;
        return;
    }
    if (!m_tls) {
        addPendingConnection(socket); // emits pendingConnectionAvailable
        return;
    }

    socket->setSslConfiguration(*m_tls);
    auto *deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, socket, [this, socket] {
        Q_EMIT handshakeFailed(socket->peerAddress(), QStringLiteral("the TLS handshake did not finish in time"));
        socket->abort();
        socket->deleteLater();
    });
    // A peer that leaves during the handshake: its socket is this listener's to delete. Only until
    // the handshake is done: from then on the connection that takes the socket owns it (a socket
    // is no longer "encrypted" once disconnected, so a test of that here would delete it twice).
    const auto dropUnfinished = std::make_shared<QMetaObject::Connection>(
        connect(socket, &QAbstractSocket::disconnected, this, [socket] { socket->deleteLater(); }));
    connect(socket, &QSslSocket::encrypted, this, [this, socket, deadline, dropUnfinished] {
        disconnect(*dropUnfinished);
        deadline->stop();
        deadline->deleteLater();
        addPendingConnection(socket);
    });
    connect(socket, &QSslSocket::sslErrors, this, [socket](const QList<QSslError> &errors) {
        // The server does not ask for client certificates; any error here ends the handshake.
        qCDebug(lcHttp) << "TLS handshake with" << socket->peerAddress() << "failed:" << errors;
    });
    deadline->start(m_handshakeTimeoutMs);
    socket->startServerEncryption();
}

} // namespace confero::http
