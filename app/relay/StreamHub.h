#pragma once

#include "EventReader.h"
#include "StreamSession.h"

#include <QByteArray>
#include <QObject>
#include <QSqlDatabase>

class QWebSocket;

namespace confero::http {
class HttpRequest;
}

namespace confero::relay {

// GET /v1/stream: authenticates a console's WebSocket (Authorization: Bearer <token>), starts its
// StreamSession from `after=<seq>` (else from its acked seq), and wakes every session when the
// event log commits.
class StreamHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamHub)

public:
    // `log` records the sessions' acks (on its writer thread).
    StreamHub(const QSqlDatabase &db, const QByteArray &masterKey, EventLog *log, const StreamSession::Limits &limits,
              QObject *parent = nullptr);
    ~StreamHub() override;

    // The HttpServer's WebSocket handler: false refuses the upgrade (403) and logs why.
    bool accept(const http::HttpRequest &request, QWebSocket *socket);
    void committed(qint64 head);
    int sessionCount() const;

private:
    QSqlDatabase m_db;
    QByteArray m_masterKey;
    EventLog *m_log;
    StreamSession::Limits m_limits;
    EventReader m_reader;
    SubscriberRegistry m_registry;
    QList<StreamSession *> m_sessions;
};

} // namespace confero::relay
