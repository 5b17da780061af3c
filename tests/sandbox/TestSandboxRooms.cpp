// The platform's room routes over real loopback sockets, on both prefixes, over HTTP and HTTPS.

#include "SandboxClient.h"
#include "SandboxServer.h"
#include "SelfSignedCertificate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using confero::sandbox::SandboxOptions;
using confero::sandbox::SandboxServer;
using confero::test::SandboxClient;

namespace {

const QString AppId = u"64f0c0ffee0000000000a11d"_s;
const QString AppKey = u"k3yForTheSandboxTests0123456789abcdEF"_s;

QJsonObject validRoom()
{
    return QJsonObject{{u"name"_s, u"Daily stand-up"_s},
                       {u"owner_ref"_s, u"user-42"_s},
                       {u"settings"_s,
                        QJsonObject{{u"mode"_s, u"group"_s},
                                    {u"scheduled"_s, false},
                                    {u"adhoc"_s, false},
                                    {u"moderators"_s, u"1"_s},
                                    {u"participants"_s, u"5"_s},
                                    {u"quality"_s, u"SD"_s},
                                    {u"auto_recording"_s, false}}},
                       {u"sip"_s, QJsonObject{{u"enabled"_s, false}}}};
}

QString futureTime(int hours)
{
    return QDateTime::currentDateTimeUtc().addSecs(hours * 3600).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

} // namespace

class TestSandboxRooms final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void everyRouteSucceeds_data();
    void everyRouteSucceeds();
    void createStoresWhatWasSentAndAddsDefaults();
    void legacySettingsKeysAreAccepted();
    void createRefusesBadDefinitions_data();
    void createRefusesBadDefinitions();
    void malformedBodiesGetAClearEnvelope_data();
    void malformedBodiesGetAClearEnvelope();
    void lenientSettingsStoreUnknownKeys();
    void updateRefusesTypeChanges_data();
    void updateRefusesTypeChanges();
    void updateAndDeleteRefusedWhileLive();
    void unknownRoomIs404With40001_data();
    void unknownRoomIs404With40001();
    void badCredentialsAre401_data();
    void badCredentialsAre401();
    void scheduledTimeIsJudgedOnTheSandboxClock();
    void scheduledRoomLocksFifteenMinutesBeforeItsStart();
    void sipEnabledRoomGetsPinAndMeetingId();
    void unknownRouteIs404();
    void missingRoomIdIs10001_data();
    void missingRoomIdIs10001();

private:
    std::unique_ptr<SandboxServer> startServer(bool tls, bool strictSettings = true);
    QString createRoom(SandboxClient &client, const QString &prefix, const QJsonObject &room);

    QTemporaryDir m_dir;
    QSslConfiguration m_tls;
    QSslCertificate m_certificate;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;
};

void TestSandboxRooms::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString cert = m_dir.filePath(u"cert.pem"_s);
    const QString key = m_dir.filePath(u"key.pem"_s);
    QString error;
    QVERIFY2(confero::http::SelfSignedCertificate::generate(cert, key, {u"127.0.0.1"_s, u"localhost"_s}, &error),
             qPrintable(error));
    const std::optional<QSslConfiguration> configuration =
        confero::http::SelfSignedCertificate::loadServerConfiguration(cert, key, &error);
    QVERIFY2(configuration, qPrintable(error));
    m_tls = *configuration;
    m_certificate = m_tls.localCertificate();
    QVERIFY(!m_certificate.isNull());
}

std::unique_ptr<SandboxServer> TestSandboxRooms::startServer(bool tls, bool strictSettings)
{
    SandboxOptions options;
    options.appId = AppId;
    options.appKey = AppKey;
    options.strictSettings = strictSettings;
    auto server = std::make_unique<SandboxServer>(options);
    if (tls)
        server->setTls(m_tls);
    QString error;
    if (!server->start(QHostAddress::LocalHost, 0, &error)) {
        qWarning() << error;
        return nullptr;
    }
    return server;
}

void TestSandboxRooms::init()
{
    m_server = startServer(false);
    QVERIFY(m_server);
    m_client = std::make_unique<SandboxClient>(m_server->apiBaseUrl().adjusted(QUrl::RemovePath));
    m_client->setCredentials(AppId, AppKey);
}

