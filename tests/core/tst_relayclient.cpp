// The console's relay link against a real confero-relay in this process and a real store (SQLite and
// PostgreSQL): everything the relay acknowledged reaches the store exactly once and in order, also
// when the console was offline for the whole burst, restarted, or the relay restarted under it; a
// tampered frame is refused and nothing of it stored.
#include "MasterKey.h"
#include "RelayDatabase.h"
#include "RelayProjects.h"
#include "RelayServer.h"
#include "SelfSignedCertificate.h"
#include "StoreBackends.h"
#include "StreamFrameCodec.h"
#include "SubscriberRegistry.h"
#include "relaylink/EventInbox.h"
#include "relaylink/RelayClient.h"
#include "store/Store.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace confero;
using namespace Qt::StringLiterals;

class TestRelayClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void burstWhileOfflineArrivesOnceInOrder_data() { test::StoreBackends::addRows(); }
    void burstWhileOfflineArrivesOnceInOrder();
    void restartsOfConsoleAndRelayLoseAndDoubleNothing_data() { test::StoreBackends::addRows(); }
    void restartsOfConsoleAndRelayLoseAndDoubleNothing();
    void tamperedFrameIsRefused();
    void relayOverHttpsWithATrustedSelfSignedCertificate();
    void tokenThatIsNotARelayTokenIsRefused();

private:
    bool openStore();
    void startRelay(quint16 port = 0);
    void post(int n);
    QList<qint64> storedSeqs();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::StoreBackends> m_backends;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;
    std::unique_ptr<relay::RelayServer> m_relay;
    QNetworkAccessManager m_network;
    QString m_token;
};

void TestRelayClient::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_backends = std::make_unique<test::StoreBackends>();
    QString backendError;
    QVERIFY2(m_backends->init(&backendError), qPrintable(backendError));
    const QString path = m_dir->filePath(u"relay.sqlite"_s);
    QString error;
    const QByteArray master = relay::MasterKey::loadOrCreate(relay::MasterKey::defaultPath(path), &error);
    QVERIFY2(!master.isEmpty(), qPrintable(error));
    QSqlDatabase db = relay::RelayDatabase::open(path, u"setup"_s, &error);
    QVERIFY2(db.isOpen(), qPrintable(error));
    QVERIFY2(relay::RelayProjects(db).add(u"acme"_s, {}, &error), qPrintable(error));
    m_token = relay::SubscriberRegistry(db, master).add(u"laptop"_s, {u"acme"_s}, &error).value_or(QString());
    QVERIFY2(!m_token.isEmpty(), qPrintable(error));
    db = {};
    relay::RelayDatabase::close(u"setup"_s);
}

void TestRelayClient::cleanup()
{
    m_relay.reset();
    m_store.reset();
    QString error;
    QVERIFY2(m_backends->dropSchemas(&error), qPrintable(error));
    m_backends.reset();
    m_dir.reset();
}

bool TestRelayClient::openStore()
{
    QFETCH(bool, postgres);
    if (postgres && !m_backends->hasPostgres()) {
        QTest::qSkip("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL", __FILE__, __LINE__);
        return false;
    }
    QString error;
    m_store = m_backends->open(postgres, &m_projectId, &error);
    if (!m_store)
        qWarning() << error;
    return bool(m_store);
}

void TestRelayClient::startRelay(quint16 port)
{
    relay::RelayServer::Options options;
    options.databasePath = m_dir->filePath(u"relay.sqlite"_s);
    m_relay = std::make_unique<relay::RelayServer>(options);
    QString error;
    QVERIFY2(m_relay->start(QHostAddress::LocalHost, port, &error), qPrintable(error));
}

