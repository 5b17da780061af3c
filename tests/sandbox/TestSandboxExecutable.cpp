// The confero-sandbox program, started as a process: its "listening on" line, its routes, its
// command-line refusals and --make-cert.

#include "SandboxClient.h"
#include "SandboxProcess.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using confero::test::SandboxClient;
using confero::test::SandboxProcess;

namespace {
const QString Program = QStringLiteral(CONFERO_SANDBOX_EXECUTABLE);
} // namespace

class TestSandboxExecutable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesOverHttp();
    void servesOverHttpsWithMadeCertificate();
    void answersHelpAndVersion();
    void simulatesCdrHistoryFromTheCommandLine();
    void refusesBadCommandLines_data();
    void refusesBadCommandLines();
};

void TestSandboxExecutable::servesOverHttp()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SandboxProcess sandbox;
    const QUrl origin = sandbox.start({u"--listen"_s, u"127.0.0.1:0"_s, u"--app-id"_s, u"exe-app"_s, u"--app-key"_s,
                                       u"exe-key"_s, u"--state"_s, dir.filePath(u"state.json"_s), u"--demo-rooms"_s});
    QVERIFY(origin.isValid());
    QCOMPARE(origin.scheme(), u"http"_s);

    SandboxClient client(origin);
    client.setCredentials(u"exe-app"_s, u"exe-key"_s);
    const SandboxClient::Reply rooms = client.send("GET", u"/video/v2/rooms"_s);
    QCOMPARE(rooms.status, 200);
    QCOMPARE(rooms.body.value(u"rooms").toArray().size(), 4);
    QCOMPARE(client.send("GET", u"/v1/rooms"_s, {}, false).status, 401);
    QCOMPARE(client.send("GET", u"/sandbox/state"_s, {}, false).status, 200);
    sandbox.stop();
    QVERIFY(QFile::exists(dir.filePath(u"state.json"_s)));
}

void TestSandboxExecutable::servesOverHttpsWithMadeCertificate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess maker;
    maker.start(Program, {u"--make-cert"_s, dir.path()});
    QVERIFY(maker.waitForFinished(60000));
    QCOMPARE(maker.exitStatus(), QProcess::NormalExit);
    QVERIFY2(maker.exitCode() == 0, maker.readAllStandardError().constData());
    const QString cert = dir.filePath(u"sandbox-cert.pem"_s);
    const QString key = dir.filePath(u"sandbox-key.pem"_s);
    QVERIFY(QFile::exists(cert));
    QVERIFY(QFile::exists(key));

    SandboxProcess sandbox;
    const QUrl origin = sandbox.start({u"--listen"_s, u"127.0.0.1:0"_s, u"--app-id"_s, u"exe-app"_s, u"--app-key"_s,
                                       u"exe-key"_s, u"--tls-cert"_s, cert, u"--tls-key"_s, key});
    QVERIFY(origin.isValid());
    QCOMPARE(origin.scheme(), u"https"_s);
    SandboxClient client(origin);
    client.setCredentials(u"exe-app"_s, u"exe-key"_s);
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(cert);
    QCOMPARE(certificates.size(), 1);
    client.pinCertificate(certificates.first());
    const SandboxClient::Reply rooms = client.send("GET", u"/video/v2/rooms"_s);
    QCOMPARE(rooms.status, 200);
    QCOMPARE(rooms.result(), 0);
    sandbox.stop();
}

void TestSandboxExecutable::answersHelpAndVersion()
{
    QProcess version;
    version.start(Program, {u"--version"_s});
    QVERIFY(version.waitForFinished(30000));
    QCOMPARE(version.exitCode(), 0);
    QVERIFY(version.readAllStandardOutput().contains(CONFERO_VERSION));

    QProcess help;
    help.start(Program, {u"--help"_s});
    QVERIFY(help.waitForFinished(30000));
    QCOMPARE(help.exitCode(), 0);
    const QByteArray text = help.readAllStandardOutput();
    for (const char *option : {"--listen", "--app-id", "--app-key", "--state", "--tls-cert", "--tls-key",
                               "--demo-rooms", "--make-cert", "--simulate-days", "--sessions-per-day", "--seed"})
        QVERIFY2(text.contains(option), option);
}

void TestSandboxExecutable::simulatesCdrHistoryFromTheCommandLine()
{
    // Two runs with the same seed serve the same history; it ends yesterday (UTC).
    const QDate yesterday = QDateTime::currentDateTimeUtc().date().addDays(-1);
    const QString path = u"/video/v2/cdr/period/%1/%1"_s.arg(yesterday.toString(Qt::ISODate));
    QByteArray answers[2];
    for (QByteArray &answer : answers) {
        SandboxProcess sandbox;
        const QUrl origin =
            sandbox.start({u"--listen"_s, u"127.0.0.1:0"_s, u"--app-id"_s, u"exe-app"_s, u"--app-key"_s, u"exe-key"_s,
                           u"--simulate-days"_s, u"2"_s, u"--sessions-per-day"_s, u"8"_s, u"--seed"_s, u"17"_s});
        QVERIFY(origin.isValid());
        SandboxClient client(origin);
        client.setCredentials(u"exe-app"_s, u"exe-key"_s);
        const SandboxClient::Reply reply = client.send("GET", path);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body.value(u"result"), QJsonValue(u"0"_s));
        QVERIFY(reply.body.value(u"cdr").toArray().size() >= 8 * 2);
        answer = reply.raw;
        sandbox.stop();
    }
    // A run that straddles midnight UTC would see two different "yesterdays"; only then may they differ.
    if (QDateTime::currentDateTimeUtc().date().addDays(-1) == yesterday)
        QCOMPARE(answers[0], answers[1]);
}

void TestSandboxExecutable::refusesBadCommandLines_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no credentials") << QStringList{u"--listen"_s, u"127.0.0.1:0"_s} << u"--app-id"_s;
    QTest::newRow("non-loopback without TLS")
        << QStringList{u"--listen"_s, u"0.0.0.0:0"_s, u"--app-id"_s, u"a"_s, u"--app-key"_s, u"k"_s} << u"TLS"_s;
    QTest::newRow("bad listen") << QStringList{u"--listen"_s, u"localhost"_s, u"--app-id"_s,
                                               u"a"_s,        u"--app-key"_s, u"k"_s}
                                << u"ADDR:PORT"_s;
    QTest::newRow("bad simulation") << QStringList{u"--app-id"_s,        u"a"_s,   u"--app-key"_s, u"k"_s,
                                                   u"--simulate-days"_s, u"many"_s}
                                    << u"--simulate-days"_s;
    QTest::newRow("cert without key") << QStringList{u"--app-id"_s, u"a"_s,          u"--app-key"_s,
                                                     u"k"_s,        u"--tls-cert"_s, u"/nonexistent.pem"_s}
                                      << u"--tls-key"_s;
}

void TestSandboxExecutable::refusesBadCommandLines()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, reason);
    QProcess process;
    process.start(Program, arguments);
    QVERIFY(process.waitForFinished(30000));
    QVERIFY(process.exitCode() != 0);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(!process.readAllStandardOutput().contains("listening on"));
}

QTEST_GUILESS_MAIN(TestSandboxExecutable)
#include "TestSandboxExecutable.moc"
