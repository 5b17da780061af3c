// The /archive routes and the recording files over real loopback sockets: both prefixes, the entry
// schema of video-api.md 6, the codes shared with /cdr, the separate recording-file auth (403),
// Content-Length, Range (206/416), Repr-Digest, media that has a duration, drops by fraction and
// expiring links.

#include "SandboxClient.h"
#include "SandboxServer.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Qt::StringLiterals;
using confero::sandbox::SandboxOptions;
using confero::sandbox::SandboxServer;
using confero::test::SandboxClient;

namespace {

const QString AppId = u"app-archive"_s;
const QString AppKey = u"key-archive-0123456789"_s;
const QString FileUser = u"rec-user"_s;
const QString FilePassword = u"rec-password-123"_s;

class FileReply
{
public:
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers;
};

} // namespace

class TestSandboxArchive final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void routesAnswerUnderBothPrefixes_data();
    void routesAnswerUnderBothPrefixes();
    void entriesFollowTheSchema();
    void onlyRecordedSessionsAreListed();
    void missingParametersHaveTheirCodes_data();
    void missingParametersHaveTheirCodes();
    void apiCredentialsAreRequired();
    void filesNeedTheirOwnCredentials();
    void filesHonourRangeAndCarryADigest();
    void mediaHasADurationAndDocumentsFollowTheSession();
    void dropByFractionCutsTheFile();
    void linksExpireAfterTheirUses();
    void linksExpireAfterTheirLifetime();
    void credentialsAreSetThroughTheControlSurface();

private:
    QString createRoom(bool autoRecording);
    QString simulateSession(const QString &roomId, bool recorded);
    QJsonArray archiveOf(const QString &path);
    FileReply fetch(const QString &url, const QByteArray &range = {}, bool withAuth = true,
                    const QString &user = FileUser, const QString &password = FilePassword);

    QTemporaryDir m_media;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;
    QNetworkAccessManager m_network;
};

void TestSandboxArchive::initTestCase()
{
    if (QStandardPaths::findExecutable(u"ffmpeg"_s).isEmpty())
        QSKIP("ffmpeg is not installed (Debian package ffmpeg): the sandbox cannot make its recordings");
    QVERIFY(m_media.isValid());
}

