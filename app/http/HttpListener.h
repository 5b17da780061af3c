#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

namespace confero::http {

// Accepts connections as HttpSockets, doing the TLS handshake itself when a configuration is set.
// QSslServer would do the handshake too, but it creates plain QSslSockets, and the server needs its
// own socket class to hold back a WebSocket 101 until the handler has decided (see HttpSocket).
// A connection is offered (pendingConnectionAvailable) only once it is encrypted.
class HttpListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpListener)

public:
    explicit HttpListener(QObject *parent = nullptr);
    ~HttpListener() override;

    void setTlsConfiguration(const std::optional<QSslConfiguration> &configuration);
    // A TLS handshake that has not finished within this time is dropped.
    void setHandshakeTimeout(int milliseconds);

Q_SIGNALS:
    void handshakeFailed(const QHostAddress &peer, const QString &reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::optional<QSslConfiguration> m_tls;
    int m_handshakeTimeoutMs = 10'000;
};

} // namespace confero::http
