// The console's side of "exactly once, in order", shown with the real program: `conferoctl watch`
// (RelayClient + EventInbox into the console's SQLite store) is killed with SIGKILL while the relay
// streams a burst to it, twice, and restarted; and a console that was offline for a whole burst
// connects afterwards. In both, the console's store must end up holding exactly the relay's events:
// each once, none missing, committed in the relay's order.
#include "RelayDatabase.h"
#include "RelayServer.h"
#include "RelayTestDatabase.h"
#include "config/DataDir.h"
#include "config/ProjectStore.h"
#include "relaylink/RelayLinkStore.h"
#include "store/Store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

const QString AppId = u"console-crash-app"_s;
const QString ApiUrl = u"http://127.0.0.1:9/video/v2/"_s;

// Posts webhooks 1..total with `inFlight` at a time; every one must be answered 200 (the relay
// stays up here). `onAnswered` runs after each answer, with how many have been answered.
class Burst final : public QObject
{
    Q_OBJECT

public:
    Burst(const QUrl &url, int total, std::function<void(int)> onAnswered = {})
        : m_url(url)
        , m_total(total)
        , m_onAnswered(std::move(onAnswered))
    {
    }

    void start(int inFlight)
    {
        for (int i = 0; i < inFlight; ++i)
            sendNext();
    }
    bool isDone() const { return m_answered == m_total; }
    int refused() const { return m_refused; }

private:
    void sendNext()
    {
        if (m_sent >= m_total)
            return;
        const int n = ++m_sent;
        QNetworkRequest request(m_url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply =
            m_network.post(request, "{\"type\":\"roomdrop\",\"conf_num\":\"" + QByteArray::number(n) + "\"}");
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            ++m_answered;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                ++m_refused;
            reply->deleteLater();
            if (m_onAnswered)
                m_onAnswered(m_answered);
            sendNext();
        });
    }

    QNetworkAccessManager m_network;
    QUrl m_url;
    int m_total;
    std::function<void(int)> m_onAnswered;
    int m_sent = 0;
    int m_answered = 0;
    int m_refused = 0;
};

// One `conferoctl --json watch` child; reads the acked seq from its output lines.
class Watch
{
public:
    explicit Watch(const QProcessEnvironment &environment) { m_process.setProcessEnvironment(environment); }
    ~Watch() { stop(); }

    bool start()
    {
        m_out.clear();
        m_acked = 0;
        m_process.start(QStringLiteral(CONFEROCTL_PATH), {u"--json"_s, u"watch"_s});
        return m_process.waitForStarted(10000);
    }
    qint64 acked()
    {
        m_out += m_process.readAllStandardOutput();
        const qsizetype end = m_out.lastIndexOf('\n');
        if (end >= 0) {
            for (const QByteArray &line : m_out.first(end).split('\n'))
                m_acked = qMax(m_acked, QJsonDocument::fromJson(line).object().value(u"acked_seq").toInteger());
            m_out.remove(0, end + 1);
        }
        return m_acked;
    }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    void kill()
    {
        m_process.kill(); // SIGKILL: mid-transaction or between commit and ack, wherever it lands
        m_process.waitForFinished(10000);
    }
    bool stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return true;
        m_process.terminate(); // SIGTERM: watch commits and acks what arrived, then exits 0
        return m_process.waitForFinished(20000) && m_process.exitStatus() == QProcess::NormalExit
            && m_process.exitCode() == 0;
    }
    QByteArray errors() { return m_process.readAllStandardError(); }

private:
    QProcess m_process;
    QByteArray m_out;
    qint64 m_acked = 0;
};

struct Delivered
{
    qint64 seq = 0;
    QString id;
    bool operator==(const Delivered &other) const = default;
};

} // namespace

class TestConsoleCrash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void killedMidStreamMissesNothingAndDoublesNothing();
    void offlineForTheWholeBurstGetsAllInOrder();

private:
    QUrl hookUrl() const;
    qint64 relayHead();
    QList<Delivered> relayEvents();
    QList<Delivered> consoleEvents(QString *error);
    void compareStores();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<relay::RelayServer> m_relay;
    QString m_relayPath;
    QString m_dataDir;
    QProcessEnvironment m_environment;
};

void TestConsoleCrash::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_relayPath = m_dir->filePath(u"relay.sqlite"_s);
    QString error;
    const std::optional<QString> created = test::createRelayTestDatabase(m_relayPath, {}, &error);
    QVERIFY2(created, qPrintable(error));
    const QString &token = *created;
    relay::RelayServer::Options options;
    options.databasePath = m_relayPath;
    m_relay = std::make_unique<relay::RelayServer>(options);
    QVERIFY2(m_relay->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));

    // The console's data folder as `conferoctl relay add` leaves it, with the token from the
    // environment instead of the keychain (watch reads CONFERO_RELAY_TOKEN first): no D-Bus needed.
    m_dataDir = m_dir->filePath(u"console"_s);
    QVERIFY2(DataDir::ensure(m_dataDir, &error), qPrintable(error));
    {
        Store store;
        const StoreResult<bool> opened = store.open(Store::defaultLocation(m_dataDir));
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().detail));
        ProjectStore projects(&store);
        Project project;
        project.name = u"Console crash"_s;
        project.apiBaseUrl = QUrl(ApiUrl);
        project.appId = AppId;
        const StoreResult<Project> added = projects.add(project);
        QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
        const StoreResult<bool> linked = RelayLinkStore(&store).set(added.value().id, m_relay->baseUrl());
        QVERIFY2(linked, qPrintable(linked ? QString() : linked.error().message));
    }
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(u"CONFERO_DATA_DIR"_s, m_dataDir);
    m_environment.insert(u"CONFERO_API_URL"_s, ApiUrl);
    m_environment.insert(u"CONFERO_APP_ID"_s, AppId);
    m_environment.insert(u"CONFERO_RELAY_TOKEN"_s, token);
}

