// What the relay's ingress accepts as a webhook: the four examples of video-api.md section 9.2, and
// the refusals with their status codes.
#include "WebhookCheck.h"

#include <QTest>

using confero::relay::WebhookCheck;
using namespace Qt::StringLiterals;

class TestWebhookCheck final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void platformExamplesAreAccepted_data();
    void platformExamplesAreAccepted();
    void refusals_data();
    void refusals();
    void bodyAtTheLimitIsAcceptedAndOneByteMoreIsNot();
};

void TestWebhookCheck::platformExamplesAreAccepted_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::newRow("roomdrop") << QByteArray(
        R"({"type":"roomdrop","trans_date":1736503270,"app_id":"64f0c0ffee0000000000a11d","room_id":"65a0e1f2c3d4e5f6a7b8c9d0","conf_num":"913"})")
                              << u"roomdrop"_s;
    QTest::newRow("recording") << QByteArray(
        R"({"type":"recording","trans_date":1736503600,"app_id":"64f0c0ffee0000000000a11d","room_id":"65a0e1f2","conf_num":"913","recording":["https://portal.enablex.io/rec/u1.mkv","https://portal.enablex.io/rec/u2.mkv"]})")
                               << u"recording"_s;
    QTest::newRow("transcoded") << QByteArray(
        R"({"type":"transcoded","trans_date":1736504200,"app_id":"64f0c0ffee0000000000a11d","room_id":"65a0e1f2","conf_num":"913","recording":"https://portal.enablex.io/rec/out.mp4","stage":"1","file_size":"10485760"})")
                                << u"transcoded"_s;
    QTest::newRow("file-transfer") << QByteArray(
        R"({"type":"file-transfer","trans_date":1736504500,"app_id":"64f0c0ffee0000000000a11d","room_id":"65a0e1f2","conf_num":"913","destination":{"name":"awss3","host":"","account":"my-bucket"},"files":[{"url":"https://my-bucket.s3.amazonaws.com/65a0e1f2/913/out.mp4"}]})")
                                   << u"file-transfer"_s;
    QTest::newRow("an event type nobody documented yet")
        << QByteArray("{\"type\":\"participant-join\",\"x\":1}") << u"participant-join"_s;
    QTest::newRow("spaces and a byte-order-free UTF-8 name")
        << QByteArray("\n  {\"type\" : \"roomdrop\", \"name\":\"r\xc3\xa9union\"}\n") << u"roomdrop"_s;
}

void TestWebhookCheck::platformExamplesAreAccepted()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    const WebhookCheck::Result result = WebhookCheck::check(body);
    QVERIFY2(result.accepted(), qPrintable(result.error));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.type, type);
}

void TestWebhookCheck::refusals_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("words");
    QTest::newRow("empty") << QByteArray() << 400 << u"empty"_s;
    QTest::newRow("only spaces") << QByteArray(" \r\n") << 400 << u"empty"_s;
    QTest::newRow("malformed JSON") << QByteArray(R"({"type":"roomdrop",)") << 400 << u"not JSON"_s;
    QTest::newRow("trailing garbage") << QByteArray(R"({"type":"roomdrop"} x)") << 400 << u"not JSON"_s;
    QTest::newRow("array") << QByteArray(R"([{"type":"roomdrop"}])") << 400 << u"not a JSON object"_s;
    // Qt's reader refuses a top-level scalar as "not JSON"; either way it is refused with words.
    QTest::newRow("string") << QByteArray(R"("roomdrop")") << 400 << u"not"_s;
    QTest::newRow("no type") << QByteArray(R"({"app_id":"a"})") << 400 << u"\"type\""_s;
    QTest::newRow("type a number") << QByteArray(R"({"type":7})") << 400 << u"\"type\""_s;
    QTest::newRow("type empty") << QByteArray(R"({"type":"  "})") << 400 << u"\"type\""_s;
    QTest::newRow("type too long") << QByteArray("{\"type\":\"" + QByteArray(129, 't') + "\"}") << 400 << u"longer"_s;
    QTest::newRow("Latin-1 byte") << QByteArray("{\"type\":\"r\xe9union\"}") << 400 << u"UTF-8"_s;
    QTest::newRow("UTF-8 of a surrogate") << QByteArray("{\"type\":\"\xed\xa0\x80\"}") << 400 << u"UTF-8"_s;
    QTest::newRow("2 MiB") << QByteArray(2 * 1024 * 1024, ' ') << 413 << u"1 MiB"_s;
}

void TestWebhookCheck::refusals()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, words);
    const WebhookCheck::Result result = WebhookCheck::check(body);
    QVERIFY(!result.accepted());
    QCOMPARE(result.status, status);
    QVERIFY2(result.error.contains(words), qPrintable(result.error));
    QVERIFY(result.type.isEmpty());
}

void TestWebhookCheck::bodyAtTheLimitIsAcceptedAndOneByteMoreIsNot()
{
    const QByteArray head = "{\"type\":\"roomdrop\",\"pad\":\"";
    const QByteArray tail = "\"}";
    QByteArray body = head + QByteArray(WebhookCheck::MaxBodyBytes - head.size() - tail.size(), 'p') + tail;
    QCOMPARE(body.size(), WebhookCheck::MaxBodyBytes);
    QVERIFY(WebhookCheck::check(body).accepted());
    body.insert(head.size(), 'p');
    QCOMPARE(WebhookCheck::check(body).status, 413);
}

QTEST_GUILESS_MAIN(TestWebhookCheck)
#include "tst_webhookcheck.moc"