void TestSandboxRooms::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QString TestSandboxRooms::createRoom(SandboxClient &client, const QString &prefix, const QJsonObject &room)
{
    const SandboxClient::Reply reply = client.sendJson("POST", prefix + u"rooms"_s, room);
    if (reply.status != 200 || reply.result() != 0)
        qWarning() << "create failed" << reply.status << reply.raw;
    return reply.body.value(u"room").toObject().value(u"room_id").toString();
}

void TestSandboxRooms::everyRouteSucceeds_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("http /video/v2/") << false << u"/video/v2/"_s;
    QTest::newRow("http /v1/") << false << u"/v1/"_s;
    QTest::newRow("https /video/v2/") << true << u"/video/v2/"_s;
    QTest::newRow("https /v1/") << true << u"/v1/"_s;
}

void TestSandboxRooms::everyRouteSucceeds()
{
    QFETCH(bool, tls);
    QFETCH(QString, prefix);
    std::unique_ptr<SandboxServer> server = startServer(tls);
    QVERIFY(server);
    QCOMPARE(server->apiBaseUrl().scheme(), tls ? u"https"_s : u"http"_s);
    QCOMPARE(server->apiBaseUrl().path(), u"/video/v2/"_s);
    SandboxClient client(server->apiBaseUrl().adjusted(QUrl::RemovePath));
    client.setCredentials(AppId, AppKey);
    if (tls)
        client.pinCertificate(m_certificate);

    // POST /rooms
    SandboxClient::Reply reply = client.sendJson("POST", prefix + u"rooms"_s, validRoom());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.result(), 0);
    const QJsonObject room = reply.body.value(u"room").toObject();
    const QString roomId = room.value(u"room_id").toString();
    QVERIFY(QRegularExpression(u"^[0-9a-f]{24}$"_s).match(roomId).hasMatch());

    // GET /rooms
    reply = client.send("GET", prefix + u"rooms"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.result(), 0);
    QCOMPARE(reply.body.value(u"rooms").toArray().size(), 1);
    QCOMPARE(reply.body.value(u"rooms").toArray().at(0).toObject(), room);

    // GET /rooms/{id}
    reply = client.send("GET", prefix + u"rooms/"_s + roomId);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body.value(u"room").toObject(), room);

    // PATCH and PUT /rooms/{id}: only {"result":0}, the change visible afterwards
    reply = client.sendJson("PATCH", prefix + u"rooms/"_s + roomId,
                            {{u"name"_s, u"Daily stand-up (moved)"_s},
                             {u"settings"_s, QJsonObject{{u"participants"_s, u"15"_s}, {u"auto_recording"_s, true}}}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QJsonObject({{u"result"_s, 0}}));
    reply = client.sendJson("PUT", prefix + u"rooms/"_s + roomId, {{u"owner_ref"_s, u"user-43"_s}});
    QCOMPARE(reply.status, 200);
    reply = client.send("GET", prefix + u"rooms/"_s + roomId);
    const QJsonObject updated = reply.body.value(u"room").toObject();
    QCOMPARE(updated.value(u"name").toString(), u"Daily stand-up (moved)"_s);
    QCOMPARE(updated.value(u"owner_ref").toString(), u"user-43"_s);
    QCOMPARE(updated.value(u"settings").toObject().value(u"participants").toString(), u"15"_s);
    QCOMPARE(updated.value(u"settings").toObject().value(u"auto_recording").toBool(), true);
    QCOMPARE(updated.value(u"created"), room.value(u"created"));

    // GET /rooms/{id}/users on an idle room
    reply = client.send("GET", prefix + u"rooms/"_s + roomId + u"/users"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QJsonObject({{u"result"_s, 0}, {u"total"_s, 0}, {u"users"_s, QJsonArray()}}));

    // POST /rooms/{id}/tokens, consumed through the control surface: the user is then listed
    reply = client.sendJson("POST", prefix + u"rooms/"_s + roomId + u"/tokens"_s,
                            {{u"name"_s, u"Alice"_s}, {u"role"_s, u"participant"_s}, {u"user_ref"_s, u"u-1"_s}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.result(), 0);
    const QString token = reply.body.value(u"token").toString();
    QVERIFY(!token.isEmpty());
    reply = client.sendJson("POST", u"/sandbox/tokens/consume"_s, {{u"token"_s, token}}, false);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body.value(u"room_id").toString(), roomId);
    reply = client.send("GET", prefix + u"rooms/"_s + roomId + u"/users"_s);
    QCOMPARE(reply.body.value(u"total").toInt(), 1);
    const QJsonObject user = reply.body.value(u"users").toArray().at(0).toObject();
    QCOMPARE(user.value(u"name").toString(), u"Alice"_s);
    QCOMPARE(user.value(u"user_ref").toString(), u"u-1"_s);
    QCOMPARE(user.value(u"role").toString(), u"participant"_s);
    QCOMPARE(user.value(u"permissions").toObject().value(u"publish").toBool(), true);
    reply =
        client.sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}, {u"user_ref"_s, u"u-1"_s}}, false);
    QCOMPARE(reply.status, 200);

    // DELETE /rooms/{id}
    reply = client.send("DELETE", prefix + u"rooms/"_s + roomId);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QJsonObject({{u"result"_s, 0}}));
    reply = client.send("GET", prefix + u"rooms"_s);
    QCOMPARE(reply.body.value(u"rooms").toArray().size(), 0);
}

