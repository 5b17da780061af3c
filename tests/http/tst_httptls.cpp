// confero_http over TLS when the client is the one that closes: the server must let go of the
// socket once, through the connection that owns it. (The listener used to delete a finished TLS
// socket on disconnect as well, and the connection then touched it after it was gone: confero-relay
// crashed on the first webhook a client posted over HTTPS and then closed.)
#include "HttpServer.h"
#include "SelfSignedCertificate.h"

#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace confero::http;
using namespace Qt::StringLiterals;

class TestHttpTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientsThatCloseFirstLeaveTheServerServing();
};

void TestHttpTls::clientsThatCloseFirstLeaveTheServerServing()
{
    QTemporaryDir dir;
    const QString cert = dir.filePath(u"cert.pem"_s);
    const QString key = dir.filePath(u"key.pem"_s);
    QString error;
    QVERIFY2(SelfSignedCertificate::generate(cert, key, {u"127.0.0.1"_s}, &error), qPrintable(error));
    const std::optional<QSslConfiguration> tls = SelfSignedCertificate::loadServerConfiguration(cert, key, &error);
    QVERIFY2(tls, qPrintable(error));

    HttpServer server;
    server.setTlsConfiguration(*tls);
    int handled = 0;
    server.setRequestHandler([&handled](const HttpRequest &, const HttpResponder &responder) {
        ++handled;
        responder.respond(HttpResponse::text(200, "ok"));
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QList<QSslCertificate> trusted = QSslCertificate::fromPath(cert);

    for (int round = 1; round <= 20; ++round) {
        QSslSocket client;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(trusted);
        client.setSslConfiguration(configuration);
        client.ignoreSslErrors({QSslError(QSslError::SelfSignedCertificate, trusted.constFirst())});
        client.connectToHostEncrypted(u"127.0.0.1"_s, server.serverPort());
        // The server runs in this thread: wait by spinning the event loop, never by blocking it.
        QTRY_VERIFY_WITH_TIMEOUT(client.isEncrypted(), 10000);
        client.write("POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
        QByteArray response;
        QTRY_VERIFY_WITH_TIMEOUT((response += client.readAll()).endsWith("ok"), 10000);
        QVERIFY(response.startsWith("HTTP/1.1 200"));
        // Every other round the client aborts instead of closing politely.
        if (round % 2)
            client.disconnectFromHost();
        else
            client.abort();
        // Let the server see the close and delete what it owns.
        QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, 10000);
        QTest::qWait(10);
    }
    QCOMPARE(handled, 20);
}

QTEST_GUILESS_MAIN(TestHttpTls)
#include "tst_httptls.moc"
