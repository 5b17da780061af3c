#include "StreamHub.h"

#include "FrameSignature.h"
#include "HttpRequest.h"
#include "Logging.h"

#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace confero::relay {

StreamHub::StreamHub(const QSqlDatabase &db, const QByteArray &masterKey, EventLog *log,
                     const StreamSession::Limits &limits, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_masterKey(masterKey)
    , m_log(log)
    , m_limits(limits)
    , m_reader(db)
    , m_registry(db, masterKey)
{
}

StreamHub::~StreamHub() = default;

bool StreamHub::accept(const http::HttpRequest &request, QWebSocket *socket)
{
    if (request.path != u"/v1/stream") {
        qCInfo(lcRelay) << "refused a WebSocket for" << request.path << ": the stream is at /v1/stream";
        return false;
    }
    const QByteArray authorization = request.header("Authorization");
    const QByteArrayView bearer = "Bearer ";
    const std::optional<SubscriberRegistry::Subscriber> subscriber = authorization.startsWith(bearer)
        ? m_registry.authenticate(QByteArrayView(authorization).sliced(bearer.size()).trimmed())
        : std::nullopt;
    if (!subscriber) {
        qCInfo(lcRelay) << "refused a stream from" << request.peerAddress.toString() << ": unknown or revoked token";
        return false;
    }
    qint64 after = subscriber->ackedSeq;
    const QString afterText = request.query.queryItemValue(u"after"_s);
    if (!afterText.isEmpty()) {
        bool ok = false;
        after = afterText.toLongLong(&ok);
        if (!ok || after < 0) {
            qCInfo(lcRelay) << "refused a stream for" << subscriber->name << ": after=" << afterText << "is not a seq";
            return false;
        }
    }
    const QByteArray key = protocol::FrameSignature::deriveSubscriberKey(m_masterKey, subscriber->name);
    auto *session = new StreamSession(socket, *subscriber, key, after, &m_reader, m_log, m_limits, this);
    m_sessions.append(session);
    connect(session, &StreamSession::closed, this, [this, session] {
        m_sessions.removeOne(session);
        session->deleteLater();
    });
    qCInfo(lcRelay) << "streaming to" << subscriber->name << "from seq" << after;
    session->pump(m_reader.head());
    return true;
}

void StreamHub::committed(qint64 head)
{
    for (StreamSession *session : std::as_const(m_sessions))
        session->pump(head);
}

int StreamHub::sessionCount() const
{
    return int(m_sessions.size());
}

} // namespace confero::relay