void TestSandboxRooms::createStoresWhatWasSentAndAddsDefaults()
{
    QJsonObject body = validRoom();
    body.insert(u"data"_s, QJsonObject{{u"custom_key"_s, u"x"_s}});
    const SandboxClient::Reply reply = m_client->sendJson("POST", u"/video/v2/rooms"_s, body);
    QCOMPARE(reply.status, 200);
    const QJsonObject room = reply.body.value(u"room").toObject();
    const QJsonObject settings = room.value(u"settings").toObject();
    // Numbers sent as strings are stored as strings, as the platform does.
    QVERIFY(settings.value(u"moderators").isString());
    QCOMPARE(settings.value(u"moderators").toString(), u"1"_s);
    QCOMPARE(settings.value(u"participants").toString(), u"5"_s);
    // Server-side defaults.
    QCOMPARE(settings.value(u"media_zone").toString(), u"XX"_s);
    QCOMPARE(settings.value(u"max_active_talkers").toInt(), 6);
    QCOMPARE(settings.value(u"screen_share").toBool(), true);
    QCOMPARE(settings.value(u"abwd").toBool(), true);
    QCOMPARE(settings.value(u"media_configuration").toString(), u"default"_s);
    QCOMPARE(settings.value(u"viewers").toInt(), 0);
    QCOMPARE(settings.value(u"active_talker").toBool(), true);
    QCOMPARE(settings.value(u"encryption").toBool(), false);
    QCOMPARE(room.value(u"sip").toObject().value(u"enabled").toBool(), false);
    QCOMPARE(room.value(u"data").toObject().value(u"custom_key").toString(), u"x"_s);
    QVERIFY(QRegularExpression(u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"_s)
                .match(room.value(u"created").toString())
                .hasMatch());

    // Numbers sent as numbers stay numbers; a minimal body gets the type defaults.
    const SandboxClient::Reply minimal = m_client->sendJson(
        "POST", u"/video/v2/rooms"_s,
        {{u"name"_s, u"Numbers"_s}, {u"owner_ref"_s, u"o"_s}, {u"settings"_s, QJsonObject{{u"participants"_s, 7}}}});
    QCOMPARE(minimal.status, 200);
    const QJsonObject minimalSettings = minimal.body.value(u"room").toObject().value(u"settings").toObject();
    QVERIFY(minimalSettings.value(u"participants").isDouble());
    QCOMPARE(minimalSettings.value(u"mode").toString(), u"group"_s);
    QCOMPARE(minimalSettings.value(u"scheduled").toBool(), false);
    QCOMPARE(minimalSettings.value(u"adhoc").toBool(), false);
    QCOMPARE(minimalSettings.value(u"moderators").toInt(), 1);
}

void TestSandboxRooms::legacySettingsKeysAreAccepted()
{
    QJsonObject body = validRoom();
    QJsonObject settings = body.value(u"settings").toObject();
    settings.insert(u"active_talker"_s, true);
    settings.insert(u"wait_moderator"_s, false);
    settings.insert(u"peep"_s, false);
    settings.insert(u"aor"_s, u"sip:standup@sip.example.com"_s);
    body.insert(u"settings"_s, settings);
    const SandboxClient::Reply reply = m_client->sendJson("POST", u"/v1/rooms"_s, body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body.value(u"room").toObject().value(u"settings").toObject().value(u"aor").toString(),
             u"sip:standup@sip.example.com"_s);
}

void TestSandboxRooms::createRefusesBadDefinitions_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("result");

    const auto withSettings = [](const QJsonObject &changes) {
        QJsonObject body = validRoom();
        QJsonObject settings = body.value(u"settings").toObject();
        for (auto it = changes.begin(); it != changes.end(); ++it)
            settings.insert(it.key(), it.value());
        body.insert(u"settings"_s, settings);
        return body;
    };
    const auto without = [](const QString &key) {
        QJsonObject body = validRoom();
        body.remove(key);
        return body;
    };
    const QJsonObject scheduled{{u"scheduled"_s, true}, {u"scheduled_time"_s, futureTime(48)}, {u"duration"_s, 30}};
    const auto scheduledWith = [&](const QJsonObject &changes) {
        QJsonObject merged = scheduled;
        for (auto it = changes.begin(); it != changes.end(); ++it)
            merged.insert(it.key(), it.value());
        return withSettings(merged);
    };
    QJsonObject noDuration = scheduledWith({});
    QJsonObject noDurationSettings = noDuration.value(u"settings").toObject();
    noDurationSettings.remove(u"duration"_s);
    noDuration.insert(u"settings"_s, noDurationSettings);
    QJsonObject noTime = scheduledWith({});
    QJsonObject noTimeSettings = noTime.value(u"settings").toObject();
    noTimeSettings.remove(u"scheduled_time"_s);
    noTime.insert(u"settings"_s, noTimeSettings);
    QJsonObject emptyName = validRoom();
    emptyName.insert(u"name"_s, u""_s);

    QTest::newRow("10002 name missing") << without(u"name"_s) << 10002;
    QTest::newRow("10002 name empty") << emptyName << 10002;
    QTest::newRow("10010 owner_ref missing") << without(u"owner_ref"_s) << 10010;
    QTest::newRow("10003 scheduled not boolean") << withSettings({{u"scheduled"_s, u"yes"_s}}) << 10003;
    QTest::newRow("10004 scheduled_time missing") << noTime << 10004;
    QTest::newRow("10005 scheduled_time format")
        << scheduledWith({{u"scheduled_time"_s, u"31/05/2031 10:00"_s}}) << 10005;
    QTest::newRow("10006 scheduled_time not a date")
        << scheduledWith({{u"scheduled_time"_s, u"2031-02-30 10:00:00"_s}}) << 10006;
    QTest::newRow("10006 scheduled_time in the past")
        << scheduledWith({{u"scheduled_time"_s, u"2020-01-01 10:00:00"_s}}) << 10006;
    QTest::newRow("10007 participants not a number") << withSettings({{u"participants"_s, u"many"_s}}) << 10007;
    QTest::newRow("10007 participants negative") << withSettings({{u"participants"_s, -1}}) << 10007;
    QTest::newRow("10008 auto_recording") << withSettings({{u"auto_recording"_s, u"yes"_s}}) << 10008;
    QTest::newRow("10009 unknown settings key") << withSettings({{u"colour"_s, u"blue"_s}}) << 10009;
    QTest::newRow("10011 duration missing on scheduled") << noDuration << 10011;
    QTest::newRow("10011 duration not a number") << withSettings({{u"duration"_s, u"abc"_s}}) << 10011;
    QTest::newRow("10012 active_talker") << withSettings({{u"active_talker"_s, u"on"_s}}) << 10012;
    QTest::newRow("10013 wait_moderator") << withSettings({{u"wait_moderator"_s, 1}}) << 10013;
    QTest::newRow("10014 quality") << withSettings({{u"quality"_s, u"4K"_s}}) << 10014;
    QTest::newRow("10016 adhoc and scheduled") << scheduledWith({{u"adhoc"_s, true}}) << 10016;
    QTest::newRow("10017 adhoc not boolean") << withSettings({{u"adhoc"_s, u"yes"_s}}) << 10017;
    QTest::newRow("10018 scheduled_time on a permanent room")
        << withSettings({{u"scheduled_time"_s, futureTime(48)}}) << 10018;
    QTest::newRow("10019 mode") << withSettings({{u"mode"_s, u"webinar"_s}}) << 10019;
    QTest::newRow("10022 moderators out of range") << withSettings({{u"moderators"_s, u"9"_s}}) << 10022;
    QTest::newRow("10023 moderators not a number") << withSettings({{u"moderators"_s, u"lots"_s}}) << 10023;
    QTest::newRow("10024 peep") << withSettings({{u"peep"_s, u"x"_s}}) << 10024;
    QTest::newRow("10025 knock") << withSettings({{u"knock"_s, u"x"_s}}) << 10025;
    QTest::newRow("10026 aor") << withSettings({{u"aor"_s, u"http://not-sip"_s}}) << 10026;
}

