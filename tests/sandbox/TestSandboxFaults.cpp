// Fault injection over real loopback sockets: injected statuses, 429 with Retry-After, a connection
// dropped mid-body, latency that does not hold up other requests; and the control surface's own rules.

#include "ControlController.h"
#include "SandboxClient.h"
#include "SandboxServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using confero::sandbox::ControlController;
using confero::sandbox::SandboxOptions;
using confero::sandbox::SandboxServer;
using confero::test::SandboxClient;

namespace {

const QString AppId = u"app-faults"_s;
const QString AppKey = u"key-faults-0123456789"_s;

QJsonObject faultList(const QJsonArray &faults)
{
    return QJsonObject{{u"faults"_s, faults}};
}

} // namespace

class TestSandboxFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void statusFaultHonoursCountAndMatch();
    void rateLimitSendsRetryAfter();
    void dropClosesMidBody();
    void slowSendsTheWholeBodyAtItsPace();
    void latencyDoesNotBlockOtherRequests();
    void latencyEventuallyAnswers();
    void faultsNeverTouchTheControlSurface();
    void deleteClearsAndPostReplaces();
    void badFaultListsAreRefused_data();
    void badFaultListsAreRefused();
    void controlSurfaceAcceptsOnlyLoopbackPeers();
    void controlSurfaceRefusesARemotePeer();

private:
    void setFaults(const QJsonArray &faults);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;
};

void TestSandboxFaults::init()
{
    SandboxOptions options;
    options.appId = AppId;
    options.appKey = AppKey;
    m_server = std::make_unique<SandboxServer>(options);
    QString error;
    QVERIFY2(m_server->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_client = std::make_unique<SandboxClient>(m_server->apiBaseUrl().adjusted(QUrl::RemovePath));
    m_client->setCredentials(AppId, AppKey);
}

void TestSandboxFaults::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void TestSandboxFaults::setFaults(const QJsonArray &faults)
{
    const SandboxClient::Reply reply = m_client->sendJson("POST", u"/sandbox/faults"_s, faultList(faults), false);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body.value(u"faults").toArray().size(), faults.size());
}

void TestSandboxFaults::statusFaultHonoursCountAndMatch()
{
    setFaults({QJsonObject{{u"kind"_s, u"status"_s},
                           {u"status"_s, 503},
                           {u"result"_s, 50000},
                           {u"count"_s, 2},
                           {u"match"_s, u"/rooms"_s}}});
    for (int i = 0; i < 2; ++i) {
        const SandboxClient::Reply reply = m_client->send("GET", i == 0 ? u"/video/v2/rooms"_s : u"/v1/rooms"_s);
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.result(), 50000);
        QVERIFY(!reply.body.value(u"desc").toString().isEmpty());
    }
    const SandboxClient::Reply third = m_client->send("GET", u"/video/v2/rooms"_s);
    QCOMPARE(third.status, 200);
    QCOMPARE(third.result(), 0);

    const QJsonArray active = m_client->send("GET", u"/sandbox/state"_s, {}, false).body.value(u"faults").toArray();
    QCOMPARE(active.at(0).toObject().value(u"count").toInt(), 0);
    QCOMPARE(active.at(0).toObject().value(u"applied").toInt(), 2);

    // A fault whose match does not fit the path leaves the request alone.
    setFaults(
        {QJsonObject{{u"kind"_s, u"status"_s}, {u"status"_s, 500}, {u"count"_s, -1}, {u"match"_s, u"/tokens"_s}}});
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms"_s).status, 200);
}

void TestSandboxFaults::rateLimitSendsRetryAfter()
{
    setFaults({QJsonObject{{u"kind"_s, u"rate_limit"_s}, {u"retry_after_s"_s, 1}, {u"count"_s, 1}}});
    const SandboxClient::Reply limited = m_client->send("GET", u"/video/v2/rooms"_s);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.retryAfter, "1"_ba);
    QVERIFY(limited.result() != 0);
    QVERIFY(!limited.body.value(u"error").toString().isEmpty());
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms"_s).status, 200);
}

