#include "HttpRequestParser.h"

#include <QRandomGenerator>
#include <QTest>

using confero::http::HttpRequest;
using confero::http::HttpRequestParser;

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesSimpleGet();
    void parsesPostWithBodyAtEverySplitPoint();
    void parsesByteByByte();
    void parsesPipelinedRequests();
    void stepInterfaceStopsAtEachRequest();
    void parsesChunkedBodyWithExtensionsAndTrailers();
    void parsesChunkedBodyAtEverySplitPoint();
    void refusesBadFraming_data();
    void refusesBadFraming();
    void staysFailedAfterAnError();
    void refusesOversizedHeadBeforeItEnds();
    void acceptsHeadAtTheLimit();
    void refusesDeclaredBodyOverLimitWithoutReadingIt();
    void refusesChunkedBodyOverLimit();
    void reportsExpectContinue();
    void decodesPath_data();
    void decodesPath();
    void acceptsAbsoluteFormAndAsterisk();
    void ignoresLeadingEmptyLines();
    void derivesKeepAlive_data();
    void derivesKeepAlive();
    void detectsWebSocketUpgrade();
    void randomSplitsGiveTheSameRequests();
    void survivesMutatedInput();
};

namespace {

const QByteArray kPost = "POST /video/v2/rooms?limit=5&name=a%20b HTTP/1.1\r\n"
                         "Host: example.test\r\n"
                         "Content-Type: application/json\r\n"
                         "Content-Length: 13\r\n"
                         "X-Custom:   padded value  \r\n"
                         "\r\n"
                         "{\"name\":\"x\"}\n";

const QByteArray kChunked = "POST /upload HTTP/1.1\r\n"
                            "Host: example.test\r\n"
                            "Transfer-Encoding: chunked\r\n"
                            "\r\n"
                            "5;name=value\r\nhello\r\n"
                            "1 ; quoted=\"x\"\r\n,\r\n"
                            "6\r\n world\r\n"
                            "0\r\n"
                            "Checksum: abc\r\n"
                            "X-Trailer: 2\r\n"
                            "\r\n";

void verifyPost(const HttpRequest &request)
{
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/video/v2/rooms?limit=5&name=a%20b"));
    QCOMPARE(request.path, QStringLiteral("/video/v2/rooms"));
    QCOMPARE(request.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("5"));
    QCOMPARE(request.query.queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded), QStringLiteral("a b"));
    QCOMPARE(request.versionMinor, 1);
    QCOMPARE(request.header("content-type"), QByteArray("application/json"));
    QCOMPARE(request.header("X-CUSTOM"), QByteArray("padded value"));
    QCOMPARE(request.body, QByteArray("{\"name\":\"x\"}\n"));
    QVERIFY(request.keepAlive());
}

} // namespace

void TestHttpRequestParser::parsesSimpleGet()
{
    HttpRequestParser parser;
    parser.feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    QVERIFY(!parser.hasError());
    QVERIFY(parser.hasRequest());
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QStringLiteral("/"));
    QVERIFY(request.body.isEmpty());
    QVERIFY(request.hasHeader("host"));
    QVERIFY(!request.hasHeader("Content-Length"));
    QVERIFY(request.header("missing").isNull());
    QVERIFY(parser.isIdle());
    QVERIFY(!parser.hasRequest());
}

void TestHttpRequestParser::parsesPostWithBodyAtEverySplitPoint()
{
    for (qsizetype split = 0; split <= kPost.size(); ++split) {
        HttpRequestParser parser;
        parser.feed(QByteArrayView(kPost).first(split));
        QVERIFY2(!parser.hasRequest() || split == kPost.size(), qPrintable(QString::number(split)));
        parser.feed(QByteArrayView(kPost).sliced(split));
        QVERIFY2(!parser.hasError(), qPrintable(parser.errorReason()));
        QCOMPARE(parser.readyCount(), 1);
        verifyPost(parser.takeRequest());
    }
}

void TestHttpRequestParser::parsesByteByByte()
{
    HttpRequestParser parser;
    const QByteArray twoRequests = kPost + kPost;
    for (char c : twoRequests)
        parser.feed(QByteArrayView(&c, 1));
    QCOMPARE(parser.readyCount(), 2);
    verifyPost(parser.takeRequest());
    verifyPost(parser.takeRequest());
}

