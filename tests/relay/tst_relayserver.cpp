// confero-relay's HTTP side over loopback: the platform's four webhook examples are stored whatever
// their Content-Type; bad credentials, bodies and projects are refused with their codes; a
// subscriber polls signed frames of its own projects only, from a cursor; /metrics tells the fsyncs
// and the synchronous mode.
#include "FrameSignature.h"
#include "MasterKey.h"
#include "RelayDatabase.h"
#include "RelayProjects.h"
#include "RelayServer.h"
#include "StreamFrameCodec.h"
#include "SubscriberRegistry.h"
#include "SubscriberToken.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace confero::relay;
using namespace Qt::StringLiterals;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
};

const QList<QByteArray> platformExamples = {
    R"({"type":"roomdrop","trans_date":1736503270,"app_id":"64f0c0ffee0000000000a11d","room_id":"65a0e1f2c3d4e5f6a7b8c9d0","conf_num":"913"})",
    R"({"type":"recording","trans_date":1736503600,"app_id":"64f0c0ffee0000000000a11d","room_id":"65a0e1f2","conf_num":"913","recording":["https://portal.enablex.io/rec/u1.mkv","https://portal.enablex.io/rec/u2.mkv"]})",
    R"({"type":"transcoded","trans_date":1736504200,"app_id":"64f0c0ffee0000000000a11d","room_id":"65a0e1f2","conf_num":"913","recording":"https://portal.enablex.io/rec/out.mp4","stage":"1","file_size":"10485760"})",
    R"({"type":"file-transfer","trans_date":1736504500,"app_id":"64f0c0ffee0000000000a11d","room_id":"65a0e1f2","conf_num":"913","destination":{"name":"awss3","host":"","account":"my-bucket"},"files":[{"url":"https://my-bucket.s3.amazonaws.com/65a0e1f2/913/out.mp4"}]})",
};

} // namespace

class TestRelayServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void platformExamplesAreStoredWhateverTheContentType();
    void refusals_data();
    void refusals();
    void subscriberPollsSignedFramesOfItsProjectsFromACursor();
    void badTokensAreRefused();
    void metricsTellFsyncsAndSynchronousMode();
    void plainHttpIsRefusedOffLoopback();
    void aNewServersFolderIsMadePrivate();

private:
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body,
               const QList<std::pair<QByteArray, QByteArray>> &headers);
    Reply postHook(const QString &project, const QByteArray &body, const QByteArray &contentType = {},
                   const QByteArray &credentials = "platform:secret");

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RelayServer> m_server;
    QNetworkAccessManager m_network;
    QByteArray m_masterKey;
    QString m_token;
    QString m_otherToken;
};

void TestRelayServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(u"relay.sqlite"_s);
    {
        QString error;
        m_masterKey = MasterKey::loadOrCreate(MasterKey::defaultPath(path), &error);
        QVERIFY2(!m_masterKey.isEmpty(), qPrintable(error));
        QSqlDatabase db = RelayDatabase::open(path, u"setup"_s, &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QVERIFY2(RelayProjects(db).add(u"acme"_s, u"platform:secret"_s, &error), qPrintable(error));
        QVERIFY2(RelayProjects(db).add(u"other"_s, {}, &error), qPrintable(error));
        m_token = SubscriberRegistry(db, m_masterKey).add(u"laptop"_s, {u"acme"_s}, &error).value_or(QString());
        QVERIFY2(!m_token.isEmpty(), qPrintable(error));
        m_otherToken = SubscriberRegistry(db, m_masterKey).add(u"desk"_s, {u"other"_s}, &error).value_or(QString());
        QVERIFY2(!m_otherToken.isEmpty(), qPrintable(error));
        db = {};
        RelayDatabase::close(u"setup"_s);
    }
    m_server = std::make_unique<RelayServer>(RelayServer::Options{path, {}, {}, {}});
    QString error;
    QVERIFY2(m_server->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

void TestRelayServer::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

Reply TestRelayServer::send(const QByteArray &method, const QString &path, const QByteArray &body,
                            const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(m_server->baseUrl().resolved(QUrl(path)));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    reply->deleteLater();
    return result;
}

Reply TestRelayServer::postHook(const QString &project, const QByteArray &body, const QByteArray &contentType,
                                const QByteArray &credentials)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!contentType.isEmpty())
        headers.append({"Content-Type", contentType});
    if (!credentials.isEmpty())
        headers.append({"Authorization", "Basic " + credentials.toBase64()});
    return send("POST", u"/hooks/enablex/"_s + project, body, headers);
}