void TestSandboxFaults::dropClosesMidBody()
{
    // A room makes the list long enough to be cut.
    const SandboxClient::Reply created =
        m_client->sendJson("POST", u"/video/v2/rooms"_s,
                           {{u"name"_s, u"Room"_s}, {u"owner_ref"_s, u"o"_s}, {u"settings"_s, QJsonObject()}});
    QCOMPARE(created.status, 200);
    setFaults({QJsonObject{{u"kind"_s, u"drop"_s}, {u"after_bytes"_s, 10}, {u"count"_s, 1}}});
    const SandboxClient::Reply dropped = m_client->send("GET", u"/video/v2/rooms"_s);
    QVERIFY(dropped.finished);
    QVERIFY2(dropped.error != QNetworkReply::NoError, dropped.raw.constData());
    QVERIFY(dropped.contentLength > 10);
    QVERIFY(dropped.raw.size() <= 10);
    QVERIFY(QJsonDocument::fromJson(dropped.raw).isNull());

    const SandboxClient::Reply next = m_client->send("GET", u"/video/v2/rooms"_s);
    QCOMPARE(next.status, 200);
    QCOMPARE(next.body.value(u"rooms").toArray().size(), 1);
}

void TestSandboxFaults::slowSendsTheWholeBodyAtItsPace()
{
    for (int i = 0; i < 4; ++i) {
        const SandboxClient::Reply created = m_client->sendJson(
            "POST", u"/video/v2/rooms"_s,
            {{u"name"_s, u"Room %1"_s.arg(i)}, {u"owner_ref"_s, u"o"_s}, {u"settings"_s, QJsonObject()}});
        QCOMPARE(created.status, 200);
    }
    const SandboxClient::Reply quick = m_client->send("GET", u"/video/v2/rooms"_s);
    QCOMPARE(quick.status, 200);
    const qint64 size = quick.raw.size();
    QVERIFY(size > 1000);

    // The whole list at `size` bytes a second: a second's pacing. Only the lower bound is checked (a
    // busy machine can make it slower, never faster): that is the fault working, not a speed goal.
    setFaults({QJsonObject{{u"kind"_s, u"slow"_s}, {u"bytes_per_s"_s, size}, {u"match"_s, u"/rooms"_s}}});
    QElapsedTimer clock;
    clock.start();
    const SandboxClient::Reply slow = m_client->send("GET", u"/video/v2/rooms"_s);
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(slow.status, 200);
    QCOMPARE(slow.body.value(u"rooms").toArray().size(), 4);
    QCOMPARE(slow.raw.size(), size);
    QVERIFY2(elapsed >= 800, qPrintable(u"%1 bytes at %1 B/s took %2 ms"_s.arg(size).arg(elapsed)));
    QCOMPARE(m_client->send("GET", u"/sandbox/state"_s)
                 .body.value(u"faults")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"applied"_s)
                 .toInt(),
             1);
}

void TestSandboxFaults::latencyDoesNotBlockOtherRequests()
{
    // The delayed request would take a minute: the point is only that the other one is answered
    // while it waits, so no timing is measured.
    setFaults({QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 60000}, {u"count"_s, -1}, {u"match"_s, u"/users"_s}}});
    const SandboxClient::Reply created =
        m_client->sendJson("POST", u"/video/v2/rooms"_s,
                           {{u"name"_s, u"Room"_s}, {u"owner_ref"_s, u"o"_s}, {u"settings"_s, QJsonObject()}});
    QCOMPARE(created.status, 200);
    const QString roomId = created.body.value(u"room").toObject().value(u"room_id").toString();

    QNetworkReply *slow = m_client->start("GET", u"/video/v2/rooms/"_s + roomId + u"/users"_s);
    QSignalSpy slowFinished(slow, &QNetworkReply::finished);
    const SandboxClient::Reply quick = m_client->send("GET", u"/video/v2/rooms/"_s + roomId);
    QCOMPARE(quick.status, 200);
    QVERIFY(!slow->isFinished());
    QCOMPARE(slowFinished.count(), 0);
    slow->abort();
    slow->deleteLater();
}

void TestSandboxFaults::latencyEventuallyAnswers()
{
    setFaults({QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 300}, {u"count"_s, 1}}});
    const SandboxClient::Reply reply = m_client->send("GET", u"/video/v2/rooms"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.result(), 0);
    const QJsonArray active = m_client->send("GET", u"/sandbox/state"_s, {}, false).body.value(u"faults").toArray();
    QCOMPARE(active.at(0).toObject().value(u"applied").toInt(), 1);
}

void TestSandboxFaults::faultsNeverTouchTheControlSurface()
{
    setFaults({QJsonObject{{u"kind"_s, u"status"_s}, {u"status"_s, 503}, {u"count"_s, -1}}});
    QCOMPARE(m_client->send("GET", u"/sandbox/state"_s, {}, false).status, 200);
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms"_s).status, 503);
    QCOMPARE(m_client->send("DELETE", u"/sandbox/faults"_s, {}, false).status, 200);
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms"_s).status, 200);
}

