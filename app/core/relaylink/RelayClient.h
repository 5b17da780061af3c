#pragma once

#include "StreamEvent.h"
#include "SubscriberToken.h"
#include "platform/RetryPolicy.h"

#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <optional>

namespace confero {

class Store;

// The console's link to a confero-relay (docs/ARCHITECTURE.md, "The relay stream"): it connects out
// (so a console behind NAT is reachable), resumes after the last seq committed here, verifies every
// frame's signature with the key its token carries, commits the events (EventInbox), and only then
// acknowledges. Frames that arrive together are committed together. A lost connection is retried
// with backoff and jitter, for as long as the client runs.
class RelayClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayClient)

public:
    enum class State { Stopped, Connecting, Streaming, Waiting };
    Q_ENUM(State)

    // `relayUrl` is the relay's base (https://relay.example:8443); `token` what `confero-relay
    // subscribers add` printed.
    RelayClient(Store *store, qint64 projectId, QUrl relayUrl, const QString &token, QObject *parent = nullptr);
    ~RelayClient() override;

    // False (with `problem` emitted) when the token is not one confero-relay printed.
    bool start();
    void stop();

    State state() const;
    qint64 cursor() const; // the highest seq committed here
    void setRetryPolicy(const RetryPolicy &policy); // how soon to reconnect
    void setSilenceLimitMs(int milliseconds); // no frame (not even a heartbeat) this long: reconnect
    // Certificates to trust besides the system's (a relay with a self-signed certificate).
    void setTrustedCertificates(const QList<QSslCertificate> &certificates);

Q_SIGNALS:
    void stateChanged(confero::RelayClient::State state);
    void eventsStored(int added, qint64 cursor);
    // Something a person should know, in words: a refused token, a frame that failed its check.
    void problem(const QString &message);

private:
    void connectNow();
    void onText(const QString &text);
    void flush();
    void onDisconnected();
    void setState(State state);
    QUrl streamUrl() const;

    Store *m_store;
    qint64 m_projectId;
    QUrl m_relayUrl;
    QString m_tokenText;
    std::optional<protocol::SubscriberToken> m_token;
    QWebSocket m_socket;
    QTimer m_flush;
    QTimer m_reconnect;
    QTimer m_silence;
    RetryPolicy m_retry;
    QList<protocol::StreamEvent> m_pending;
    QList<QSslCertificate> m_trusted;
    qint64 m_cursor = 0;
    int m_attempt = 0;
    State m_state = State::Stopped;
    bool m_running = false;
};

} // namespace confero