void TestSandboxArchive::init()
{
    SandboxOptions options;
    options.appId = AppId;
    options.appKey = AppKey;
    options.recordingUser = FileUser;
    options.recordingPassword = FilePassword;
    // One folder for the whole test: the media are generated once, as in real use.
    options.mediaCacheDir = m_media.filePath(u"media"_s);
    m_server = std::make_unique<SandboxServer>(options);
    QString error;
    QVERIFY2(m_server->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_client = std::make_unique<SandboxClient>(m_server->apiBaseUrl().adjusted(QUrl::RemovePath));
    m_client->setCredentials(AppId, AppKey);
}

void TestSandboxArchive::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QString TestSandboxArchive::createRoom(bool autoRecording)
{
    const SandboxClient::Reply reply =
        m_client->sendJson("POST", u"/video/v2/rooms"_s,
                           {{u"name"_s, u"Archive room"_s},
                            {u"owner_ref"_s, u"o"_s},
                            {u"settings"_s, QJsonObject{{u"auto_recording"_s, autoRecording}}}});
    return reply.body.value(u"room").toObject().value(u"room_id").toString();
}

QString TestSandboxArchive::simulateSession(const QString &roomId, bool recorded)
{
    const SandboxClient::Reply reply = m_client->sendJson(
        "POST", u"/sandbox/sessions/simulate"_s,
        {{u"room_id"_s, roomId}, {u"participants"_s, 3}, {u"duration_s"_s, 300}, {u"recorded"_s, recorded}}, false);
    return reply.body.value(u"conf_num"_s).toString();
}

QJsonArray TestSandboxArchive::archiveOf(const QString &path)
{
    const SandboxClient::Reply reply = m_client->send("GET", path);
    if (reply.status != 200 || reply.body.value(u"result") != QJsonValue(u"0"_s))
        qWarning("%s answered %d: %s", qPrintable(path), reply.status, reply.raw.constData());
    return reply.body.value(u"archive").toArray();
}

FileReply TestSandboxArchive::fetch(const QString &url, const QByteArray &range, bool withAuth, const QString &user,
                                    const QString &password)
{
    QNetworkRequest request{QUrl(url)};
    if (withAuth)
        request.setRawHeader("Authorization", "Basic " + (user + u':' + password).toUtf8().toBase64());
    if (!range.isEmpty())
        request.setRawHeader("Range", range);
    QNetworkReply *reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    FileReply result;
    if (!reply->isFinished() && !finished.wait(30000)) {
        reply->abort();
        delete reply;
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    delete reply;
    return result;
}

void TestSandboxArchive::routesAnswerUnderBothPrefixes_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::newRow("video/v2") << u"/video/v2"_s;
    QTest::newRow("v1") << u"/v1"_s;
}

void TestSandboxArchive::routesAnswerUnderBothPrefixes()
{
    QFETCH(QString, prefix);
    const QString room = createRoom(false);
    const QString conf = simulateSession(room, true);
    QVERIFY(!conf.isEmpty());
    const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    const QString yesterday = QDateTime::currentDateTimeUtc().date().addDays(-1).toString(Qt::ISODate);
    for (const QString &path :
         {u"/archive/period/%1/%2"_s.arg(yesterday, today), u"/archive/room/%1"_s.arg(room),
          u"/archive/room-period/%1/%2/%3"_s.arg(room, yesterday, today),
          u"/archive/room-period/%1/period/%2/%3"_s.arg(room, yesterday, today), u"/archive/conf/%1"_s.arg(conf)}) {
        const QJsonArray archive = archiveOf(prefix + path);
        QCOMPARE(archive.size(), 1);
        QCOMPARE(archive.first().toObject().value(u"conf_num").toString(), conf);
    }
    QCOMPARE(archiveOf(prefix + u"/archive/period/2020-01-01/2020-01-02"_s).size(), 0);
}

void TestSandboxArchive::entriesFollowTheSchema()
{
    const QString room = createRoom(false);
    const QString conf = simulateSession(room, true);
    const QJsonArray archive = archiveOf(u"/video/v2/archive/conf/"_s + conf);
    QCOMPARE(archive.size(), 1);
    const QJsonObject entry = archive.first().toObject();
    QCOMPARE(entry.value(u"_id").toString().size(), 24);
    QCOMPARE(entry.value(u"app_id").toString(), AppId);
    QCOMPARE(entry.value(u"room_id").toString(), room);
    QVERIFY(QDateTime::fromString(entry.value(u"trans_date").toString(), Qt::ISODateWithMs).isValid());
    const QJsonArray recordings = entry.value(u"recording").toArray();
    // One per connection that published (viewers publish nothing; a rejoin is a second connection):
    // at least the moderator's.
    QVERIFY2(!recordings.isEmpty(), QJsonDocument(entry).toJson().constData());
    for (const auto &recording : recordings)
        QVERIFY(recording.toObject().value(u"url").toString().endsWith(u".mkv"));
    QVERIFY(entry.value(u"transcoded").toArray().first().toObject().value(u"url").toString().endsWith(u"/out.mp4"));
    QVERIFY(entry.value(u"chatdata").toString().endsWith(u"/chatdata.json"));
    QVERIFY(entry.value(u"metadata").toString().endsWith(u"/metadata.json"));
    const QUrl url(entry.value(u"chatdata").toString());
    QCOMPARE(url.port(), int(m_server->port()));
    QVERIFY(url.path().startsWith(u"/files/"));
}

void TestSandboxArchive::onlyRecordedSessionsAreListed()
{
    const QString plain = createRoom(false);
    const QString recordedRoom = createRoom(true);
    const QString notRecorded = simulateSession(plain, false);
    const QString byRoom = simulateSession(recordedRoom, false);
    QCOMPARE(archiveOf(u"/video/v2/archive/conf/"_s + notRecorded).size(), 0);
    QCOMPARE(archiveOf(u"/video/v2/archive/conf/"_s + byRoom).size(), 1);
    QCOMPARE(archiveOf(u"/video/v2/archive/room/"_s + plain).size(), 0);

    // The seeded history (in its own rooms, none recording automatically): about one session in
    // four is recorded, the same ones on every run.
    QCOMPARE(m_client->send("POST", u"/sandbox/reset"_s, {}, false).status, 200);
    const SandboxClient::Reply simulated = m_client->sendJson(
        "POST", u"/sandbox/cdr/simulate"_s,
        {{u"days"_s, 10}, {u"sessions_per_day"_s, 20}, {u"seed"_s, 5}, {u"end_date"_s, u"2025-03-10"_s}}, false);
    QCOMPARE(simulated.status, 200);
    const QJsonArray history = archiveOf(u"/video/v2/archive/period/2025-03-01/2025-03-10"_s);
    QVERIFY2(history.size() > 25 && history.size() < 80, qPrintable(QString::number(history.size())));
    QCOMPARE(archiveOf(u"/video/v2/archive/period/2025-03-01/2025-03-10"_s).size(), history.size());
}

void TestSandboxArchive::missingParametersHaveTheirCodes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("result");
    QTest::newRow("conf") << u"/archive/conf"_s << 10201;
    QTest::newRow("conf not a number") << u"/archive/conf/abc"_s << 10205;
    QTest::newRow("room") << u"/archive/room"_s << 10202;
    QTest::newRow("room-period") << u"/archive/room-period"_s << 10204;
    QTest::newRow("period") << u"/archive/period/2025-01-01"_s << 10203;
    QTest::newRow("bad date") << u"/archive/period/2025-13-01/2025-01-02"_s << 40010;
    QTest::newRow("to before from") << u"/archive/period/2025-02-01/2025-01-02"_s << 40010;
}