void TestConsoleCrash::cleanup()
{
    m_relay.reset();
    m_dir.reset();
}

QUrl TestConsoleCrash::hookUrl() const
{
    return m_relay->baseUrl().resolved(QUrl(u"/hooks/enablex/acme"_s));
}

qint64 TestConsoleCrash::relayHead()
{
    const QList<Delivered> events = relayEvents();
    return events.isEmpty() ? 0 : events.constLast().seq;
}

QList<Delivered> TestConsoleCrash::relayEvents()
{
    QList<Delivered> events;
    QString error;
    {
        QSqlDatabase db = relay::RelayDatabase::open(m_relayPath, u"check"_s, &error);
        QSqlQuery query(db);
        if (!db.isOpen() || !query.exec(u"SELECT seq, id FROM events ORDER BY seq"_s))
            qWarning() << "reading the relay's events:" << error << query.lastError().text();
        while (query.next())
            events.append({query.value(0).toLongLong(), query.value(1).toString()});
    }
    relay::RelayDatabase::close(u"check"_s);
    return events;
}

// The console's events in the order it committed them (rowid order).
QList<Delivered> TestConsoleCrash::consoleEvents(QString *error)
{
    Store store;
    const StoreResult<bool> opened = store.open(Store::defaultLocation(m_dataDir));
    if (!opened) {
        *error = opened.error().detail;
        return {};
    }
    QList<Delivered> events;
    QSqlQuery query(store.database());
    if (!query.exec(u"SELECT relay_seq, relay_id FROM events ORDER BY id"_s)) {
        *error = query.lastError().text();
        return {};
    }
    while (query.next())
        events.append({query.value(0).toLongLong(), query.value(1).toString()});
    return events;
}

// Exactly the relay's events, once each, in the relay's order.
void TestConsoleCrash::compareStores()
{
    const QList<Delivered> expected = relayEvents();
    QString error;
    const QList<Delivered> stored = consoleEvents(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(stored.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (!(stored.at(i) == expected.at(i)))
            QFAIL(qPrintable(u"console event %1 is seq %2 (%3); the relay's is seq %4 (%5)"_s.arg(i)
                                 .arg(stored.at(i).seq)
                                 .arg(stored.at(i).id)
                                 .arg(expected.at(i).seq)
                                 .arg(expected.at(i).id)));
    }
}

void TestConsoleCrash::killedMidStreamMissesNothingAndDoublesNothing()
{
    const int total = 2000;
    Watch watch(m_environment);
    QVERIFY(watch.start());
    // Killed twice while the burst streams to it: once a quarter has been acked, restarted at once,
    // and again at half, then left down while the rest arrives at the relay.
    int kills = 0;
    qint64 ackedAtKill[2] = {0, 0};
    Burst burst(hookUrl(), total, [&](int answered) {
        if (kills >= 2 || answered % 20 != 0)
            return;
        const qint64 acked = watch.acked();
        if (acked < (kills == 0 ? total / 4 : total / 2))
            return;
        watch.kill();
        ackedAtKill[kills++] = acked;
        if (kills == 1)
            QVERIFY(watch.start());
    });
    burst.start(16);
    QTRY_VERIFY_WITH_TIMEOUT(burst.isDone(), 240000);
    QCOMPARE(burst.refused(), 0);
    QCOMPARE(kills, 2);
    const qint64 head = relayHead();
    QCOMPARE(head, qint64(total));
    // The kills landed mid-stream: the relay had taken more than the console had acked.
    QVERIFY2(ackedAtKill[1] < head, qPrintable(u"acked %1 of %2 at the second kill"_s.arg(ackedAtKill[1]).arg(head)));
    qInfo("killed at acked seq %lld and %lld of %lld", ackedAtKill[0], ackedAtKill[1], head);

    QVERIFY(watch.start());
    QTRY_VERIFY_WITH_TIMEOUT(watch.acked() >= head || !watch.isRunning(), 120000);
    QVERIFY2(watch.acked() >= head, watch.errors().constData());
    QVERIFY(watch.stop());
    compareStores();
}

void TestConsoleCrash::offlineForTheWholeBurstGetsAllInOrder()
{
    // Connected once, so the relay knows this console's cursor, then closed for the whole burst.
    {
        Watch first(m_environment);
        QVERIFY(first.start());
        Burst one(hookUrl(), 1);
        one.start(1);
        QTRY_VERIFY_WITH_TIMEOUT(one.isDone(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(first.acked() >= 1, 60000);
        QVERIFY(first.stop());
    }
    const int total = 1500;
    Burst burst(hookUrl(), total);
    burst.start(16);
    QTRY_VERIFY_WITH_TIMEOUT(burst.isDone(), 240000);
    QCOMPARE(burst.refused(), 0);
    const qint64 head = relayHead();
    QCOMPARE(head, qint64(total) + 1);

    Watch watch(m_environment);
    QVERIFY(watch.start());
    QTRY_VERIFY_WITH_TIMEOUT(watch.acked() >= head || !watch.isRunning(), 120000);
    QVERIFY2(watch.acked() >= head, watch.errors().constData());
    QVERIFY(watch.stop());
    compareStores();
}

QTEST_GUILESS_MAIN(TestConsoleCrash)
#include "tst_consolecrash.moc"