void TestRelayServer::platformExamplesAreStoredWhateverTheContentType()
{
    int stored = 0;
    for (const QByteArray &contentType : {QByteArray(), QByteArray("text/plain"), QByteArray("application/json")}) {
        for (const QByteArray &example : platformExamples) {
            const Reply reply = postHook(u"acme"_s, example, contentType);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json.value(u"result").toInt(-1), 0);
            ++stored;
        }
    }
    const Reply events =
        send("GET", u"/v1/events?after=0&limit=1000"_s, {}, {{"Authorization", "Bearer " + m_token.toLatin1()}});
    QCOMPARE(events.status, 200);
    QCOMPARE(events.json.value(u"events").toArray().size(), stored);
    QCOMPARE(events.json.value(u"head").toInteger(), stored);
}

void TestRelayServer::refusals_data()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<int>("status");
    const QByteArray &good = platformExamples.first();
    QTest::newRow("wrong password") << u"acme"_s << good << QByteArray("platform:wrong") << 401;
    QTest::newRow("wrong user") << u"acme"_s << good << QByteArray("someone:secret") << 401;
    QTest::newRow("no credentials") << u"acme"_s << good << QByteArray() << 401;
    QTest::newRow("unknown project") << u"nobody"_s << good << QByteArray("platform:secret") << 404;
    QTest::newRow("malformed JSON") << u"acme"_s << QByteArray("{\"type\":") << QByteArray("platform:secret") << 400;
    QTest::newRow("JSON array") << u"acme"_s << QByteArray("[1]") << QByteArray("platform:secret") << 400;
    QTest::newRow("no type") << u"acme"_s << QByteArray("{\"a\":1}") << QByteArray("platform:secret") << 400;
    QTest::newRow("2 MiB") << u"acme"_s << QByteArray(2 * 1024 * 1024, ' ') << QByteArray("platform:secret") << 413;
}

void TestRelayServer::refusals()
{
    QFETCH(QString, project);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, credentials);
    QFETCH(int, status);
    const Reply reply = postHook(project, body, "application/json", credentials);
    QCOMPARE(reply.status, status);
    // Nothing refused was stored.
    QCOMPARE(m_server->eventLog().eventCount(), 0);
}

