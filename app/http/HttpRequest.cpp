#include "HttpRequest.h"

namespace confero::http {

namespace {

// True when the comma-separated header value lists `token` (case-insensitive), as Connection,
// Upgrade and Transfer-Encoding do.
bool listContainsToken(const QByteArray &value, QByteArrayView token)
{
    const QList<QByteArray> parts = value.split(',');
    for (const QByteArray &part : parts) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool HttpRequest::keepAlive() const
{
    const QByteArray connection = header("Connection");
    if (versionMinor >= 1)
        return !listContainsToken(connection, "close");
    return listContainsToken(connection, "keep-alive");
}

bool HttpRequest::isWebSocketUpgrade() const
{
    return method == "GET" && listContainsToken(header("Upgrade"), "websocket")
        && listContainsToken(header("Connection"), "upgrade");
}

bool HttpRequest::headerListContains(QByteArrayView name, QByteArrayView token) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0 && listContainsToken(value, token))
            return true;
    }
    return false;
}

} // namespace confero::http
