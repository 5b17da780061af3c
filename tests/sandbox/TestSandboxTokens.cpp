// Tokens over real loopback sockets: format, validation, single use, expiry on the sandbox clock,
// capacity and scheduled windows, and the live users they create.

#include "SandboxClient.h"
#include "SandboxServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using confero::sandbox::SandboxOptions;
using confero::sandbox::SandboxServer;
using confero::test::SandboxClient;

namespace {

const QString AppId = u"app-tokens"_s;
const QString AppKey = u"key-tokens-0123456789"_s;

QJsonObject roomWith(const QJsonObject &settings)
{
    return QJsonObject{{u"name"_s, u"Token room"_s}, {u"owner_ref"_s, u"owner"_s}, {u"settings"_s, settings}};
}

} // namespace

class TestSandboxTokens final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void tokenIsSignedBase64Json();
    void tokenRequestsAreValidated_data();
    void tokenRequestsAreValidated();
    void tokenIsSingleUse();
    void tokenExpiresOnTheSandboxClock();
    void longExpiredTokensAreForgotten();
    void forgedTokenIsRefused();
    void roomCapacityIsEnforcedOnConsume();
    void scheduledRoomWindow();
    void adhocRoomIsUsedUpAfterItsSession();
    void adhocRoomWithDurationEndsAfterIt();
    void leaveOfSomeoneAbsentIs404();
    void resetForgetsEverything();

private:
    QString createRoom(const QJsonObject &settings);
    SandboxClient::Reply issue(const QString &roomId, const QString &role, const QString &userRef);
    SandboxClient::Reply consume(const QString &token);
    void setClock(qint64 offsetSeconds);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;
};

void TestSandboxTokens::init()
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

void TestSandboxTokens::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QString TestSandboxTokens::createRoom(const QJsonObject &settings)
{
    const SandboxClient::Reply reply = m_client->sendJson("POST", u"/video/v2/rooms"_s, roomWith(settings));
    if (reply.status != 200)
        qWarning() << "room refused" << reply.raw;
    return reply.body.value(u"room").toObject().value(u"room_id").toString();
}

SandboxClient::Reply TestSandboxTokens::issue(const QString &roomId, const QString &role, const QString &userRef)
{
    return m_client->sendJson(
        "POST", u"/video/v2/rooms/"_s + roomId + u"/tokens"_s,
        {{u"name"_s, QString(u"User "_s + userRef)}, {u"role"_s, role}, {u"user_ref"_s, userRef}});
}

SandboxClient::Reply TestSandboxTokens::consume(const QString &token)
{
    return m_client->sendJson("POST", u"/sandbox/tokens/consume"_s, {{u"token"_s, token}}, false);
}

void TestSandboxTokens::setClock(qint64 offsetSeconds)
{
    const SandboxClient::Reply reply =
        m_client->sendJson("POST", u"/sandbox/clock"_s, {{u"offset_s"_s, offsetSeconds}}, false);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body.value(u"offset_s").toInteger(), offsetSeconds);
}