void TestSandboxRooms::createRefusesBadDefinitions()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, result);
    const SandboxClient::Reply reply = m_client->sendJson("POST", u"/video/v2/rooms"_s, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), result);
    QVERIFY(!reply.body.value(u"error").toString().isEmpty());
    QVERIFY(!reply.body.value(u"desc").toString().isEmpty());
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms"_s).body.value(u"rooms").toArray().size(), 0);
}

void TestSandboxRooms::malformedBodiesGetAClearEnvelope_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << "{\"name\": "_ba;
    QTest::newRow("array") << "[1, 2]"_ba;
    QTest::newRow("string") << "\"room\""_ba;
    QTest::newRow("empty") << QByteArray();
}

void TestSandboxRooms::malformedBodiesGetAClearEnvelope()
{
    QFETCH(QByteArray, body);
    const QString roomId = createRoom(*m_client, u"/video/v2/"_s, validRoom());
    for (const auto &[method, path] :
         QList<QPair<QByteArray, QString>>{{"POST", u"/video/v2/rooms"_s},
                                           {"PATCH", u"/video/v2/rooms/"_s + roomId},
                                           {"POST", u"/video/v2/rooms/"_s + roomId + u"/tokens"_s}}) {
        const SandboxClient::Reply reply = m_client->send(method, path, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.result(), 40000);
        QVERIFY(reply.body.value(u"desc").toString().contains(u"JSON"_s));
    }
}

