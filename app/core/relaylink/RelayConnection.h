#pragma once

#include "RelayClient.h"

#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace confero {

class SecretStore;
class Store;

// The console's running relay link for one project: it reads the project's relay (RelayLinkStore)
// and its token (from the keychain, without blocking the window), then runs a RelayClient until
// stopped or deleted; the console and `conferoctl watch` both run it. A relay with a self-signed
// certificate is trusted when CONFERO_TRUSTED_CERT names its certificate; CONFERO_RELAY_TOKEN, when
// set, is used instead of the keychain's token.
class RelayConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayConnection)

public:
    enum class Status {
        NotConfigured, // the project has no relay
        ReadingToken,
        Connecting,
        Streaming,
        Waiting, // down, retrying with backoff
        Failed, // cannot run until the link is changed; problem() said why
    };
    Q_ENUM(Status)

    RelayConnection(Store *store, SecretStore *secrets, qint64 projectId, QObject *parent = nullptr);
    ~RelayConnection() override;

    // Reads the link again and (re)starts; call after the link was changed.
    void start();
    // Starts on a relay this process runs itself (the console's embedded relay): its address, a token
    // it just issued (in memory only, like the embedded sandbox's App Key) and its certificate.
    void startEmbedded(const QUrl &url, const QString &token, const QList<QSslCertificate> &trusted);
    bool isEmbedded() const;
    void stop();

    qint64 projectId() const;
    Status status() const;
    QUrl relayUrl() const;
    qint64 cursor() const; // the highest relay seq stored here
    QString lastProblem() const;
    // One line for a status bar: where the events come from and how the link is.
    QString statusText() const;

Q_SIGNALS:
    void statusChanged(confero::RelayConnection::Status status);
    void eventsStored(int added, qint64 cursor);
    void problem(const QString &message);

private:
    void startClient(const QString &token, const QList<QSslCertificate> &trusted);
    void fail(const QString &message);
    void setStatus(Status status);

    Store *m_store;
    SecretStore *m_secrets;
    qint64 m_projectId;
    QUrl m_url;
    std::unique_ptr<RelayClient> m_client;
    Status m_status = Status::NotConfigured;
    QString m_problem;
    int m_generation = 0; // a token read answered after a restart is dropped
    bool m_embedded = false;
};

} // namespace confero