void TestSandboxTokens::tokenIsSignedBase64Json()
{
    const QString roomId = createRoom({{u"mode"_s, u"lecture"_s}, {u"moderators"_s, u"2"_s}});
    const SandboxClient::Reply reply = m_client->sendJson("POST", u"/v1/rooms/"_s + roomId + u"/tokens"_s,
                                                          {{u"name"_s, u"Alice"_s},
                                                           {u"role"_s, u"participant"_s},
                                                           {u"user_ref"_s, u"u-1"_s},
                                                           {u"data"_s, QJsonObject{{u"team"_s, u"blue"_s}}}});
    QCOMPARE(reply.status, 200);
    const QByteArray token = reply.body.value(u"token").toString().toLatin1();
    QVERIFY(!token.contains('.')); // not a JWT
    const QByteArray::FromBase64Result decoded =
        QByteArray::fromBase64Encoding(token, QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(decoded);
    const QJsonObject payload = QJsonDocument::fromJson(*decoded).object();
    QVERIFY(QRegularExpression(u"^[0-9a-f]{24}$"_s).match(payload.value(u"tokenId").toString()).hasMatch());
    const QJsonObject roomMeta = payload.value(u"roomMeta").toObject();
    QCOMPARE(roomMeta.value(u"_id").toString(), roomId);
    QCOMPARE(roomMeta.value(u"name").toString(), u"Token room"_s);
    QVERIFY(QRegularExpression(u"^[0-9a-f]{24}$"_s).match(roomMeta.value(u"service_id").toString()).hasMatch());
    QCOMPARE(roomMeta.value(u"settings").toObject().value(u"moderators").toString(), u"2"_s);
    QCOMPARE(roomMeta.value(u"settings").toObject().value(u"media_zone").toString(), u"XX"_s);
    QCOMPARE(payload.value(u"host").toString(), u"127.0.0.1:%1"_s.arg(m_server->port()));
    QCOMPARE(payload.value(u"secure").toBool(), false);
    QCOMPARE(payload.value(u"logId").toString().size(), 6);
    QCOMPARE(payload.value(u"currentRoomMode").toString(), u"lecture"_s);
    QCOMPARE(payload.value(u"gateway").toString(), QString());
    QCOMPARE(payload.value(u"data").toObject().value(u"team").toString(), u"blue"_s);
    QVERIFY(payload.value(u"eventServer").toObject().contains(u"url"));
    const QByteArray signature = payload.value(u"signature").toString().toLatin1();
    QCOMPARE(QByteArray::fromBase64(signature).size(), 32); // HMAC-SHA256
}

void TestSandboxTokens::tokenRequestsAreValidated_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("result");
    QTest::newRow("10101 name missing") << QJsonObject{{u"role"_s, u"participant"_s}, {u"user_ref"_s, u"u"_s}} << 10101;
    QTest::newRow("10101 name empty") << QJsonObject{{u"name"_s, u" "_s},
                                                     {u"role"_s, u"participant"_s},
                                                     {u"user_ref"_s, u"u"_s}}
                                      << 10101;
    QTest::newRow("10102 user_ref missing") << QJsonObject{{u"name"_s, u"A"_s}, {u"role"_s, u"participant"_s}} << 10102;
    QTest::newRow("10103 role missing") << QJsonObject{{u"name"_s, u"A"_s}, {u"user_ref"_s, u"u"_s}} << 10103;
    QTest::newRow("10104 role invalid") << QJsonObject{{u"name"_s, u"A"_s},
                                                       {u"role"_s, u"admin"_s},
                                                       {u"user_ref"_s, u"u"_s}}
                                        << 10104;
    QTest::newRow("10104 role upper-case")
        << QJsonObject{{u"name"_s, u"A"_s}, {u"role"_s, u"Moderator"_s}, {u"user_ref"_s, u"u"_s}} << 10104;
}

void TestSandboxTokens::tokenRequestsAreValidated()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, result);
    const QString roomId = createRoom({});
    const SandboxClient::Reply reply = m_client->sendJson("POST", u"/video/v2/rooms/"_s + roomId + u"/tokens"_s, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), result);
    QVERIFY(!reply.body.value(u"desc").toString().isEmpty());
}

void TestSandboxTokens::tokenIsSingleUse()
{
    const QString roomId = createRoom({});
    const QString token = issue(roomId, u"participant"_s, u"u-1"_s).body.value(u"token").toString();
    SandboxClient::Reply reply = consume(token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.result(), 0);
    QCOMPARE(reply.body.value(u"user").toObject().value(u"user_ref").toString(), u"u-1"_s);
    QVERIFY(!reply.body.value(u"conf_num").toString().isEmpty());

    reply = consume(token);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.result(), 40002);
    QCOMPARE(reply.body.value(u"error").toString(), u"Token denied. Token already used"_s);

    const QJsonArray tokens = m_client->send("GET", u"/sandbox/state"_s, {}, false).body.value(u"tokens").toArray();
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens.at(0).toObject().value(u"used").toBool(), true);
    QCOMPARE(tokens.at(0).toObject().value(u"expired").toBool(), false);
}

void TestSandboxTokens::tokenExpiresOnTheSandboxClock()
{
    const QString roomId = createRoom({});
    const QString stale = issue(roomId, u"participant"_s, u"u-1"_s).body.value(u"token").toString();
    const QString fresh = issue(roomId, u"participant"_s, u"u-2"_s).body.value(u"token").toString();
    setClock(14 * 60);
    // Still inside the 15 minutes.
    QCOMPARE(consume(fresh).status, 200);
    setClock(15 * 60 + 1);
    const SandboxClient::Reply reply = consume(stale);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.result(), 40002);
    QCOMPARE(reply.body.value(u"error").toString(), u"Token denied. Token expired"_s);

    const QJsonObject state = m_client->send("GET", u"/sandbox/state"_s, {}, false).body;
    QCOMPARE(state.value(u"clock").toObject().value(u"offset_s").toInteger(), 15 * 60 + 1);
    const QJsonArray tokens = state.value(u"tokens").toArray();
    QCOMPARE(tokens.at(0).toObject().value(u"expired").toBool(), true);
    QCOMPARE(tokens.at(0).toObject().value(u"used").toBool(), false);
}

