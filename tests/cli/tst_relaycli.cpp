// conferoctl relay add/show/remove and watch, the built binary against a real confero-relay in this
// process: the token goes to the keychain, watch stores what the relay took while it was away and
// what arrives while it runs, acks it, and stops cleanly on SIGTERM. Needs the keychain
// (dbus-run-session + gnome-keyring); skips visibly without a D-Bus session.
#include "CliRunner.h"
#include "MasterKey.h"
#include "RelayDatabase.h"
#include "RelayProjects.h"
#include "RelayServer.h"
#include "SubscriberRegistry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

class TestRelayCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void badAddressesAndTokensAreRefused();
    void watchStoresWhatTheRelayTookThenStopsCleanly();

private:
    void post(int n);

    QTemporaryDir m_dir;
    std::unique_ptr<relay::RelayServer> m_relay;
    std::unique_ptr<CliRunner> m_cli;
    QNetworkAccessManager m_network;
    QString m_token;
};

void TestRelayCli::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("SKIPPED: no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset); run under dbus-run-session "
              "with gnome-keyring, as ./confero.sh test does");
    const QString path = m_dir.filePath(u"relay.sqlite"_s);
    QString error;
    const QByteArray master = relay::MasterKey::loadOrCreate(relay::MasterKey::defaultPath(path), &error);
    QVERIFY2(!master.isEmpty(), qPrintable(error));
    {
        QSqlDatabase db = relay::RelayDatabase::open(path, u"setup"_s, &error);
        QVERIFY2(db.isOpen(), qPrintable(error));
        QVERIFY2(relay::RelayProjects(db).add(u"acme"_s, {}, &error), qPrintable(error));
        m_token = relay::SubscriberRegistry(db, master).add(u"laptop"_s, {u"acme"_s}, &error).value_or(QString());
        QVERIFY2(!m_token.isEmpty(), qPrintable(error));
        db = {};
        relay::RelayDatabase::close(u"setup"_s);
    }
    relay::RelayServer::Options options;
    options.databasePath = path;
    m_relay = std::make_unique<relay::RelayServer>(options);
    QVERIFY2(m_relay->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"CONFERO_DATA_DIR"_s, m_dir.filePath(u"console"_s));
    // The project comes from the environment; watch needs no App Key.
    environment.insert(u"CONFERO_API_URL"_s, u"http://127.0.0.1:9/video/v2/"_s);
    environment.insert(u"CONFERO_APP_ID"_s, u"relay-cli-app"_s);
    environment.remove(u"CONFERO_RELAY_TOKEN"_s);
    m_cli = std::make_unique<CliRunner>(environment);
}

void TestRelayCli::post(int n)
{
    QNetworkReply *reply = m_network.post(QNetworkRequest(m_relay->baseUrl().resolved(QUrl(u"/hooks/enablex/acme"_s))),
                                          "{\"type\":\"roomdrop\",\"conf_num\":\"" + QByteArray::number(n) + "\"}");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

void TestRelayCli::badAddressesAndTokensAreRefused()
{
    CliRun run = m_cli->run({u"relay"_s, u"add"_s, u"--url"_s, u"ftp://relay"_s, u"--token"_s, m_token});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.errLines().constFirst().contains(u"https://"_s));
    run = m_cli->run({u"relay"_s, u"add"_s, u"--url"_s, m_relay->baseUrl().toString(), u"--token"_s, u"hunter2"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.errLines().constFirst().contains(u"crs_"_s));
    run = m_cli->run({u"relay"_s, u"show"_s});
    QCOMPARE(run.exitCode, 1);
    run = m_cli->run({u"watch"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.errLines().constFirst().contains(u"relay add"_s));
}

void TestRelayCli::watchStoresWhatTheRelayTookThenStopsCleanly()
{
    CliRun run = m_cli->run({u"relay"_s, u"add"_s, u"--url"_s, m_relay->baseUrl().toString(), u"--token"_s, m_token});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    for (int i = 1; i <= 3; ++i)
        post(i); // before watch runs

    QProcess watch;
    watch.setProcessEnvironment(m_cli->environment());
    watch.start(QStringLiteral(CONFEROCTL_PATH), {u"--json"_s, u"watch"_s});
    QVERIFY(watch.waitForStarted(10000));
    qint64 acked = 0;
    QByteArray out;
    const auto waitForAcked = [&](qint64 wanted) {
        QDeadlineTimer deadline(30000);
        while (acked < wanted && !deadline.hasExpired() && watch.state() == QProcess::Running) {
            QTest::qWait(50);
            out += watch.readAllStandardOutput();
            for (const QByteArray &line : out.split('\n'))
                acked = qMax(acked, QJsonDocument::fromJson(line).object().value(u"acked_seq").toInteger());
        }
        return acked >= wanted;
    };
    QVERIFY2(waitForAcked(3), out.constData());
    post(4);
    post(5);
    QVERIFY2(waitForAcked(5), out.constData());
    watch.terminate(); // SIGTERM
    QVERIFY(watch.waitForFinished(20000));
    QCOMPARE(watch.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watch.exitCode(), 0);

    run = m_cli->run({u"--json"_s, u"relay"_s, u"show"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(u"acked_seq").toInteger(), 5);
    // The token is in the keychain, not in the data folder.
    QVERIFY(!m_token.isEmpty());
    run = m_cli->run({u"relay"_s, u"remove"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(m_cli->run({u"relay"_s, u"show"_s}).exitCode, 1);
}

QTEST_GUILESS_MAIN(TestRelayCli)
#include "tst_relaycli.moc"