void TestSandboxArchive::missingParametersHaveTheirCodes()
{
    QFETCH(QString, path);
    QFETCH(int, result);
    const SandboxClient::Reply reply = m_client->send("GET", u"/video/v2"_s + path);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), result);
    QVERIFY(!reply.body.value(u"desc").toString().isEmpty());
}

void TestSandboxArchive::apiCredentialsAreRequired()
{
    const SandboxClient::Reply reply =
        m_client->send("GET", u"/video/v2/archive/period/2025-01-01/2025-01-02"_s, {}, false);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.result(), 10000);
}

void TestSandboxArchive::filesNeedTheirOwnCredentials()
{
    const QString conf = simulateSession(createRoom(false), true);
    const QJsonObject entry = archiveOf(u"/video/v2/archive/conf/"_s + conf).first().toObject();
    const QString url = entry.value(u"metadata").toString();
    QCOMPARE(fetch(url, {}, false).status, 403);
    QCOMPARE(fetch(url, {}, true, FileUser, u"wrong-password-1"_s).status, 403);
    // The API's credentials are not the recording files' (video-api.md 6, "File access").
    QCOMPARE(fetch(url, {}, true, AppId, AppKey).status, 403);
    QCOMPARE(fetch(url).status, 200);
    // A link is bound to its file: another file's name under it is unknown.
    QString other = url;
    other.replace(u"metadata.json"_s, u"chatdata.json"_s);
    QCOMPARE(fetch(other).status, 404);
    QString traversal = url;
    traversal.replace(u"metadata.json"_s, u"..%2F..%2Fetc%2Fpasswd"_s);
    QCOMPARE(fetch(traversal).status, 404);
}

void TestSandboxArchive::filesHonourRangeAndCarryADigest()
{
    const QString conf = simulateSession(createRoom(false), true);
    const QJsonObject entry = archiveOf(u"/video/v2/archive/conf/"_s + conf).first().toObject();
    const QString url = entry.value(u"transcoded").toArray().first().toObject().value(u"url").toString();
    const FileReply whole = fetch(url);
    QCOMPARE(whole.status, 200);
    QVERIFY(whole.body.size() > 10'000);
    QCOMPARE(whole.headers.value("content-length").toLongLong(), whole.body.size());
    QCOMPARE(whole.headers.value("accept-ranges"), "bytes");
    QCOMPARE(whole.headers.value("content-type"), "video/mp4");
    const QByteArray digest =
        "sha-256=:" + QCryptographicHash::hash(whole.body, QCryptographicHash::Sha256).toBase64() + ':';
    QCOMPARE(whole.headers.value("repr-digest"), digest);

    const FileReply tail = fetch(url, "bytes=1000-");
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.body, whole.body.mid(1000));
    QCOMPARE(tail.headers.value("content-range"),
             "bytes 1000-" + QByteArray::number(whole.body.size() - 1) + '/' + QByteArray::number(whole.body.size()));
    QCOMPARE(tail.headers.value("repr-digest"), digest); // of the whole file, whatever the range

    const FileReply beyond = fetch(url, "bytes=" + QByteArray::number(whole.body.size()) + '-');
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.headers.value("content-range"), "bytes */" + QByteArray::number(whole.body.size()));
}