void TestHttpRequestParser::parsesPipelinedRequests()
{
    HttpRequestParser parser;
    parser.feed(QByteArray("GET /one HTTP/1.1\r\nHost: a\r\n\r\n" + kPost
                           + "DELETE /three HTTP/1.1\r\nHost: a\r\n\r\nGET /fo"));
    QCOMPARE(parser.readyCount(), 3);
    QCOMPARE(parser.takeRequest().path, QStringLiteral("/one"));
    verifyPost(parser.takeRequest());
    const HttpRequest third = parser.takeRequest();
    QCOMPARE(third.method, QByteArray("DELETE"));
    QCOMPARE(third.path, QStringLiteral("/three"));
    QVERIFY(parser.isReadingHead());
    parser.feed("ur HTTP/1.1\r\nHost: a\r\n\r\n");
    QCOMPARE(parser.takeRequest().path, QStringLiteral("/four"));
}

void TestHttpRequestParser::stepInterfaceStopsAtEachRequest()
{
    const QByteArray first = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n";
    const QByteArray second = "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz";
    const QByteArray all = first + second;
    HttpRequestParser parser;

    auto step = parser.parse(all);
    QCOMPARE(step.event, HttpRequestParser::Event::HeadersComplete);
    QCOMPARE(step.consumed, first.size());
    step = parser.parse(QByteArrayView(all).sliced(first.size()));
    QCOMPARE(step.event, HttpRequestParser::Event::RequestComplete);
    QCOMPARE(step.consumed, 0);
    QCOMPARE(parser.takeRequest().path, QStringLiteral("/a"));

    step = parser.parse(QByteArrayView(all).sliced(first.size()));
    QCOMPARE(step.event, HttpRequestParser::Event::HeadersComplete);
    QCOMPARE(step.consumed, second.size() - 3);
    QVERIFY(parser.isReadingBody());
    QCOMPARE(parser.currentRequest().path, QStringLiteral("/b"));
    step = parser.parse("xyzGET");
    QCOMPARE(step.event, HttpRequestParser::Event::RequestComplete);
    QCOMPARE(step.consumed, 3);
    QCOMPARE(parser.takeRequest().body, QByteArray("xyz"));
    QVERIFY(parser.isIdle());
}

void TestHttpRequestParser::parsesChunkedBodyWithExtensionsAndTrailers()
{
    HttpRequestParser parser;
    parser.feed(kChunked);
    QVERIFY2(!parser.hasError(), qPrintable(parser.errorReason()));
    QCOMPARE(parser.readyCount(), 1);
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.body, QByteArray("hello, world"));
    QCOMPARE(request.trailers.size(), 2);
    QCOMPARE(request.trailers.at(0).first, QByteArray("Checksum"));
    QCOMPARE(request.trailers.at(0).second, QByteArray("abc"));
    // Trailers never become headers.
    QVERIFY(!request.hasHeader("Checksum"));
}

void TestHttpRequestParser::parsesChunkedBodyAtEverySplitPoint()
{
    for (qsizetype split = 0; split <= kChunked.size(); ++split) {
        HttpRequestParser parser;
        parser.feed(QByteArrayView(kChunked).first(split));
        parser.feed(QByteArrayView(kChunked).sliced(split));
        QVERIFY2(!parser.hasError(), qPrintable(parser.errorReason()));
        QCOMPARE(parser.readyCount(), 1);
        QCOMPARE(parser.takeRequest().body, QByteArray("hello, world"));
    }
}