void TestRelayClient::post(int n)
{
    QNetworkRequest request(m_relay->baseUrl().resolved(QUrl(u"/hooks/enablex/acme"_s)));
    QNetworkReply *reply =
        m_network.post(request, "{\"type\":\"roomdrop\",\"conf_num\":\"" + QByteArray::number(n) + "\"}");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

QList<qint64> TestRelayClient::storedSeqs()
{
    QList<qint64> seqs;
    QSqlQuery query(m_store->database());
    query.exec(u"SELECT relay_seq FROM events ORDER BY id"_s);
    while (query.next())
        seqs.append(query.value(0).toLongLong());
    return seqs;
}

void TestRelayClient::burstWhileOfflineArrivesOnceInOrder()
{
    if (!openStore())
        return;
    startRelay();
    const int burst = 300;
    for (int i = 1; i <= burst; ++i)
        post(i);
    RelayClient client(m_store.get(), m_projectId, m_relay->baseUrl(), m_token);
    QVERIFY(client.start());
    QTRY_COMPARE_WITH_TIMEOUT(client.cursor(), burst, 30000);
    QList<qint64> expected;
    for (int i = 1; i <= burst; ++i)
        expected.append(i);
    QCOMPARE(storedSeqs(), expected);
    QSqlQuery query(m_store->database());
    QVERIFY(query.exec(u"SELECT type, body FROM events WHERE relay_seq = 7"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"roomdrop"_s);
    QCOMPARE(query.value(1).toString(), u"{\"type\":\"roomdrop\",\"conf_num\":\"7\"}"_s);
    // The relay heard the acks: the subscriber's cursor moved to the end.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QSqlDatabase relayDb = QSqlDatabase::database(u"relay-check"_s, false);
            if (!relayDb.isValid()) {
                relayDb = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"relay-check"_s);
                relayDb.setDatabaseName(m_dir->filePath(u"relay.sqlite"_s));
                relayDb.open();
            }
            QSqlQuery acked(relayDb);
            return acked.exec(u"SELECT acked_seq FROM subscribers WHERE name = 'laptop'"_s) && acked.next()
                && acked.value(0).toLongLong() == burst;
        }(),
        20000);
    QSqlDatabase::removeDatabase(u"relay-check"_s);
}

void TestRelayClient::restartsOfConsoleAndRelayLoseAndDoubleNothing()
{
    if (!openStore())
        return;
    startRelay();
    const quint16 port = m_relay->port();
    RetryPolicy quick;
    quick.initialBackoffMs = 50;
    quick.maxBackoffMs = 200;
    {
        RelayClient client(m_store.get(), m_projectId, m_relay->baseUrl(), m_token);
        client.setRetryPolicy(quick);
        QVERIFY(client.start());
        for (int i = 1; i <= 20; ++i)
            post(i);
        QTRY_COMPARE_WITH_TIMEOUT(client.cursor(), 20, 20000);
    } // the console quits
    for (int i = 21; i <= 30; ++i)
        post(i);
    RelayClient client(m_store.get(), m_projectId, m_relay->baseUrl(), m_token);
    client.setRetryPolicy(quick);
    QVERIFY(client.start());
    QCOMPARE(client.cursor(), 20); // resumed from what the store holds
    QTRY_COMPARE_WITH_TIMEOUT(client.cursor(), 30, 20000);

    // The relay goes away and comes back on the same address; the client reconnects by itself.
    const QUrl relayUrl = m_relay->baseUrl();
    m_relay.reset();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), RelayClient::State::Waiting, 10000);
    startRelay(port);
    QCOMPARE(m_relay->baseUrl(), relayUrl);
    for (int i = 31; i <= 40; ++i)
        post(i);
    QTRY_COMPARE_WITH_TIMEOUT(client.cursor(), 40, 30000);

    QList<qint64> expected;
    for (int i = 1; i <= 40; ++i)
        expected.append(i);
    QCOMPARE(storedSeqs(), expected);

    // Frames sent again (an older cursor) are absorbed by the relay id: nothing doubles.
    {
        EventInbox inbox(m_store->database(), m_projectId, relayUrl.toString());
        QSqlQuery query(m_store->database());
        QVERIFY(query.exec(u"SELECT relay_id, relay_seq, received_at, body FROM events WHERE relay_seq <= 5"_s));
        QList<protocol::StreamEvent> again;
        while (query.next())
            again.append({query.value(1).toLongLong(), query.value(0).toString(), u"acme"_s,
                          query.value(2).toLongLong(), query.value(3).toString().toUtf8()});
        QCOMPARE(again.size(), 5);
        const StoreResult<int> added = inbox.store(again);
        QVERIFY(added);
        QCOMPARE(added.value(), 0);
        QCOMPARE(inbox.cursor().value(), 40); // an old seq never moves the cursor back
    }
    QCOMPARE(storedSeqs().size(), 40);
}

