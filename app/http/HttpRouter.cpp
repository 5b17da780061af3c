#include "HttpRouter.h"

#include <QRegularExpressionMatch>

namespace confero::http {

namespace {

// "/rooms/{room_id}/tokens" -> ^/rooms/([^/]+)/tokens$. Parameters match one non-empty path segment;
// everything else in the pattern is literal.
QRegularExpression compilePattern(const QString &pattern)
{
    static const QRegularExpression parameter(QStringLiteral("\\{[A-Za-z_][A-Za-z0-9_]*\\}"));
    QString expression = QStringLiteral("^");
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = parameter.globalMatch(pattern);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        expression += QRegularExpression::escape(pattern.mid(last, match.capturedStart() - last));
        expression += QStringLiteral("([^/]+)");
        last = match.capturedEnd();
    }
    expression += QRegularExpression::escape(pattern.mid(last)) + QStringLiteral("$");
    QRegularExpression regex(expression);
    regex.optimize();
    return regex;
}

} // namespace

void HttpRouter::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.append({method, compilePattern(pattern), std::move(handler)});
}

void HttpRouter::setNotFoundHandler(RequestHandler handler)
{
    m_notFound = std::move(handler);
}

void HttpRouter::dispatch(const HttpRequest &request, const HttpResponder &responder) const
{
    QList<QByteArray> allowed;
    const Route *fallback = nullptr; // a GET route serving a HEAD request (the server drops the body)
    QStringList fallbackParams;
    for (const Route &route : m_routes) {
        const QRegularExpressionMatch match = route.regex.match(request.path);
        if (!match.hasMatch())
            continue;
        QStringList params = match.capturedTexts();
        params.removeFirst();
        if (route.method == request.method) {
            route.handler(request, params, responder);
            return;
        }
        if (request.method == "HEAD" && route.method == "GET" && !fallback) {
            fallback = &route;
            fallbackParams = params;
        }
        if (!allowed.contains(route.method))
            allowed.append(route.method);
        if (route.method == "GET" && !allowed.contains("HEAD"))
            allowed.append("HEAD");
    }
    if (fallback) {
        fallback->handler(request, fallbackParams, responder);
        return;
    }
    if (!allowed.isEmpty()) {
        HttpResponse response = HttpResponse::text(
            405, "method " + request.method + " is not allowed here; use " + allowed.join(", ") + '\n');
        response.setHeader("Allow", allowed.join(", "));
        responder.respond(std::move(response));
        return;
    }
    if (m_notFound)
        m_notFound(request, responder);
    else
        responder.respond(HttpResponse::text(404, "nothing is served at this path\n"));
}

} // namespace confero::http