void TestHttpRequestParser::refusesBadFraming_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");

    const QByteArray host = "Host: a\r\n";
    QTest::newRow("content-length and transfer-encoding")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("differing content-length")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 3\r\nContent-Length: 4\r\n\r\n") << 400;
    QTest::newRow("differing content-length in a list")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 3, 4\r\n\r\n") << 400;
    QTest::newRow("negative content-length")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n") << 400;
    QTest::newRow("non-numeric content-length")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 1x\r\n\r\n") << 400;
    QTest::newRow("plus-signed content-length")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: +3\r\n\r\n") << 400;
    QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\n" + host
                                                  + "Transfer-Encoding: chunked\r\n\r\nzz\r\n")
                                    << 400;
    QTest::newRow("chunk size with leading space")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n") << 400;
    QTest::newRow("chunk data without CRLF")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n") << 400;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: one\r\n two\r\n\r\n") << 400;
    QTest::newRow("missing host on 1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << 400;
    QTest::newRow("bare LF in a header") << QByteArray("GET / HTTP/1.1\r\nHost: a\n\r\n") << 400;
    QTest::newRow("CR inside a value") << QByteArray("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\n" + host + "Nonsense\r\n\r\n") << 400;
    QTest::newRow("invalid method") << QByteArray("G(T / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("target without slash") << QByteArray("GET rooms HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("target with fragment") << QByteArray("GET /a#b HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("target with control byte") << QByteArray("GET /a\x01 HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("asterisk outside OPTIONS") << QByteArray("GET * HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("garbage version") << QByteArray("GET / HTTX/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::newRow("http/1.2") << QByteArray("GET / HTTP/1.2\r\n" + host + "\r\n") << 505;
    QTest::newRow("gzip transfer coding")
        << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n") << 501;
    QTest::newRow("chunked not last") << QByteArray("POST / HTTP/1.1\r\n" + host
                                                    + "Transfer-Encoding: chunked, gzip\r\n\r\n")
                                      << 400;
    QTest::newRow("transfer-encoding on 1.0")
        << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
    QTest::newRow("unknown expectation") << QByteArray("POST / HTTP/1.1\r\n" + host
                                                       + "Expect: 200-ok\r\nContent-Length: 1\r\n\r\n")
                                         << 417;
    QTest::newRow("encoded NUL in path") << QByteArray("GET /a%00b HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("invalid UTF-8 in path") << QByteArray("GET /a%FFb HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("overlong UTF-8 in path") << QByteArray("GET /%C0%AF HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("malformed escape") << QByteArray("GET /a%G1 HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("truncated escape") << QByteArray("GET /a%4 HTTP/1.1\r\n" + host + "\r\n") << 400;
}

void TestHttpRequestParser::refusesBadFraming()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    HttpRequestParser parser;
    parser.feed(raw);
    QVERIFY(parser.hasError());
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorReason().isEmpty());
    QVERIFY(!parser.hasRequest());
}

void TestHttpRequestParser::staysFailedAfterAnError()
{
    HttpRequestParser parser;
    parser.feed("GET / HTTP/1.1\r\n\r\n");
    QVERIFY(parser.hasError());
    parser.feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    QVERIFY(parser.hasError());
    QVERIFY(!parser.hasRequest());
    QCOMPARE(parser.parse("GET / HTTP/1.1\r\nHost: a\r\n\r\n").event, HttpRequestParser::Event::Error);
}

void TestHttpRequestParser::refusesOversizedHeadBeforeItEnds()
{
    HttpRequestParser parser(1024, 1024);
    parser.feed("GET / HTTP/1.1\r\nHost: a\r\nX-Big: ");
    QVERIFY(!parser.hasError());
    // No end of line in sight: the parser must refuse once the limit is passed, not wait for it.
    parser.feed(QByteArray(2000, 'a'));
    QVERIFY(parser.hasError());
    QCOMPARE(parser.errorStatus(), 431);

    HttpRequestParser manyHeaders(1024, 1024);
    QByteArray raw = "GET / HTTP/1.1\r\nHost: a\r\n";
    for (int i = 0; i < 200; ++i)
        raw += "X-H" + QByteArray::number(i) + ": v\r\n";
    manyHeaders.feed(raw);
    QCOMPARE(manyHeaders.errorStatus(), 431);
}

void TestHttpRequestParser::acceptsHeadAtTheLimit()
{
    const QByteArray start = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";
    const QByteArray end = "\r\n\r\n";
    const qsizetype limit = 512;
    const QByteArray exact = start + QByteArray(limit - start.size() - end.size(), 'p') + end;
    QCOMPARE(exact.size(), limit);

    HttpRequestParser parser(limit, 1024);
    parser.feed(exact);
    QVERIFY2(!parser.hasError(), qPrintable(parser.errorReason()));
    QVERIFY(parser.hasRequest());

    HttpRequestParser over(limit, 1024);
    over.feed(QByteArray(start + QByteArray(limit - start.size() - end.size() + 1, 'p') + end));
    QCOMPARE(over.errorStatus(), 431);
}

void TestHttpRequestParser::refusesDeclaredBodyOverLimitWithoutReadingIt()
{
    const QByteArray head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000\r\n\r\n";
    HttpRequestParser parser(1024, 1000);
    const auto step = parser.parse(QByteArray(head + QByteArray(2000, 'b')));
    QCOMPARE(step.event, HttpRequestParser::Event::Error);
    QCOMPARE(parser.errorStatus(), 413);
    QCOMPARE(step.consumed, head.size()); // refused at the end of the head, no body byte read

    HttpRequestParser atLimit(1024, 1000);
    atLimit.feed(QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n" + QByteArray(1000, 'b')));
    QVERIFY(atLimit.hasRequest());

    HttpRequestParser huge(1024, 1000);
    huge.feed("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n");
    QVERIFY(huge.hasError());
}

void TestHttpRequestParser::refusesChunkedBodyOverLimit()
{
    HttpRequestParser parser(1024, 100);
    const QByteArray head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    parser.feed(QByteArray(head + "40\r\n" + QByteArray(64, 'x') + "\r\n"));
    QVERIFY(!parser.hasError());
    const auto step = parser.parse(QByteArray("40\r\n" + QByteArray(64, 'x')));
    QCOMPARE(step.event, HttpRequestParser::Event::Error);
    QCOMPARE(parser.errorStatus(), 413);
    QCOMPARE(step.consumed, 4); // the size line only: the chunk itself is never buffered

    HttpRequestParser hugeChunk(1024, 100);
    hugeChunk.feed(QByteArray(head + "fffffffffffffff\r\n"));
    QCOMPARE(hugeChunk.errorStatus(), 413);
    HttpRequestParser overflow(1024, 100);
    overflow.feed(QByteArray(head + "ffffffffffffffffffff\r\n"));
    QCOMPARE(overflow.errorStatus(), 400);
}

void TestHttpRequestParser::reportsExpectContinue()
{
    HttpRequestParser parser;
    const QByteArray head = "PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 4\r\n\r\n";
    auto step = parser.parse(head);
    QCOMPARE(step.event, HttpRequestParser::Event::HeadersComplete);
    QVERIFY(parser.expectsContinue());
    step = parser.parse("data");
    QCOMPARE(step.event, HttpRequestParser::Event::RequestComplete);
    QVERIFY(!parser.expectsContinue());
    QCOMPARE(parser.takeRequest().body, QByteArray("data"));

    HttpRequestParser old;
    QCOMPARE(old.parse("PUT /f HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n").event,
             HttpRequestParser::Event::HeadersComplete);
    QVERIFY(!old.expectsContinue()); // HTTP/1.0 clients do not understand interim responses

    HttpRequestParser noBody;
    QCOMPARE(noBody.parse("GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n").event,
             HttpRequestParser::Event::HeadersComplete);
    QVERIFY(!noBody.expectsContinue());
}

void TestHttpRequestParser::decodesPath_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("path");
    QTest::newRow("plain") << QByteArray("/video/v2/rooms") << QStringLiteral("/video/v2/rooms");
    QTest::newRow("space") << QByteArray("/a%20b") << QStringLiteral("/a b");
    QTest::newRow("utf-8") << QByteArray("/caf%C3%A9") << QStringLiteral("/caf\u00e9");
    QTest::newRow("raw utf-8 is not allowed, encoded is") << QByteArray("/%E2%9C%93") << QStringLiteral("/\u2713");
    QTest::newRow("encoded slash") << QByteArray("/a%2Fb") << QStringLiteral("/a/b");
    QTest::newRow("lowercase hex") << QByteArray("/%c3%a9") << QStringLiteral("/\u00e9");
    QTest::newRow("query kept apart") << QByteArray("/x%3F?y=%3F") << QStringLiteral("/x?");
}

void TestHttpRequestParser::decodesPath()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, path);
    HttpRequestParser parser;
    parser.feed(QByteArray("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n"));
    QVERIFY2(!parser.hasError(), qPrintable(parser.errorReason()));
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.path, path);
    QCOMPARE(request.target, target);
}