void TestRelayClient::tamperedFrameIsRefused()
{
    // A relay impostor (or a proxy that changes bodies): it signs with a key that is not the token's.
    QString error;
    m_store = m_backends->open(false, &m_projectId, &error);
    QVERIFY2(m_store, qPrintable(error));
    QWebSocketServer impostor(u"impostor"_s, QWebSocketServer::NonSecureMode);
    QVERIFY(impostor.listen(QHostAddress::LocalHost, 0));
    connect(&impostor, &QWebSocketServer::newConnection, this, [&impostor] {
        QWebSocket *socket = impostor.nextPendingConnection();
        socket->setParent(&impostor); // QWebSocketServer hands out sockets without a parent
        const protocol::StreamEvent event{1, u"e1"_s, u"acme"_s, 1, QByteArray("{\"type\":\"roomdrop\"}")};
        socket->sendTextMessage(
            QString::fromUtf8(*protocol::StreamFrameCodec::encodeEvent(event, QByteArray(32, 'x'))));
    });
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(impostor.serverPort());
    RelayClient client(m_store.get(), m_projectId, url, m_token);
    QSignalSpy problems(&client, &RelayClient::problem);
    QVERIFY(client.start());
    QTRY_VERIFY_WITH_TIMEOUT(!problems.isEmpty(), 10000);
    QVERIFY(problems.first().at(0).toString().contains(u"signature"_s));
    QCOMPARE(storedSeqs().size(), 0);
    QCOMPARE(client.cursor(), 0);
    client.stop();
}

void TestRelayClient::relayOverHttpsWithATrustedSelfSignedCertificate()
{
    QString error;
    m_store = m_backends->open(false, &m_projectId, &error);
    QVERIFY2(m_store, qPrintable(error));
    const QString cert = m_dir->filePath(u"cert.pem"_s);
    const QString key = m_dir->filePath(u"key.pem"_s);
    QVERIFY2(http::SelfSignedCertificate::generate(cert, key, {u"127.0.0.1"_s, u"localhost"_s}, &error),
             qPrintable(error));
    const std::optional<QSslConfiguration> tls =
        http::SelfSignedCertificate::loadServerConfiguration(cert, key, &error);
    QVERIFY2(tls, qPrintable(error));
    relay::RelayServer::Options options;
    options.databasePath = m_dir->filePath(u"relay.sqlite"_s);
    m_relay = std::make_unique<relay::RelayServer>(options);
    m_relay->setTls(*tls);
    QVERIFY2(m_relay->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QCOMPARE(m_relay->baseUrl().scheme(), u"https"_s);

    // Without trusting it, the link refuses the certificate, says so, and stores nothing.
    {
        RelayClient untrusting(m_store.get(), m_projectId, m_relay->baseUrl(), m_token);
        QSignalSpy problems(&untrusting, &RelayClient::problem);
        QVERIFY(untrusting.start());
        QTRY_VERIFY_WITH_TIMEOUT(!problems.isEmpty(), 20000);
        QVERIFY2(problems.first().at(0).toString().contains(u"certificate"_s),
                 qPrintable(problems.first().at(0).toString()));
        QCOMPARE(untrusting.cursor(), 0);
    }
    RelayClient client(m_store.get(), m_projectId, m_relay->baseUrl(), m_token);
    client.setTrustedCertificates(QSslCertificate::fromPath(cert));
    QVERIFY(client.start());
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), RelayClient::State::Streaming, 20000);
    // Webhooks over HTTPS too (the platform only posts to HTTPS).
    QNetworkRequest request(m_relay->baseUrl().resolved(QUrl(u"/hooks/enablex/acme"_s)));
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(QSslCertificate::fromPath(cert));
    request.setSslConfiguration(ssl);
    QNetworkReply *reply = m_network.post(request, QByteArray("{\"type\":\"roomdrop\"}"));
    reply->ignoreSslErrors({QSslError(QSslError::SelfSignedCertificate, QSslCertificate::fromPath(cert).constFirst())});
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QTRY_COMPARE_WITH_TIMEOUT(client.cursor(), 1, 20000);
    QCOMPARE(storedSeqs(), QList<qint64>{1});
}

void TestRelayClient::tokenThatIsNotARelayTokenIsRefused()
{
    QString error;
    m_store = m_backends->open(false, &m_projectId, &error);
    QVERIFY2(m_store, qPrintable(error));
    RelayClient client(m_store.get(), m_projectId, QUrl(u"http://127.0.0.1:1"_s), u"hunter2"_s);
    QSignalSpy problems(&client, &RelayClient::problem);
    QVERIFY(!client.start());
    QCOMPARE(problems.size(), 1);
    QCOMPARE(client.state(), RelayClient::State::Stopped);
}

QTEST_GUILESS_MAIN(TestRelayClient)
#include "tst_relayclient.moc"