void TestSandboxRooms::lenientSettingsStoreUnknownKeys()
{
    std::unique_ptr<SandboxServer> server = startServer(false, false);
    QVERIFY(server);
    SandboxClient client(server->apiBaseUrl().adjusted(QUrl::RemovePath));
    client.setCredentials(AppId, AppKey);
    QJsonObject body = validRoom();
    QJsonObject settings = body.value(u"settings").toObject();
    settings.insert(u"colour"_s, u"blue"_s);
    body.insert(u"settings"_s, settings);
    const SandboxClient::Reply reply = client.sendJson("POST", u"/video/v2/rooms"_s, body);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body.value(u"room").toObject().value(u"settings").toObject().value(u"colour").toString(), u"blue"_s);
}

void TestSandboxRooms::updateRefusesTypeChanges_data()
{
    QTest::addColumn<QJsonObject>("patch");
    QTest::addColumn<int>("result");
    QTest::newRow("10020 mode") << QJsonObject{{u"settings"_s, QJsonObject{{u"mode"_s, u"lecture"_s}}}} << 10020;
    QTest::newRow("10106 scheduled") << QJsonObject{{u"settings"_s, QJsonObject{{u"scheduled"_s, true}}}} << 10106;
    QTest::newRow("10106 adhoc") << QJsonObject{{u"settings"_s, QJsonObject{{u"adhoc"_s, true}}}} << 10106;
    QTest::newRow("10022 bad value") << QJsonObject{{u"settings"_s, QJsonObject{{u"moderators"_s, 0}}}} << 10022;
    QTest::newRow("10009 unknown key") << QJsonObject{{u"settings"_s, QJsonObject{{u"colour"_s, 1}}}} << 10009;
    QTest::newRow("10002 empty name") << QJsonObject{{u"name"_s, u""_s}} << 10002;
}

void TestSandboxRooms::updateRefusesTypeChanges()
{
    QFETCH(QJsonObject, patch);
    QFETCH(int, result);
    const QString roomId = createRoom(*m_client, u"/video/v2/"_s, validRoom());
    const QJsonObject before = m_client->send("GET", u"/video/v2/rooms/"_s + roomId).body;
    SandboxClient::Reply reply = m_client->sendJson("PATCH", u"/video/v2/rooms/"_s + roomId, patch);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), result);
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms/"_s + roomId).body, before);
    // The unchanged type value is fine: a client may send back what it fetched.
    reply = m_client->sendJson("PATCH", u"/video/v2/rooms/"_s + roomId,
                               {{u"settings"_s, QJsonObject{{u"mode"_s, u"group"_s}, {u"scheduled"_s, false}}}});
    QCOMPARE(reply.status, 200);
}

