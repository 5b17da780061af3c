#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace confero::http {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One parsed HTTP/1.1 request. Header names keep their original case; lookups are
// case-insensitive. `path` is the percent-decoded path of the target, `query` its query.
class HttpRequest
{
public:
    QByteArray method; // "GET", "POST", ... as sent (methods are case-sensitive)
    QByteArray target; // raw request-target, e.g. "/video/v2/rooms?x=1"
    QString path; // decoded path, e.g. "/video/v2/rooms"
    QUrlQuery query; // as sent: read values with QUrl::FullyDecoded ("+" stays "+")
    int versionMinor = 1; // HTTP/1.<minor>
    HeaderList headers;
    QByteArray body;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    bool secure = false; // arrived over TLS

    // First header with that name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    bool keepAlive() const; // from version and Connection header

    // Trailer fields of a chunked body, kept apart from `headers` so a trailer can never
    // pretend to be a header the framing or authentication already relied on.
    HeaderList trailers;

    // GET with "Upgrade: websocket" and "Connection: upgrade".
    bool isWebSocketUpgrade() const;
    // True when any header called `name` lists `token` in its comma-separated value.
    bool headerListContains(QByteArrayView name, QByteArrayView token) const;
};

} // namespace confero::http