void TestSandboxArchive::mediaHasADurationAndDocumentsFollowTheSession()
{
    const QString conf = simulateSession(createRoom(false), true);
    const QJsonObject entry = archiveOf(u"/video/v2/archive/conf/"_s + conf).first().toObject();
    const QStringList urls{entry.value(u"transcoded").toArray().first().toObject().value(u"url").toString(),
                           entry.value(u"recording").toArray().first().toObject().value(u"url").toString()};
    const bool probe = !QStandardPaths::findExecutable(u"ffprobe"_s).isEmpty();
    for (const QString &url : urls) {
        const FileReply file = fetch(url);
        QCOMPARE(file.status, 200);
        if (!probe)
            continue;
        QTemporaryDir dir;
        const QString path = dir.filePath(QUrl(url).fileName());
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(file.body);
        out.close();
        QProcess ffprobe;
        ffprobe.start(u"ffprobe"_s,
                      {u"-v"_s, u"error"_s, u"-show_entries"_s, u"format=duration"_s, u"-of"_s, u"csv=p=0"_s, path});
        QVERIFY(ffprobe.waitForFinished(30000));
        const double duration = ffprobe.readAllStandardOutput().trimmed().toDouble();
        QVERIFY2(duration > 10 && duration < 14, qPrintable(QString::number(duration)));
        if (path.endsWith(u".mkv")) // Matroska Cues element: the index a player seeks with
            QVERIFY(file.body.contains(QByteArray::fromHex("1c53bb6b")));
    }
    const FileReply metadata = fetch(entry.value(u"metadata").toString());
    QCOMPARE(metadata.status, 200);
    const QJsonObject meta = QJsonDocument::fromJson(metadata.body).object();
    QCOMPARE(meta.value(u"conf_num").toString(), conf);
    const QJsonArray participants = meta.value(u"participants").toArray();
    QVERIFY(participants.size() >= 3); // one per connection: three people, perhaps a rejoin
    for (const auto &value : participants) {
        const QJsonObject participant = value.toObject();
        QVERIFY(QDateTime::fromString(participant.value(u"join").toString(), Qt::ISODateWithMs)
                < QDateTime::fromString(participant.value(u"leave").toString(), Qt::ISODateWithMs));
    }
    const FileReply chat = fetch(entry.value(u"chatdata").toString());
    QCOMPARE(chat.status, 200);
    QVERIFY(!QJsonDocument::fromJson(chat.body).object().value(u"messages").toArray().isEmpty());
}

void TestSandboxArchive::dropByFractionCutsTheFile()
{
    const QString conf = simulateSession(createRoom(false), true);
    const QJsonObject entry = archiveOf(u"/video/v2/archive/conf/"_s + conf).first().toObject();
    const QString url = entry.value(u"transcoded").toArray().first().toObject().value(u"url").toString();
    const qint64 size = fetch(url).body.size();
    const SandboxClient::Reply set = m_client->sendJson(
        "POST", u"/sandbox/faults"_s,
        {{u"faults"_s,
          QJsonArray{QJsonObject{{u"kind"_s, u"drop"_s}, {u"after_fraction"_s, 0.5}, {u"match"_s, u"/files/"_s}}}}},
        false);
    QCOMPARE(set.status, 200);
    // Over a plain socket: QNetworkAccessManager may silently send a GET again when a connection
    // closes early, and the second answer (the fault used up) would hide the cut.
    const QUrl target(url);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(target.port()));
    QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000));
    socket.write("GET " + target.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
                 + " HTTP/1.1\r\nHost: " + target.host().toLatin1() + "\r\nAuthorization: Basic "
                 + (FileUser + u':' + FilePassword).toUtf8().toBase64() + "\r\n\r\n");
    QByteArray raw;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { raw += socket.readAll(); });
    QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 30000));
    raw += socket.readAll();
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    QVERIFY2(headEnd > 0, raw.left(200).constData());
    QVERIFY2(raw.startsWith("HTTP/1.1 200"), raw.left(200).constData());
    QVERIFY(raw.left(headEnd).contains(QByteArray("Content-Length: " + QByteArray::number(size))));
    const qsizetype body = raw.size() - headEnd - 4;
    QVERIFY2(body > 0 && body <= size / 2, qPrintable(u"%1 of %2"_s.arg(body).arg(size)));
    QCOMPARE(fetch(url).body.size(), size); // the fault was used up
}