void TestRelayServer::subscriberPollsSignedFramesOfItsProjectsFromACursor()
{
    for (const QByteArray &example : platformExamples)
        QCOMPARE(postHook(u"acme"_s, example).status, 200);
    QCOMPARE(postHook(u"other"_s, platformExamples.first(), {}, {}).status, 200); // no auth on "other"

    QFile keyFile(MasterKey::defaultPath(m_dir->filePath(u"relay.sqlite"_s)));
    QCOMPARE(keyFile.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    // The console verifies with the key its token carries, which is the one derived from the master.
    const std::optional<protocol::SubscriberToken> token = protocol::SubscriberToken::parse(m_token);
    QVERIFY(token);
    const QByteArray key = token->key;
    QCOMPARE(key, protocol::FrameSignature::deriveSubscriberKey(keyFile.readAll(), u"laptop"_s));

    const Reply reply =
        send("GET", u"/v1/events?after=1&limit=2"_s, {}, {{"Authorization", "Bearer " + m_token.toLatin1()}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(u"head").toInteger(), 5);
    const QJsonArray events = reply.json.value(u"events").toArray();
    QCOMPARE(events.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QByteArray frame = QJsonDocument(events.at(i).toObject()).toJson(QJsonDocument::Compact);
        const protocol::StreamFrameCodec::Decoded decoded = protocol::StreamFrameCodec::decode(frame);
        QVERIFY2(decoded.frame, qPrintable(decoded.error));
        const auto &event = std::get<protocol::EventFrame>(*decoded.frame);
        QCOMPARE(event.event.seq, i + 2);
        QCOMPARE(event.event.project, u"acme"_s);
        QCOMPARE(event.event.body, platformExamples.at(i + 1)); // the exact bytes posted
        QVERIFY(protocol::FrameSignature::verify(key, event.event, event.signature));
        QVERIFY(!protocol::FrameSignature::verify(
            protocol::FrameSignature::deriveSubscriberKey(keyFile.fileName().toUtf8(), u"laptop"_s), event.event,
            event.signature));
    }
    // The other subscriber sees only its project's event.
    const Reply other =
        send("GET", u"/v1/events?after=0"_s, {}, {{"Authorization", "Bearer " + m_otherToken.toLatin1()}});
    QCOMPARE(other.status, 200);
    const QJsonArray otherEvents = other.json.value(u"events").toArray();
    QCOMPARE(otherEvents.size(), 1);
    QCOMPARE(otherEvents.at(0).toObject().value(u"seq").toInteger(), 5);
    QCOMPARE(otherEvents.at(0).toObject().value(u"project").toString(), u"other"_s);
}

void TestRelayServer::badTokensAreRefused()
{
    QCOMPARE(send("GET", u"/v1/events"_s, {}, {}).status, 401);
    QCOMPARE(send("GET", u"/v1/events"_s, {}, {{"Authorization", "Bearer crs_wrong"}}).status, 401);
    QCOMPARE(send("GET", u"/v1/events"_s, {}, {{"Authorization", "Basic " + m_token.toLatin1()}}).status, 401);
    QCOMPARE(send("GET", u"/v1/events?after=-1"_s, {}, {{"Authorization", "Bearer " + m_token.toLatin1()}}).status,
             400);
    QCOMPARE(send("GET", u"/v1/events?limit=5000"_s, {}, {{"Authorization", "Bearer " + m_token.toLatin1()}}).status,
             400);
    {
        QString error;
        QSqlDatabase db = RelayDatabase::open(m_dir->filePath(u"relay.sqlite"_s), u"admin"_s, &error);
        QVERIFY(SubscriberRegistry(db, m_masterKey).revoke(u"laptop"_s, &error));
        db = {};
        RelayDatabase::close(u"admin"_s);
    }
    QCOMPARE(send("GET", u"/v1/events"_s, {}, {{"Authorization", "Bearer " + m_token.toLatin1()}}).status, 401);
}

void TestRelayServer::metricsTellFsyncsAndSynchronousMode()
{
    for (const QByteArray &example : platformExamples)
        QCOMPARE(postHook(u"acme"_s, example).status, 200);
    const Reply metrics = send("GET", u"/metrics"_s, {}, {});
    QCOMPARE(metrics.status, 200);
    QVERIFY2(metrics.body.contains("confero_relay_events_committed_total 4\n"), metrics.body.constData());
    QVERIFY(metrics.body.contains("confero_relay_sqlite_synchronous{mode=\"FULL\"} 2\n"));
    // Only the connection asking is open.
    QVERIFY2(metrics.body.contains("confero_relay_connections_open 1\n"), metrics.body.constData());
    const QByteArray name = "\nconfero_relay_fsyncs_total ";
    const qsizetype at = metrics.body.indexOf(name);
    QVERIFY(at >= 0);
    const qsizetype from = at + name.size();
    const qint64 fsyncs = metrics.body.mid(from, metrics.body.indexOf('\n', from) - from).toLongLong();
    QVERIFY(fsyncs >= 1 && fsyncs <= 4);
    QCOMPARE(send("GET", u"/healthz"_s, {}, {}).json.value(u"head").toInteger(), 4);
}

void TestRelayServer::plainHttpIsRefusedOffLoopback()
{
    RelayServer server(RelayServer::Options{m_dir->filePath(u"second.sqlite"_s), {}, {}, {}});
    QString error;
    QVERIFY(!server.start(QHostAddress::Any, 0, &error));
    QVERIFY2(error.contains(u"loopback"_s), qPrintable(error));
}

// The README's `--db /var/lib/confero-relay/relay.sqlite` on a new server: the folder is made,
// readable by the relay's user only; a folder that cannot be made is said plainly.
void TestRelayServer::aNewServersFolderIsMadePrivate()
{
    const QString path = m_dir->filePath(u"var/lib/confero-relay/relay.sqlite"_s);
    QString error;
    QVERIFY2(!MasterKey::loadOrCreate(MasterKey::defaultPath(path), &error).isEmpty(), qPrintable(error));
    {
        QSqlDatabase db = RelayDatabase::open(path, u"fresh"_s, &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
    }
    RelayDatabase::close(u"fresh"_s);
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFileInfo(QFileInfo(path).absolutePath()).permissions()
                 & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther
                    | QFile::ExeOther),
             QFile::Permissions());

    QFile blocker(m_dir->filePath(u"a-file"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString impossible = m_dir->filePath(u"a-file/relay.sqlite"_s);
    error.clear();
    QVERIFY(MasterKey::loadOrCreate(MasterKey::defaultPath(impossible), &error).isEmpty());
    QVERIFY2(error.contains(u"Could not make the folder"_s), qPrintable(error));
    error.clear();
    QVERIFY(!RelayDatabase::open(impossible, u"impossible"_s, &error).isOpen());
    RelayDatabase::close(u"impossible"_s);
    QVERIFY2(error.contains(u"Could not make the folder"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRelayServer)
#include "tst_relayserver.moc"