void TestSandboxFaults::deleteClearsAndPostReplaces()
{
    setFaults({QJsonObject{{u"kind"_s, u"status"_s}, {u"status"_s, 500}, {u"count"_s, -1}},
               QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 10}, {u"count"_s, -1}}});
    setFaults({QJsonObject{{u"kind"_s, u"rate_limit"_s}, {u"retry_after_s"_s, 2}, {u"count"_s, 1}}});
    QJsonArray active = m_client->send("GET", u"/sandbox/state"_s, {}, false).body.value(u"faults").toArray();
    QCOMPARE(active.size(), 1);
    QCOMPARE(active.at(0).toObject().value(u"kind").toString(), u"rate_limit"_s);
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms"_s).retryAfter, "2"_ba);

    const SandboxClient::Reply cleared = m_client->send("DELETE", u"/sandbox/faults"_s, {}, false);
    QCOMPARE(cleared.status, 200);
    active = m_client->send("GET", u"/sandbox/state"_s, {}, false).body.value(u"faults").toArray();
    QCOMPARE(active.size(), 0);
}

void TestSandboxFaults::badFaultListsAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << "{faults"_ba;
    QTest::newRow("no faults array") << "{\"faults\": 3}"_ba;
    QTest::newRow("unknown kind") << "{\"faults\":[{\"kind\":\"explode\"}]}"_ba;
    QTest::newRow("status out of range") << "{\"faults\":[{\"kind\":\"status\",\"status\":700}]}"_ba;
    QTest::newRow("count zero") << "{\"faults\":[{\"kind\":\"status\",\"count\":0}]}"_ba;
    QTest::newRow("latency without ms") << "{\"faults\":[{\"kind\":\"latency\"}]}"_ba;
    QTest::newRow("match not a string") << "{\"faults\":[{\"kind\":\"drop\",\"match\":5}]}"_ba;
    QTest::newRow("entry not an object") << "{\"faults\":[\"status\"]}"_ba;
}

void TestSandboxFaults::badFaultListsAreRefused()
{
    QFETCH(QByteArray, body);
    setFaults({QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 1}, {u"count"_s, -1}}});
    const SandboxClient::Reply reply = m_client->send("POST", u"/sandbox/faults"_s, body, false);
    QCOMPARE(reply.status, 400);
    QVERIFY(!reply.body.value(u"desc").toString().isEmpty());
    // The previous list stays.
    QCOMPARE(m_client->send("GET", u"/sandbox/state"_s, {}, false).body.value(u"faults").toArray().size(), 1);
}

void TestSandboxFaults::controlSurfaceAcceptsOnlyLoopbackPeers()
{
    QVERIFY(ControlController::acceptsPeer(QHostAddress(u"127.0.0.1"_s)));
    QVERIFY(ControlController::acceptsPeer(QHostAddress(u"127.8.9.10"_s)));
    QVERIFY(ControlController::acceptsPeer(QHostAddress(u"::1"_s)));
    QVERIFY(ControlController::acceptsPeer(QHostAddress(u"::ffff:127.0.0.1"_s)));
    QVERIFY(!ControlController::acceptsPeer(QHostAddress(u"192.0.2.7"_s)));
    QVERIFY(!ControlController::acceptsPeer(QHostAddress(u"2001:db8::1"_s)));
    QVERIFY(!ControlController::acceptsPeer(QHostAddress(u"::ffff:192.0.2.7"_s)));
    QVERIFY(!ControlController::acceptsPeer(QHostAddress()));
}

void TestSandboxFaults::controlSurfaceRefusesARemotePeer()
{
    // Needs a non-loopback address on this machine to connect from; a bare container may have none.
    QHostAddress external;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback()) {
            external = address;
            break;
        }
    }
    if (external.isNull())
        QSKIP("SKIPPED: no non-loopback IPv4 address on this machine to reach the sandbox from");
    SandboxOptions options;
    options.appId = AppId;
    options.appKey = AppKey;
    SandboxServer server(options);
    QString error;
    QVERIFY2(server.start(external, 0, &error), qPrintable(error));
    QUrl origin;
    origin.setScheme(u"http"_s);
    origin.setHost(external.toString());
    origin.setPort(server.port());
    SandboxClient client(origin);
    client.setCredentials(AppId, AppKey);
    const SandboxClient::Reply refused = client.send("POST", u"/sandbox/reset"_s, "{}", false);
    QCOMPARE(refused.status, 403);
    QVERIFY(refused.result() != 0);
    // The platform routes still answer there.
    QCOMPARE(client.send("GET", u"/video/v2/rooms"_s).status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "TestSandboxFaults.moc"