void TestSandboxArchive::linksExpireAfterTheirUses()
{
    const QString conf = simulateSession(createRoom(false), true);
    const SandboxClient::Reply set = m_client->sendJson(
        "POST", u"/sandbox/faults"_s,
        {{u"faults"_s,
          QJsonArray{QJsonObject{
              {u"kind"_s, u"expire_links"_s}, {u"uses"_s, 1}, {u"status"_s, 404}, {u"match"_s, u"/archive/"_s}}}}},
        false);
    QCOMPARE(set.status, 200);
    const QJsonObject entry = archiveOf(u"/video/v2/archive/conf/"_s + conf).first().toObject();
    const QString url = entry.value(u"metadata").toString();
    QCOMPARE(fetch(url).status, 200);
    QCOMPARE(fetch(url).status, 404);
    // A new archive answer (the fault is used up) gives a link that lasts.
    const QString renewed =
        archiveOf(u"/video/v2/archive/conf/"_s + conf).first().toObject().value(u"metadata").toString();
    QVERIFY(renewed != url);
    QCOMPARE(fetch(renewed).status, 200);
    QCOMPARE(fetch(renewed).status, 200);
}

void TestSandboxArchive::linksExpireAfterTheirLifetime()
{
    const QString conf = simulateSession(createRoom(false), true);
    const SandboxClient::Reply set = m_client->sendJson(
        "POST", u"/sandbox/faults"_s,
        {{u"faults"_s, QJsonArray{QJsonObject{{u"kind"_s, u"expire_links"_s}, {u"ttl_s"_s, 60}}}}}, false);
    QCOMPARE(set.status, 200);
    const QString url = archiveOf(u"/video/v2/archive/conf/"_s + conf).first().toObject().value(u"metadata").toString();
    QCOMPARE(fetch(url).status, 200);
    // The sandbox clock moves on two minutes: the link is past its lifetime.
    QCOMPARE(m_client->sendJson("POST", u"/sandbox/clock"_s, {{u"offset_s"_s, 120}}, false).status, 200);
    QCOMPARE(fetch(url).status, 403);
    // Default links last 72 hours.
    const QString lasting =
        archiveOf(u"/video/v2/archive/conf/"_s + conf).first().toObject().value(u"metadata").toString();
    QCOMPARE(m_client->sendJson("POST", u"/sandbox/clock"_s, {{u"offset_s"_s, 120 + 71 * 3600}}, false).status, 200);
    QCOMPARE(fetch(lasting).status, 200);
    QCOMPARE(m_client->sendJson("POST", u"/sandbox/clock"_s, {{u"offset_s"_s, 120 + 73 * 3600}}, false).status, 200);
    QCOMPARE(fetch(lasting).status, 403);
}

void TestSandboxArchive::credentialsAreSetThroughTheControlSurface()
{
    const SandboxClient::Reply shown = m_client->send("GET", u"/sandbox/archive/credentials"_s, {}, false);
    QCOMPARE(shown.body.value(u"username").toString(), FileUser);
    QCOMPARE(shown.body.value(u"password").toString(), FilePassword);
    QCOMPARE(m_client
                 ->sendJson("POST", u"/sandbox/archive/credentials"_s,
                            {{u"username"_s, u"u"_s}, {u"password"_s, u"short"_s}}, false)
                 .status,
             400);
    QCOMPARE(m_client
                 ->sendJson("POST", u"/sandbox/archive/credentials"_s,
                            {{u"username"_s, u"other"_s}, {u"password"_s, u"another-password"_s}}, false)
                 .status,
             200);
    const QString conf = simulateSession(createRoom(false), true);
    const QString url = archiveOf(u"/video/v2/archive/conf/"_s + conf).first().toObject().value(u"metadata").toString();
    QCOMPARE(fetch(url).status, 403);
    QCOMPARE(fetch(url, {}, true, u"other"_s, u"another-password"_s).status, 200);
}

QTEST_GUILESS_MAIN(TestSandboxArchive)
#include "TestSandboxArchive.moc"
