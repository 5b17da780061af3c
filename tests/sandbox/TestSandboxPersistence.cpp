// The --state file: rooms and tokens survive a restart; demo rooms are seeded once.

#include "SandboxClient.h"
#include "SandboxServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using confero::sandbox::SandboxOptions;
using confero::sandbox::SandboxServer;
using confero::test::SandboxClient;

namespace {

const QString AppId = u"app-state"_s;
const QString AppKey = u"key-state-0123456789"_s;

} // namespace

class TestSandboxPersistence final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateSurvivesARestart();
    void demoRoomsAreSeededOnceWhenEmpty();
    void unreadableStateFileIsRefusedWithAReason();

private:
    std::unique_ptr<SandboxServer> start(const QString &stateFile, bool demoRooms);
};

std::unique_ptr<SandboxServer> TestSandboxPersistence::start(const QString &stateFile, bool demoRooms)
{
    SandboxOptions options;
    options.appId = AppId;
    options.appKey = AppKey;
    options.stateFile = stateFile;
    options.demoRooms = demoRooms;
    auto server = std::make_unique<SandboxServer>(options);
    QString error;
    if (!server->start(QHostAddress::LocalHost, 0, &error)) {
        qWarning() << error;
        return nullptr;
    }
    return server;
}

void TestSandboxPersistence::stateSurvivesARestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString stateFile = dir.filePath(u"state/sandbox.json"_s);
    QString roomId;
    QString token;
    QJsonObject room;
    {
        std::unique_ptr<SandboxServer> server = start(stateFile, false);
        QVERIFY(server);
        SandboxClient client(server->apiBaseUrl().adjusted(QUrl::RemovePath));
        client.setCredentials(AppId, AppKey);
        SandboxClient::Reply reply = client.sendJson("POST", u"/video/v2/rooms"_s,
                                                     {{u"name"_s, u"Kept"_s},
                                                      {u"owner_ref"_s, u"o"_s},
                                                      {u"settings"_s, QJsonObject{{u"participants"_s, u"3"_s}}}});
        QCOMPARE(reply.status, 200);
        room = reply.body.value(u"room").toObject();
        roomId = room.value(u"room_id").toString();
        reply = client.sendJson("POST", u"/video/v2/rooms/"_s + roomId + u"/tokens"_s,
                                {{u"name"_s, u"A"_s}, {u"role"_s, u"participant"_s}, {u"user_ref"_s, u"a"_s}});
        QCOMPARE(reply.status, 200);
        token = reply.body.value(u"token").toString();
        QVERIFY(QFile::exists(stateFile));
        // Owner-only: the file holds the token-signing secret.
        QCOMPARE(QFile::permissions(stateFile) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
    }
    std::unique_ptr<SandboxServer> server = start(stateFile, false);
    QVERIFY(server);
    SandboxClient client(server->apiBaseUrl().adjusted(QUrl::RemovePath));
    client.setCredentials(AppId, AppKey);
    const SandboxClient::Reply reply = client.send("GET", u"/video/v2/rooms/"_s + roomId);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body.value(u"room").toObject(), room);
    // The token issued before the restart still verifies and joins once.
    const SandboxClient::Reply joined =
        client.sendJson("POST", u"/sandbox/tokens/consume"_s, {{u"token"_s, token}}, false);
    QCOMPARE(joined.status, 200);
    QCOMPARE(client.sendJson("POST", u"/sandbox/tokens/consume"_s, {{u"token"_s, token}}, false).result(), 40002);

    // Deletions persist too.
    QCOMPARE(
        client.sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}, {u"user_ref"_s, u"a"_s}}, false)
            .status,
        200);
    QCOMPARE(client.send("DELETE", u"/video/v2/rooms/"_s + roomId).status, 200);
    server.reset();
    server = start(stateFile, false);
    QVERIFY(server);
    SandboxClient after(server->apiBaseUrl().adjusted(QUrl::RemovePath));
    after.setCredentials(AppId, AppKey);
    QCOMPARE(after.send("GET", u"/video/v2/rooms"_s).body.value(u"rooms").toArray().size(), 0);
}

