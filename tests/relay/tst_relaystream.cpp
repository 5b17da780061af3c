// The relay's WebSocket stream over loopback: a console that was offline gets everything since its
// acked seq, in order, signed with the key its token carries; live events follow; acks move the
// cursor; a console that stops acknowledging is cut off without holding up another; garbage and bad
// tokens are refused.
#include "FrameSignature.h"
#include "MasterKey.h"
#include "RelayDatabase.h"
#include "RelayProjects.h"
#include "RelayServer.h"
#include "StreamFrameCodec.h"
#include "StreamHub.h"
#include "SubscriberRegistry.h"
#include "SubscriberToken.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace confero;
using namespace confero::relay;
using namespace Qt::StringLiterals;

namespace {

// A console's end of the stream, as simple as a test needs: it collects frames and acks on demand.
class TestConsole final : public QObject
{
    Q_OBJECT

public:
    TestConsole(const QUrl &url, const QString &token)
    {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const protocol::StreamFrameCodec::Decoded decoded = protocol::StreamFrameCodec::decode(text.toUtf8());
            if (!decoded.frame)
                return;
            if (const auto *event = std::get_if<protocol::EventFrame>(&*decoded.frame))
                events.append(*event);
            else if (const auto *heartbeat = std::get_if<protocol::HeartbeatFrame>(&*decoded.frame))
                heartbeats.append(*heartbeat);
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] { closed = true; });
        socket.open(request);
    }
    void ack(qint64 seq) { socket.sendTextMessage(QString::fromUtf8(protocol::StreamFrameCodec::encodeAck({seq}))); }

    QWebSocket socket;
    QList<protocol::EventFrame> events;
    QList<protocol::HeartbeatFrame> heartbeats;
    bool closed = false;
};

} // namespace

class TestRelayStream final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void offlineConsoleGetsEverythingSinceItsAckThenLiveEvents();
    void heartbeatsTellTheHeadWhenQuiet();
    void aConsoleThatStopsAckingIsCutOffAndTheOtherGoesOn();
    void badTokensAndGarbageAreRefused();
    void liveGroupsMixingProjectsSendOnlyTheConsolesOwn();

private:
    void startServer(const StreamSession::Limits &limits);
    void post(int n);
    QUrl streamUrl(const QString &query = {}) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RelayServer> m_server;
    QNetworkAccessManager m_network;
    QString m_token;
    QString m_otherToken;
};

void TestRelayStream::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(u"relay.sqlite"_s);
    QString error;
    const QByteArray master = MasterKey::loadOrCreate(MasterKey::defaultPath(path), &error);
    QVERIFY2(!master.isEmpty(), qPrintable(error));
    QSqlDatabase db = RelayDatabase::open(path, u"setup"_s, &error);
    QVERIFY2(db.isOpen(), qPrintable(error));
    QVERIFY2(RelayProjects(db).add(u"acme"_s, {}, &error), qPrintable(error));
    m_token = SubscriberRegistry(db, master).add(u"laptop"_s, {u"acme"_s}, &error).value_or(QString());
    m_otherToken = SubscriberRegistry(db, master).add(u"desk"_s, {u"acme"_s}, &error).value_or(QString());
    QVERIFY2(!m_token.isEmpty() && !m_otherToken.isEmpty(), qPrintable(error));
    db = {};
    RelayDatabase::close(u"setup"_s);
}