void TestSandboxRooms::updateAndDeleteRefusedWhileLive()
{
    const QString roomId = createRoom(*m_client, u"/video/v2/"_s, validRoom());
    SandboxClient::Reply reply =
        m_client->sendJson("POST", u"/video/v2/rooms/"_s + roomId + u"/tokens"_s,
                           {{u"name"_s, u"Mod"_s}, {u"role"_s, u"moderator"_s}, {u"user_ref"_s, u"m-1"_s}});
    QCOMPARE(reply.status, 200);
    reply = m_client->sendJson("POST", u"/sandbox/tokens/consume"_s, {{u"token"_s, reply.body.value(u"token")}}, false);
    QCOMPARE(reply.status, 200);

    reply = m_client->sendJson("PATCH", u"/video/v2/rooms/"_s + roomId, {{u"name"_s, u"Renamed"_s}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 10030);
    reply = m_client->send("DELETE", u"/video/v2/rooms/"_s + roomId);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 10030);

    reply = m_client->sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}, {u"user_ref"_s, u"m-1"_s}},
                               false);
    QCOMPARE(reply.status, 200);
    QCOMPARE(m_client->sendJson("PATCH", u"/video/v2/rooms/"_s + roomId, {{u"name"_s, u"Renamed"_s}}).status, 200);
    QCOMPARE(m_client->send("DELETE", u"/video/v2/rooms/"_s + roomId).status, 200);
}

void TestSandboxRooms::unknownRoomIs404With40001_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("GET room") << "GET"_ba << QString() << QByteArray();
    QTest::newRow("PATCH room") << "PATCH"_ba << QString() << "{\"name\":\"x\"}"_ba;
    QTest::newRow("PUT room") << "PUT"_ba << QString() << "{\"name\":\"x\"}"_ba;
    QTest::newRow("DELETE room") << "DELETE"_ba << QString() << QByteArray();
    QTest::newRow("GET users") << "GET"_ba << u"/users"_s << QByteArray();
    QTest::newRow("POST tokens") << "POST"_ba << u"/tokens"_s
                                 << "{\"name\":\"A\",\"role\":\"participant\",\"user_ref\":\"u\"}"_ba;
}

void TestSandboxRooms::unknownRoomIs404With40001()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    QFETCH(QByteArray, body);
    for (const QString &prefix : {u"/video/v2/"_s, u"/v1/"_s}) {
        const SandboxClient::Reply reply =
            m_client->send(method, prefix + u"rooms/65a0e1f2c3d4e5f6a7b8c9d0"_s + suffix, body);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.result(), 40001);
        QCOMPARE(reply.body.value(u"error").toString(), u"Room not found"_s);
    }
}

void TestSandboxRooms::badCredentialsAre401_data()
{
    QTest::addColumn<QString>("appId");
    QTest::addColumn<QString>("appKey");
    QTest::addColumn<bool>("sendAuth");
    QTest::newRow("no Authorization") << AppId << AppKey << false;
    QTest::newRow("wrong key") << AppId << u"wrong-key"_s << true;
    QTest::newRow("wrong id") << u"65a0e1f2c3d4e5f6a7b8c9d0"_s << AppKey << true;
    QTest::newRow("key with a suffix") << AppId << (AppKey + u"x"_s) << true;
}

void TestSandboxRooms::badCredentialsAre401()
{
    QFETCH(QString, appId);
    QFETCH(QString, appKey);
    QFETCH(bool, sendAuth);
    SandboxClient client(m_server->apiBaseUrl().adjusted(QUrl::RemovePath));
    client.setCredentials(appId, appKey);
    for (const QString &path : {u"/video/v2/rooms"_s, u"/v1/rooms"_s}) {
        const SandboxClient::Reply reply = client.send("GET", path, {}, sendAuth);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.result(), 10000);
        QVERIFY(!reply.body.value(u"desc").toString().isEmpty());
    }
    const SandboxClient::Reply create = client.sendJson("POST", u"/video/v2/rooms"_s, validRoom(), sendAuth);
    QCOMPARE(create.status, 401);
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms"_s).body.value(u"rooms").toArray().size(), 0);
}