void TestSandboxTokens::longExpiredTokensAreForgotten()
{
    const QString roomId = createRoom({});
    QCOMPARE(issue(roomId, u"participant"_s, u"old"_s).status, 200);
    setClock(23 * 3600);
    QCOMPARE(issue(roomId, u"participant"_s, u"recent"_s).status, 200);
    QCOMPARE(m_client->send("GET", u"/sandbox/state"_s, {}, false).body.value(u"tokens"_s).toArray().size(), 2);
    setClock(24 * 3600 + 60);
    QCOMPARE(issue(roomId, u"participant"_s, u"new"_s).status, 200);
    const QJsonArray tokens = m_client->send("GET", u"/sandbox/state"_s, {}, false).body.value(u"tokens"_s).toArray();
    QCOMPARE(tokens.size(), 2);
    QCOMPARE(tokens.at(0).toObject().value(u"user_ref"_s).toString(), u"recent"_s);
    QCOMPARE(tokens.at(1).toObject().value(u"user_ref"_s).toString(), u"new"_s);
}

void TestSandboxTokens::forgedTokenIsRefused()
{
    const QString roomId = createRoom({});
    const QString token = issue(roomId, u"participant"_s, u"u-1"_s).body.value(u"token").toString();
    QJsonObject payload = QJsonDocument::fromJson(QByteArray::fromBase64(token.toLatin1())).object();
    QJsonObject roomMeta = payload.value(u"roomMeta").toObject();
    roomMeta.insert(u"name"_s, u"Someone else's room"_s);
    payload.insert(u"roomMeta"_s, roomMeta);
    const QString forged = QString::fromLatin1(QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64());

    for (const QString &bad : {forged, u"not-a-token"_s, u"e30="_s /* {} */}) {
        const SandboxClient::Reply reply = consume(bad);
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.result(), 40002);
        QCOMPARE(reply.body.value(u"error").toString(), u"Token denied. Unauthorized"_s);
    }
    // The genuine token is still good: the forgeries did not use it up.
    QCOMPARE(consume(token).status, 200);
}

void TestSandboxTokens::roomCapacityIsEnforcedOnConsume()
{
    const QString roomId = createRoom({{u"moderators"_s, u"1"_s}, {u"participants"_s, u"2"_s}});
    QStringList tokens;
    for (const auto &[role, ref] : QList<QPair<QString, QString>>{{u"moderator"_s, u"m-1"_s},
                                                                  {u"moderator"_s, u"m-2"_s},
                                                                  {u"participant"_s, u"p-1"_s},
                                                                  {u"viewer"_s, u"v-1"_s},
                                                                  {u"participant"_s, u"p-2"_s}}) {
        const SandboxClient::Reply reply = issue(roomId, role, ref);
        QCOMPARE(reply.status, 200);
        tokens << reply.body.value(u"token").toString();
    }
    QCOMPARE(consume(tokens.at(0)).status, 200);
    SandboxClient::Reply reply = consume(tokens.at(1));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 10114);
    QCOMPARE(consume(tokens.at(2)).status, 200);
    QCOMPARE(consume(tokens.at(3)).status, 200); // viewers count as participants
    reply = consume(tokens.at(4));
    QCOMPARE(reply.result(), 10114);

    reply = m_client->send("GET", u"/video/v2/rooms/"_s + roomId + u"/users"_s);
    QCOMPARE(reply.body.value(u"total").toInt(), 3);
    // A refused token was not used up: once someone leaves it joins.
    QCOMPARE(
        m_client
            ->sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}, {u"user_ref"_s, u"p-1"_s}}, false)
            .status,
        200);
    QCOMPARE(consume(tokens.at(4)).status, 200);
}