void TestSandboxPersistence::demoRoomsAreSeededOnceWhenEmpty()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString stateFile = dir.filePath(u"sandbox.json"_s);
    QString lectureId;
    {
        std::unique_ptr<SandboxServer> server = start(stateFile, true);
        QVERIFY(server);
        SandboxClient client(server->apiBaseUrl().adjusted(QUrl::RemovePath));
        client.setCredentials(AppId, AppKey);
        const QJsonArray rooms = client.send("GET", u"/video/v2/rooms"_s).body.value(u"rooms").toArray();
        QCOMPARE(rooms.size(), 4);
        int permanentGroup = 0, lecture = 0, scheduled = 0, adhoc = 0;
        for (const auto &value : rooms) {
            const QJsonObject settings = value.toObject().value(u"settings").toObject();
            if (settings.value(u"scheduled").toBool()) {
                ++scheduled;
                const QDateTime when =
                    QDateTime::fromString(settings.value(u"scheduled_time").toString(), u"yyyy-MM-dd HH:mm:ss"_s);
                QVERIFY(when.date() > QDateTime::currentDateTimeUtc().date());
            } else if (settings.value(u"adhoc").toBool()) {
                ++adhoc;
            } else if (settings.value(u"mode").toString() == u"lecture") {
                ++lecture;
                QCOMPARE(settings.value(u"moderators").toString(), u"2"_s);
                QCOMPARE(settings.value(u"auto_recording").toBool(), true);
                lectureId = value.toObject().value(u"room_id").toString();
            } else {
                ++permanentGroup;
            }
        }
        QCOMPARE(permanentGroup, 1);
        QCOMPARE(lecture, 1);
        QCOMPARE(scheduled, 1);
        QCOMPARE(adhoc, 1);

        // A reset of an embedded (demo) sandbox brings fresh demo rooms back.
        QCOMPARE(client.send("POST", u"/sandbox/reset"_s, "{}", false).status, 200);
        QCOMPARE(client.send("GET", u"/video/v2/rooms"_s).body.value(u"rooms").toArray().size(), 4);
        lectureId.clear();
        const QJsonArray reseeded = client.send("GET", u"/video/v2/rooms"_s).body.value(u"rooms").toArray();
        for (const auto &value : reseeded) {
            if (value.toObject().value(u"settings").toObject().value(u"mode").toString() == u"lecture")
                lectureId = value.toObject().value(u"room_id").toString();
        }
        QVERIFY(!lectureId.isEmpty());
        QCOMPARE(client.send("DELETE", u"/video/v2/rooms/"_s + lectureId).status, 200);
    }
    // Restarted on the same file: the three left are kept, nothing is seeded on top.
    std::unique_ptr<SandboxServer> server = start(stateFile, true);
    QVERIFY(server);
    SandboxClient client(server->apiBaseUrl().adjusted(QUrl::RemovePath));
    client.setCredentials(AppId, AppKey);
    const QJsonArray rooms = client.send("GET", u"/video/v2/rooms"_s).body.value(u"rooms").toArray();
    QCOMPARE(rooms.size(), 3);
    for (const auto &value : rooms)
        QVERIFY(value.toObject().value(u"room_id").toString() != lectureId);
}

void TestSandboxPersistence::unreadableStateFileIsRefusedWithAReason()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString stateFile = dir.filePath(u"sandbox.json"_s);
    QFile file(stateFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"version\": 99}");
    file.close();
    SandboxOptions options;
    options.appId = AppId;
    options.appKey = AppKey;
    options.stateFile = stateFile;
    SandboxServer server(options);
    QString error;
    QVERIFY(!server.start(QHostAddress::LocalHost, 0, &error));
    QVERIFY2(error.contains(u"version"_s), qPrintable(error));
    // The file it could not read is left as it was.
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), "{\"version\": 99}"_ba);
}

QTEST_GUILESS_MAIN(TestSandboxPersistence)
#include "TestSandboxPersistence.moc"