void TestSandboxRooms::scheduledTimeIsJudgedOnTheSandboxClock()
{
    QJsonObject body = validRoom();
    QJsonObject settings = body.value(u"settings").toObject();
    settings.insert(u"scheduled"_s, true);
    settings.insert(u"scheduled_time"_s, futureTime(3));
    settings.insert(u"duration"_s, u"45"_s);
    body.insert(u"settings"_s, settings);
    QCOMPARE(m_client->sendJson("POST", u"/video/v2/rooms"_s, body).status, 200);

    SandboxClient::Reply reply = m_client->sendJson("POST", u"/sandbox/clock"_s, {{u"offset_s"_s, 4 * 3600}}, false);
    QCOMPARE(reply.status, 200);
    reply = m_client->sendJson("POST", u"/video/v2/rooms"_s, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 10006);
}

void TestSandboxRooms::scheduledRoomLocksFifteenMinutesBeforeItsStart()
{
    QJsonObject body = validRoom();
    QJsonObject settings = body.value(u"settings").toObject();
    settings.insert(u"scheduled"_s, true);
    settings.insert(u"scheduled_time"_s, futureTime(1));
    settings.insert(u"duration"_s, 30);
    body.insert(u"settings"_s, settings);
    const QString roomId = createRoom(*m_client, u"/video/v2/"_s, body);
    QVERIFY(!roomId.isEmpty());
    QCOMPARE(m_client->sendJson("PATCH", u"/video/v2/rooms/"_s + roomId, {{u"name"_s, u"Early change"_s}}).status, 200);

    QCOMPARE(m_client->sendJson("POST", u"/sandbox/clock"_s, {{u"offset_s"_s, 50 * 60}}, false).status, 200);
    const SandboxClient::Reply reply =
        m_client->sendJson("PATCH", u"/video/v2/rooms/"_s + roomId, {{u"name"_s, u"Late change"_s}});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 10030);

    // Once its window is over the room can be rescheduled.
    QCOMPARE(m_client->sendJson("POST", u"/sandbox/clock"_s, {{u"offset_s"_s, 2 * 3600}}, false).status, 200);
    const QString later = QDateTime::currentDateTimeUtc().addSecs(5 * 3600).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    QCOMPARE(m_client
                 ->sendJson("PATCH", u"/video/v2/rooms/"_s + roomId,
                            {{u"settings"_s, QJsonObject{{u"scheduled_time"_s, later}}}})
                 .status,
             200);
    QCOMPARE(m_client->send("GET", u"/video/v2/rooms/"_s + roomId)
                 .body.value(u"room"_s)
                 .toObject()
                 .value(u"settings"_s)
                 .toObject()
                 .value(u"scheduled_time"_s)
                 .toString(),
             later);
}

void TestSandboxRooms::sipEnabledRoomGetsPinAndMeetingId()
{
    QJsonObject body = validRoom();
    body.insert(u"sip"_s, QJsonObject{{u"enabled"_s, true}});
    const SandboxClient::Reply reply = m_client->sendJson("POST", u"/video/v2/rooms"_s, body);
    QCOMPARE(reply.status, 200);
    const QJsonObject sip = reply.body.value(u"room"_s).toObject().value(u"sip"_s).toObject();
    QCOMPARE(sip.value(u"enabled"_s).toBool(), true);
    QVERIFY(sip.value(u"pin"_s).isDouble());
    QVERIFY(sip.value(u"meeting_id"_s).isDouble());
}

void TestSandboxRooms::unknownRouteIs404()
{
    const SandboxClient::Reply reply = m_client->send("GET", u"/video/v2/nothing-here"_s);
    QCOMPARE(reply.status, 404);
    QVERIFY(reply.result() != 0);
    QVERIFY(!reply.body.value(u"error").toString().isEmpty());
}

void TestSandboxRooms::missingRoomIdIs10001_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("PATCH /rooms/") << "PATCH"_ba << u"/video/v2/rooms/"_s;
    QTest::newRow("PUT /rooms") << "PUT"_ba << u"/v1/rooms"_s;
    QTest::newRow("DELETE /rooms/") << "DELETE"_ba << u"/video/v2/rooms/"_s;
}

void TestSandboxRooms::missingRoomIdIs10001()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const SandboxClient::Reply reply = m_client->send(method, path, "{\"name\":\"x\"}");
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 10001);
}

QTEST_GUILESS_MAIN(TestSandboxRooms)
#include "TestSandboxRooms.moc"
