// The sandbox's HTTP limits seen from a client over loopback: a body over the limit is refused
// before it is read (memory stays bounded), and a client that sends one byte a second is cut off.
// The sandbox runs in this thread, so the client never blocks: every wait spins the event loop.
#include "SandboxProcess.h"
#include "SandboxServer.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

#include <array>

using namespace confero;
using confero::test::SandboxProcess;
using namespace Qt::StringLiterals;

class TestSandboxLimits final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void twoMebibyteBodyRefusedBeforeItIsRead();
    void refusedUploadsDoNotGrowTheServer();
    void oneByteASecondIsCutOff();
    void bodyAtTheLimitStillGetsAnAnswer();

private:
    QByteArray basicAuth() const;
    // Reads until the peer closes or the response head and `Content-Length` body are in.
    static QByteArray readResponse(QTcpSocket &socket, int timeoutMs);
    static QByteArray uploadHead(const QByteArray &authorization, qint64 bodySize);

    std::unique_ptr<sandbox::SandboxServer> m_server;
};

void TestSandboxLimits::init()
{
    sandbox::SandboxOptions options;
    options.appId = u"limits-app"_s;
    options.appKey = u"limits-key"_s;
    options.limits.headerTimeoutMs = 1500;
    options.limits.bodyTimeoutMs = 10000;
    m_server = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_server->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

void TestSandboxLimits::cleanup()
{
    m_server.reset();
}

QByteArray TestSandboxLimits::basicAuth() const
{
    return "Basic " + QByteArray("limits-app:limits-key").toBase64();
}

QByteArray TestSandboxLimits::readResponse(QTcpSocket &socket, int timeoutMs)
{
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() == 0) {
            if (socket.state() != QAbstractSocket::ConnectedState)
                break;
            QTest::qWait(20);
            continue;
        }
        data += socket.readAll();
        const qsizetype headEnd = data.indexOf("\r\n\r\n");
        if (headEnd < 0)
            continue;
        const QByteArray head = data.left(headEnd).toLower();
        const qsizetype at = head.indexOf("content-length:");
        if (at < 0)
            continue;
        const qsizetype lineEnd = head.indexOf("\r\n", at);
        const qint64 length = head.mid(at + 15, lineEnd < 0 ? -1 : lineEnd - at - 15).trimmed().toLongLong();
        if (data.size() - headEnd - 4 >= length)
            break;
    }
    data += socket.readAll();
    return data;
}

QByteArray TestSandboxLimits::uploadHead(const QByteArray &authorization, qint64 bodySize)
{
    return "POST /video/v2/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(bodySize) + "\r\n\r\n";
}

void TestSandboxLimits::twoMebibyteBodyRefusedBeforeItIsRead()
{
    // Only the head is sent: a server that waited for the body before judging its size would hold the
    // connection until the body timeout (10 s here) and answer 408, not 413.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 5000);
    socket.write(uploadHead(basicAuth(), 2 * 1024 * 1024));
    QElapsedTimer timer;
    timer.start();
    const QByteArray response = readResponse(socket, 10000);
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.left(200).constData());
    QVERIFY2(timer.elapsed() < 5000, "the 413 came only after the server waited for the body");
}

void TestSandboxLimits::refusedUploadsDoNotGrowTheServer()
{
    // The program runs as its own process so that only the server's memory is measured, not this
    // client's socket buffers. Eight 2 MiB uploads are all in flight at once: a server that buffered
    // them would hold 16 MiB together; one that refuses from the head holds none of it.
    SandboxProcess sandbox;
    const QUrl origin = sandbox.start(
        {u"--listen"_s, u"127.0.0.1:0"_s, u"--app-id"_s, u"limits-app"_s, u"--app-key"_s, u"limits-key"_s});
    QVERIFY(origin.isValid());
    // A first refusal warms up what every connection allocates once (TLS-free, but logging, timers).
    const auto upload = [&](QTcpSocket &socket) {
        socket.connectToHost(QHostAddress::LocalHost, quint16(origin.port()));
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 5000);
        socket.write(uploadHead(basicAuth(), 2 * 1024 * 1024));
        socket.write(QByteArray(2 * 1024 * 1024, 'x'));
    };
    {
        QTcpSocket warmUp;
        upload(warmUp);
        QVERIFY(readResponse(warmUp, 10000).startsWith("HTTP/1.1 413"));
    }
    const qint64 before = sandbox.residentBytes();
    QVERIFY(before > 0);
    std::array<QTcpSocket, 8> sockets;
    for (QTcpSocket &socket : sockets)
        upload(socket);
    for (QTcpSocket &socket : sockets)
        QVERIFY(readResponse(socket, 10000).startsWith("HTTP/1.1 413"));
    const qint64 growth = sandbox.residentBytes() - before;
    qInfo("the sandbox grew by %lld bytes while refusing eight 2 MiB uploads", growth);
    QVERIFY2(growth < 8 * 1024 * 1024, qPrintable(u"the sandbox grew by %1 bytes"_s.arg(growth)));
}

void TestSandboxLimits::oneByteASecondIsCutOff()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 5000);
    const QByteArray request =
        "GET /video/v2/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basicAuth() + "\r\n\r\n";
    // The header timeout (1.5 s here) bounds the whole header block, not the gap between bytes, so a
    // client trickling one byte a second never completes a request.
    QElapsedTimer timer;
    timer.start();
    qsizetype sent = 0;
    while (socket.state() == QAbstractSocket::ConnectedState && sent < request.size() && timer.elapsed() < 15000) {
        socket.write(request.mid(sent, 1));
        ++sent;
        QTest::qWait(1000);
    }
    QVERIFY2(sent < request.size(), "the whole request was sent one byte a second without being cut off");
    // Cut off by the server's timeout, not by this loop's own limit.
    QVERIFY2(timer.elapsed() < 10000, "the server did not close the trickling connection");
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 5000);
    const QByteArray answer = socket.readAll();
    QVERIFY2(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer.left(200).constData());
}

void TestSandboxLimits::bodyAtTheLimitStillGetsAnAnswer()
{
    // Just under the limit is a request like any other: the sandbox reads it and answers in its
    // envelope (here: not JSON -> 400), so the 413 above is about size, not about the route.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 5000);
    const QByteArray body(1024 * 1024 - 16, 'x');
    socket.write("POST /video/v2/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basicAuth()
                 + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    const QByteArray response = readResponse(socket, 10000);
    QVERIFY2(response.startsWith("HTTP/1.1 400"), response.left(200).constData());
    QVERIFY(response.contains("\"result\""));
}

QTEST_GUILESS_MAIN(TestSandboxLimits)
#include "TestSandboxLimits.moc"
