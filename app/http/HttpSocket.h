#pragma once

#include <QByteArray>
#include <QSslSocket>

namespace confero::http {

// The server's socket, plain or TLS (a QSslSocket in unencrypted mode is a plain TCP socket).
// It can hold back what is written to it: QWebSocketServer answers a handshake with 101 before
// anyone may look at the resulting QWebSocket, and the WebSocketHandler must still be able to
// refuse with 403. While writes are held, the 101 waits here; the server then either releases it
// or discards it and writes the 403 instead.
class HttpSocket final : public QSslSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpSocket)

public:
    explicit HttpSocket(QObject *parent = nullptr);
    ~HttpSocket() override;

    void holdWrites();
    void releaseHeldWrites();
    void discardHeldWrites();
    bool isHoldingWrites() const;

    // QWebSocketServer closes the socket itself when a handshake fails; the answer it wrote
    // (400 and friends) must still go out, so closing releases what was held.
    void close() override;

protected:
    qint64 writeData(const char *data, qint64 length) override;

private:
    bool m_holding = false;
    QByteArray m_held;
};

} // namespace confero::http