void TestRelayStream::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestRelayStream::startServer(const StreamSession::Limits &limits)
{
    RelayServer::Options options;
    options.databasePath = m_dir->filePath(u"relay.sqlite"_s);
    options.stream = limits;
    m_server = std::make_unique<RelayServer>(options);
    QString error;
    QVERIFY2(m_server->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

void TestRelayStream::post(int n)
{
    QNetworkRequest request(m_server->baseUrl().resolved(QUrl(u"/hooks/enablex/acme"_s)));
    QNetworkReply *reply =
        m_network.post(request, "{\"type\":\"roomdrop\",\"conf_num\":\"" + QByteArray::number(n) + "\"}");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

QUrl TestRelayStream::streamUrl(const QString &query) const
{
    QUrl url = m_server->baseUrl().resolved(QUrl(u"/v1/stream"_s));
    url.setScheme(u"ws"_s);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

void TestRelayStream::offlineConsoleGetsEverythingSinceItsAckThenLiveEvents()
{
    startServer({});
    for (int i = 1; i <= 5; ++i)
        post(i);
    const QByteArray key = protocol::SubscriberToken::parse(m_token)->key;
    {
        TestConsole console(streamUrl(), m_token);
        QTRY_COMPARE_WITH_TIMEOUT(console.events.size(), 5, 20000);
        for (int i = 0; i < 5; ++i) {
            const protocol::EventFrame &frame = console.events.at(i);
            QCOMPARE(frame.event.seq, i + 1);
            QCOMPARE(frame.event.body, "{\"type\":\"roomdrop\",\"conf_num\":\"" + QByteArray::number(i + 1) + "\"}");
            QVERIFY(protocol::FrameSignature::verify(key, frame.event, frame.signature));
        }
        console.ack(3);
        // Live: committed while connected, sent at once.
        post(6);
        QTRY_COMPARE_WITH_TIMEOUT(console.events.size(), 6, 20000);
        QCOMPARE(console.events.constLast().event.seq, 6);
        console.socket.close();
        QTRY_VERIFY_WITH_TIMEOUT(console.closed, 10000);
    }
    post(7); // while the console is away
    // It resumes after its last ack (3): 4..7 again, in order; its store dedupes on the relay id.
    TestConsole again(streamUrl(), m_token);
    QTRY_COMPARE_WITH_TIMEOUT(again.events.size(), 4, 20000);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(again.events.at(i).event.seq, i + 4);
    // after= overrides the stored cursor.
    TestConsole fromSix(streamUrl(u"after=6"_s), m_token);
    QTRY_COMPARE_WITH_TIMEOUT(fromSix.events.size(), 1, 20000);
    QCOMPARE(fromSix.events.constFirst().event.seq, 7);
}

void TestRelayStream::heartbeatsTellTheHeadWhenQuiet()
{
    StreamSession::Limits limits;
    limits.heartbeatMs = 200;
    startServer(limits);
    post(1);
    TestConsole console(streamUrl(u"after=1"_s), m_token);
    QTRY_VERIFY_WITH_TIMEOUT(console.heartbeats.size() >= 2, 10000);
    QCOMPARE(console.heartbeats.constLast().head, 1);
    QCOMPARE(console.events.size(), 0);
}

void TestRelayStream::aConsoleThatStopsAckingIsCutOffAndTheOtherGoesOn()
{
    StreamSession::Limits limits;
    limits.maxUnacked = 3;
    limits.stallTimeoutMs = 500;
    startServer(limits);
    TestConsole stuck(streamUrl(), m_token);
    TestConsole healthy(streamUrl(), m_otherToken);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->streamHub()->sessionCount(), 2, 10000);
    for (int i = 1; i <= 10; ++i)
        post(i);
    // The healthy console acks as frames come and gets all ten, three at most in flight.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            if (!healthy.events.isEmpty())
                healthy.ack(healthy.events.constLast().event.seq);
            return healthy.events.size() == 10;
        }(),
        20000);
    // The stuck one got the window (3) and nothing more, then was cut off.
    QTRY_VERIFY_WITH_TIMEOUT(stuck.closed, 10000);
    QCOMPARE(stuck.events.size(), 3);
    QCOMPARE(stuck.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(!healthy.closed);
}

void TestRelayStream::badTokensAndGarbageAreRefused()
{
    startServer({});
    TestConsole wrong(streamUrl(), u"crs_nope.nope"_s);
    QTRY_VERIFY_WITH_TIMEOUT(wrong.closed || wrong.socket.error() != QAbstractSocket::UnknownSocketError, 10000);
    QVERIFY(wrong.socket.state() != QAbstractSocket::ConnectedState);

    TestConsole garbage(streamUrl(), m_token);
    QTRY_COMPARE_WITH_TIMEOUT(garbage.socket.state(), QAbstractSocket::ConnectedState, 10000);
    garbage.socket.sendTextMessage(u"{\"seq\":1}"_s);
    QTRY_VERIFY_WITH_TIMEOUT(garbage.closed, 10000);
    QCOMPARE(garbage.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

    // An ack of a seq never sent is a broken console, not a cursor to trust.
    post(1);
    TestConsole liar(streamUrl(), m_token);
    QTRY_COMPARE_WITH_TIMEOUT(liar.events.size(), 1, 10000);
    liar.ack(99);
    QTRY_VERIFY_WITH_TIMEOUT(liar.closed, 10000);
}

// A console that is caught up is sent the group just committed from memory (EventLog::recent);
// groups that mix projects must still reach it filtered, in order, with nothing skipped.
void TestRelayStream::liveGroupsMixingProjectsSendOnlyTheConsolesOwn()
{
    {
        QString error;
        QSqlDatabase db = RelayDatabase::open(m_dir->filePath(u"relay.sqlite"_s), u"setup"_s, &error);
        QVERIFY2(RelayProjects(db).add(u"beta"_s, {}, &error), qPrintable(error));
        db = {};
        RelayDatabase::close(u"setup"_s);
    }
    startServer({});
    TestConsole console(streamUrl(), m_token); // acme only
    QTRY_VERIFY_WITH_TIMEOUT(console.socket.state() == QAbstractSocket::ConnectedState, 20000);
    // Sent all at once, so the writer's groups hold both projects.
    QList<QNetworkReply *> replies;
    for (int n = 1; n <= 40; ++n) {
        const QString project = n % 2 ? u"acme"_s : u"beta"_s;
        QNetworkRequest request(m_server->baseUrl().resolved(QUrl(u"/hooks/enablex/"_s + project)));
        replies.append(
            m_network.post(request, "{\"type\":\"roomdrop\",\"conf_num\":\"" + QByteArray::number(n) + "\"}"));
    }
    for (QNetworkReply *reply : std::as_const(replies)) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    QTRY_COMPARE_WITH_TIMEOUT(console.events.size(), 20, 20000);
    QTest::qWait(200); // nothing more may come
    QCOMPARE(console.events.size(), 20);
    QSet<QByteArray> bodies;
    for (qsizetype i = 0; i < console.events.size(); ++i) {
        const protocol::StreamEvent &event = console.events.at(i).event;
        QCOMPARE(event.project, u"acme"_s);
        if (i > 0)
            QVERIFY(event.seq > console.events.at(i - 1).event.seq);
        bodies.insert(event.body);
    }
    for (int n = 1; n <= 40; n += 2)
        QVERIFY(bodies.contains("{\"type\":\"roomdrop\",\"conf_num\":\"" + QByteArray::number(n) + "\"}"));
}

QTEST_GUILESS_MAIN(TestRelayStream)
#include "tst_relaystream.moc"
