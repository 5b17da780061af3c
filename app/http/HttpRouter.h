#pragma once

#include "HttpServer.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace confero::http {

// Path-pattern routing: "/video/v2/rooms/{room_id}/tokens" captures room_id. Unknown path -> the
// not-found handler (404); known path with another method -> 405 with Allow. Handlers receive the
// captured parameters in order of appearance.
class HttpRouter
{
public:
    using Handler = std::function<void(const HttpRequest &, const QStringList &params, const HttpResponder &)>;

    void add(const QByteArray &method, const QString &pattern, Handler handler);
    void setNotFoundHandler(RequestHandler handler);

    // Usable directly as the server's RequestHandler.
    void dispatch(const HttpRequest &request, const HttpResponder &responder) const;

private:
    struct Route
    {
        QByteArray method;
        QRegularExpression regex;
        Handler handler;
    };
    QList<Route> m_routes;
    RequestHandler m_notFound;
};

} // namespace confero::http