void TestHttpRequestParser::acceptsAbsoluteFormAndAsterisk()
{
    HttpRequestParser parser;
    parser.feed("GET http://example.test:8080/rooms?x=1 HTTP/1.1\r\nHost: example.test\r\n\r\n"
                "GET HTTP://example.test HTTP/1.1\r\nHost: example.test\r\n\r\n"
                "OPTIONS * HTTP/1.1\r\nHost: example.test\r\n\r\n");
    QVERIFY2(!parser.hasError(), qPrintable(parser.errorReason()));
    QCOMPARE(parser.readyCount(), 3);
    const HttpRequest first = parser.takeRequest();
    QCOMPARE(first.path, QStringLiteral("/rooms"));
    QCOMPARE(first.query.queryItemValue(QStringLiteral("x")), QStringLiteral("1"));
    QCOMPARE(parser.takeRequest().path, QStringLiteral("/"));
    QCOMPARE(parser.takeRequest().path, QStringLiteral("*"));
}

void TestHttpRequestParser::ignoresLeadingEmptyLines()
{
    HttpRequestParser parser;
    parser.feed("\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n");
    QVERIFY2(!parser.hasError(), qPrintable(parser.errorReason()));
    QCOMPARE(parser.takeRequest().path, QStringLiteral("/x"));
}

