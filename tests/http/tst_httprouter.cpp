#include "HttpResponderState.h"
#include "HttpRouter.h"

#include <QTest>

using namespace confero::http;

class TestHttpRouter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturesParameters();
    void answersNotFound();
    void usesCustomNotFoundHandler();
    void answersMethodNotAllowedWithAllow();
    void servesHeadFromGet();
    void treatsPatternTextLiterally();
};

namespace {

HttpRequest makeRequest(const QByteArray &method, const QString &path)
{
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.target = path.toUtf8();
    return request;
}

// Runs the router on one request and returns what it answered.
HttpResponse route(const HttpRouter &router, const HttpRequest &request)
{
    HttpResponse answer;
    answer.status = -1;
    const HttpResponder responder(
        std::make_shared<HttpResponder::State>([&answer](HttpResponse &&response) { answer = std::move(response); }));
    router.dispatch(request, responder);
    return answer;
}

} // namespace

void TestHttpRouter::capturesParameters()
{
    HttpRouter router;
    QStringList seen;
    router.add("GET", QStringLiteral("/video/v2/rooms"),
               [](const HttpRequest &, const QStringList &params, const HttpResponder &r) {
                   r.respond(HttpResponse::text(200, "list " + QByteArray::number(params.size())));
               });
    router.add("POST", QStringLiteral("/video/v2/rooms/{room_id}/tokens/{kind}"),
               [&seen](const HttpRequest &, const QStringList &params, const HttpResponder &r) {
                   seen = params;
                   r.respond(HttpResponse::empty(201));
               });
    QCOMPARE(route(router, makeRequest("GET", QStringLiteral("/video/v2/rooms"))).body, QByteArray("list 0"));
    QCOMPARE(route(router, makeRequest("POST", QStringLiteral("/video/v2/rooms/r-1\u00e9/tokens/moderator"))).status,
             201);
    QCOMPARE(seen, QStringList({QStringLiteral("r-1\u00e9"), QStringLiteral("moderator")}));
    // A parameter is one non-empty segment.
    QCOMPARE(route(router, makeRequest("POST", QStringLiteral("/video/v2/rooms//tokens/x"))).status, 404);
    QCOMPARE(route(router, makeRequest("POST", QStringLiteral("/video/v2/rooms/a/b/tokens/x"))).status, 404);
}

void TestHttpRouter::answersNotFound()
{
    HttpRouter router;
    router.add("GET", QStringLiteral("/a"), [](const HttpRequest &, const QStringList &, const HttpResponder &r) {
        r.respond(HttpResponse::empty(204));
    });
    QCOMPARE(route(router, makeRequest("GET", QStringLiteral("/b"))).status, 404);
    QCOMPARE(route(router, makeRequest("GET", QStringLiteral("/a/"))).status, 404);
}

void TestHttpRouter::usesCustomNotFoundHandler()
{
    HttpRouter router;
    router.setNotFoundHandler([](const HttpRequest &request, const HttpResponder &r) {
        r.respond(HttpResponse::json(404, QJsonObject{{QStringLiteral("path"), request.path}}));
    });
    const HttpResponse response = route(router, makeRequest("GET", QStringLiteral("/nowhere")));
    QCOMPARE(response.status, 404);
    QCOMPARE(response.header("content-type"), QByteArray("application/json"));
    QCOMPARE(response.body, QByteArray(R"({"path":"/nowhere"})"));
}

void TestHttpRouter::answersMethodNotAllowedWithAllow()
{
    HttpRouter router;
    const auto ok = [](const HttpRequest &, const QStringList &, const HttpResponder &r) {
        r.respond(HttpResponse::empty(204));
    };
    router.add("GET", QStringLiteral("/rooms/{id}"), ok);
    router.add("PATCH", QStringLiteral("/rooms/{id}"), ok);
    router.add("DELETE", QStringLiteral("/rooms/{id}"), ok);
    router.add("POST", QStringLiteral("/other"), ok);
    const HttpResponse response = route(router, makeRequest("PUT", QStringLiteral("/rooms/7")));
    QCOMPARE(response.status, 405);
    QCOMPARE(response.header("Allow"), QByteArray("GET, HEAD, PATCH, DELETE"));
}

void TestHttpRouter::servesHeadFromGet()
{
    HttpRouter router;
    QByteArray method;
    router.add("GET", QStringLiteral("/file"),
               [&method](const HttpRequest &request, const QStringList &, const HttpResponder &r) {
                   method = request.method;
                   r.respond(HttpResponse::text(200, "content"));
               });
    QCOMPARE(route(router, makeRequest("HEAD", QStringLiteral("/file"))).status, 200);
    QCOMPARE(method, QByteArray("HEAD"));
}

void TestHttpRouter::treatsPatternTextLiterally()
{
    HttpRouter router;
    router.add(
        "GET", QStringLiteral("/v1.0/a+b"),
        [](const HttpRequest &, const QStringList &, const HttpResponder &r) { r.respond(HttpResponse::empty(204)); });
    QCOMPARE(route(router, makeRequest("GET", QStringLiteral("/v1.0/a+b"))).status, 204);
    QCOMPARE(route(router, makeRequest("GET", QStringLiteral("/v1x0/aab"))).status, 404);
}

QTEST_GUILESS_MAIN(TestHttpRouter)
#include "tst_httprouter.moc"