void TestSandboxTokens::scheduledRoomWindow()
{
    // Starts two hours from now, lasts 30 minutes; joinable from 15 minutes before the start.
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(2 * 3600);
    const QString roomId = createRoom({{u"scheduled"_s, true},
                                       {u"scheduled_time"_s, start.toString(u"yyyy-MM-dd HH:mm:ss"_s)},
                                       {u"duration"_s, u"30"_s}});
    QVERIFY(!roomId.isEmpty());
    SandboxClient::Reply reply = issue(roomId, u"moderator"_s, u"m-1"_s);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 10113);

    setClock(2 * 3600 - 10 * 60); // ten minutes before the start
    reply = issue(roomId, u"moderator"_s, u"m-1"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(consume(reply.body.value(u"token").toString()).status, 200);

    setClock(2 * 3600 + 40 * 60); // window over, but the session still runs: joining is allowed
    reply = issue(roomId, u"participant"_s, u"p-1"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(consume(reply.body.value(u"token").toString()).status, 200);

    for (const QString &ref : {u"m-1"_s, u"p-1"_s})
        m_client->sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}, {u"user_ref"_s, ref}}, false);
    reply = issue(roomId, u"participant"_s, u"p-2"_s);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 10112);
}

void TestSandboxTokens::adhocRoomIsUsedUpAfterItsSession()
{
    const QString roomId = createRoom({{u"adhoc"_s, true}});
    const QString token = issue(roomId, u"participant"_s, u"u-1"_s).body.value(u"token").toString();
    QCOMPARE(consume(token).status, 200);
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms/"_s + roomId).status, 200);
    QCOMPARE(
        m_client
            ->sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}, {u"user_ref"_s, u"u-1"_s}}, false)
            .status,
        200);
    const SandboxClient::Reply reply = m_client->send("GET", u"/video/v2/rooms/"_s + roomId);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.result(), 40001);
}

void TestSandboxTokens::adhocRoomWithDurationEndsAfterIt()
{
    // With a duration an ad-hoc room serves several sessions until `duration` minutes after the first
    // one started (video-api.md 3.1).
    const QString roomId = createRoom({{u"adhoc"_s, true}, {u"duration"_s, u"30"_s}});
    const auto joinAndLeave = [&](const QString &ref) {
        const SandboxClient::Reply issued = issue(roomId, u"participant"_s, ref);
        QCOMPARE(issued.status, 200);
        QCOMPARE(consume(issued.body.value(u"token"_s).toString()).status, 200);
        QCOMPARE(
            m_client->sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}, {u"user_ref"_s, ref}}, false)
                .status,
            200);
    };
    joinAndLeave(u"u-1"_s);
    setClock(20 * 60);
    joinAndLeave(u"u-2"_s);
    QCOMPARE(m_client->send("GET", u"/sandbox/state"_s, {}, false)
                 .body.value(u"rooms")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"session_count")
                 .toInt(),
             2);
    setClock(31 * 60);
    const SandboxClient::Reply reply = issue(roomId, u"participant"_s, u"u-3"_s);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 10111);
}

void TestSandboxTokens::leaveOfSomeoneAbsentIs404()
{
    const QString roomId = createRoom({});
    SandboxClient::Reply reply = m_client->sendJson("POST", u"/sandbox/users/leave"_s,
                                                    {{u"room_id"_s, roomId}, {u"user_ref"_s, u"ghost"_s}}, false);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.result(), 40404);
    QCOMPARE(reply.body.value(u"error"_s).toString(), u"User not in room"_s);
    reply = m_client->sendJson("POST", u"/sandbox/users/leave"_s,
                               {{u"room_id"_s, u"65a0e1f2c3d4e5f6a7b8c9d0"_s}, {u"user_ref"_s, u"ghost"_s}}, false);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.result(), 40001);
    reply = m_client->sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}}, false);
    QCOMPARE(reply.status, 400);
}

void TestSandboxTokens::resetForgetsEverything()
{
    const QString roomId = createRoom({});
    const QString token = issue(roomId, u"participant"_s, u"u-1"_s).body.value(u"token").toString();
    setClock(60);
    QCOMPARE(m_client->send("POST", u"/sandbox/reset"_s, "{}", false).status, 200);
    const QJsonObject state = m_client->send("GET", u"/sandbox/state"_s, {}, false).body;
    QCOMPARE(state.value(u"rooms").toArray().size(), 0);
    QCOMPARE(state.value(u"tokens").toArray().size(), 0);
    QCOMPARE(state.value(u"users").toArray().size(), 0);
    QCOMPARE(state.value(u"clock").toObject().value(u"offset_s").toInteger(), 0);
    const SandboxClient::Reply reply = consume(token);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.result(), 40002);
}

QTEST_GUILESS_MAIN(TestSandboxTokens)
#include "TestSandboxTokens.moc"