void TestHttpRequestParser::derivesKeepAlive_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n") << false;
    QTest::newRow("1.1 close in a list") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nConnection: x-foo, close\r\n\r\n")
                                         << false;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true;
}

void TestHttpRequestParser::derivesKeepAlive()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, keepAlive);
    HttpRequestParser parser;
    parser.feed(raw);
    QVERIFY2(parser.hasRequest(), qPrintable(parser.errorReason()));
    QCOMPARE(parser.takeRequest().keepAlive(), keepAlive);
}

void TestHttpRequestParser::detectsWebSocketUpgrade()
{
    HttpRequestParser parser;
    parser.feed("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                "GET /plain HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n");
    QCOMPARE(parser.readyCount(), 2);
    QVERIFY(parser.takeRequest().isWebSocketUpgrade());
    QVERIFY(!parser.takeRequest().isWebSocketUpgrade());
}

void TestHttpRequestParser::randomSplitsGiveTheSameRequests()
{
    const QByteArray stream = kPost + kChunked + "GET /x HTTP/1.0\r\n\r\n" + kPost;
    QRandomGenerator random(7);
    for (int round = 0; round < 300; ++round) {
        HttpRequestParser parser;
        qsizetype pos = 0;
        while (pos < stream.size()) {
            const qsizetype piece = qMin<qsizetype>(stream.size() - pos, random.bounded(1, 40));
            parser.feed(QByteArrayView(stream).sliced(pos, piece));
            pos += piece;
        }
        QVERIFY2(!parser.hasError(), qPrintable(parser.errorReason()));
        QCOMPARE(parser.readyCount(), 4);
        verifyPost(parser.takeRequest());
        QCOMPARE(parser.takeRequest().body, QByteArray("hello, world"));
        QCOMPARE(parser.takeRequest().versionMinor, 0);
        verifyPost(parser.takeRequest());
    }
}

void TestHttpRequestParser::survivesMutatedInput()
{
    // A small in-process fuzz: flipped, inserted and deleted bytes must end in either requests or
    // one of the documented refusals, never in a crash, a hang or an undocumented status.
    const QByteArray stream = kPost + kChunked;
    const QList<int> documented = {400, 413, 417, 431, 501, 505};
    QRandomGenerator random(11);
    for (int round = 0; round < 3000; ++round) {
        QByteArray mutated = stream;
        const int edits = random.bounded(1, 4);
        for (int e = 0; e < edits; ++e) {
            const qsizetype at = random.bounded(mutated.size());
            switch (random.bounded(3)) {
            case 0:
                mutated[at] = char(random.bounded(256));
                break;
            case 1:
                mutated.insert(at, char(random.bounded(256)));
                break;
            default:
                mutated.remove(at, 1);
                break;
            }
        }
        HttpRequestParser parser(512, 4096);
        parser.feed(mutated);
        if (parser.hasError())
            QVERIFY2(documented.contains(parser.errorStatus()), qPrintable(QString::number(parser.errorStatus())));
        QVERIFY(parser.readyCount() <= 3);
        while (parser.hasRequest()) {
            const HttpRequest request = parser.takeRequest();
            QVERIFY(!request.method.isEmpty());
            QVERIFY(request.path.startsWith(QLatin1Char('/')) || request.path == QLatin1String("*"));
            QVERIFY(request.body.size() <= 4096);
        }
    }
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
