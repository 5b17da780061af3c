#include "HttpListener.h"

#include "HttpSocket.h"
#include "Logging.h"

#include <QTimer>

namespace confero::http {

HttpListener::HttpListener(QObject *parent)
    : QTcpServer(parent)
{
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
    connect(socket, &QSslSocket::encrypted, this, [this, socket, deadline] {
        deadline->stop();
        deadline->deleteLater();
        addPendingConnection(socket);
    });
    connect(socket, &QSslSocket::sslErrors, this, [socket](const QList<QSslError> &errors) {
        // The server does not ask for client certificates; any error here ends the handshake.
        qCDebug(lcHttp) << "TLS handshake with" << socket->peerAddress() << "failed:" << errors;
    });
    connect(socket, &QAbstractSocket::disconnected, this, [socket] {
        if (!socket->isEncrypted())
            socket->deleteLater();
    });
    deadline->start(m_handshakeTimeoutMs);
    socket->startServerEncryption();
}

} // namespace confero::http
