// "Nothing acknowledged is ever lost", shown with the real program: confero-relay is killed with
// SIGKILL in the middle of a stream of webhooks from a sender that records which ones got 200; after
// a restart, a console's relay link must store every one of those exactly once (and nothing twice).
#include "RelayTestDatabase.h"
#include "RelayTestProcess.h"
#include "StoreBackends.h"
#include "relaylink/RelayClient.h"
#include "store/Store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

// A purpose-built webhook sender: `inFlight` requests at a time until `total`, noting which were
// answered 200, calling `kill` once half of `total` were.
class WebhookBurst final : public QObject
{
    Q_OBJECT

public:
    WebhookBurst(const QUrl &url, int total, std::function<void()> kill)
        : m_url(url)
        , m_total(total)
        , m_kill(std::move(kill))
    {
    }

    void start(int inFlight)
    {
        for (int i = 0; i < inFlight; ++i)
            sendNext();
    }
    bool killed() const { return m_killed; }
    bool isIdle() const { return m_answered == m_sent; }
    int sent() const { return m_sent; }
    QSet<int> acknowledged() const { return m_acknowledged; }

private:
    void sendNext()
    {
        if (m_sent >= m_total || m_killed)
            return;
        const int n = ++m_sent;
        QNetworkRequest request(m_url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply =
            m_network.post(request, "{\"type\":\"roomdrop\",\"conf_num\":\"" + QByteArray::number(n) + "\"}");
        connect(reply, &QNetworkReply::finished, this, [this, reply, n] {
            ++m_answered;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                m_acknowledged.insert(n);
            reply->deleteLater();
            if (!m_killed && m_acknowledged.size() >= m_total / 2) {
                m_killed = true;
                m_kill();
            }
            sendNext();
        });
    }

    QNetworkAccessManager m_network;
    QUrl m_url;
    int m_total;
    std::function<void()> m_kill;
    QSet<int> m_acknowledged;
    int m_sent = 0;
    int m_answered = 0;
    bool m_killed = false;
};

} // namespace

class TestRelayCrash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedMidBurstLosesNothingItAcknowledged();
};

void TestRelayCrash::killedMidBurstLosesNothingItAcknowledged()
{
    QTemporaryDir dir;
    const QString database = dir.filePath(u"relay.sqlite"_s);
    QString error;
    const std::optional<QString> created = test::createRelayTestDatabase(database, {}, &error);
    QVERIFY2(created, qPrintable(error));
    const QString &token = *created;

    QProcess relayProcess;
    const QUrl first = test::startRelayProcess(relayProcess, QStringLiteral(CONFERO_RELAY_EXECUTABLE), database);
    QVERIFY(first.isValid());

    // The sender keeps 24 webhooks in flight and notes which got 200; the relay is killed once half
    // of them have been answered, with the rest in flight or not yet sent.
    const int total = 10000; // the burst; about 25 s under ASan
    WebhookBurst burst(first.resolved(QUrl(u"/hooks/enablex/acme"_s)), total, [&relayProcess] {
        relayProcess.kill(); // SIGKILL: no chance to finish anything
    });
    burst.start(24);
    QTRY_VERIFY_WITH_TIMEOUT(burst.killed(), 120000);
    QTRY_COMPARE_WITH_TIMEOUT(relayProcess.state(), QProcess::NotRunning, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(burst.isIdle(), 30000); // the ones in flight fail now
    const QSet<int> acknowledged = burst.acknowledged();
    QVERIFY(acknowledged.size() >= total / 2);
    qInfo("%lld webhooks acknowledged before the kill, %d sent", qint64(acknowledged.size()), burst.sent());

    // Restart on the same database; a console that was never connected streams everything.
    QProcess restarted;
    const QUrl second = test::startRelayProcess(restarted, QStringLiteral(CONFERO_RELAY_EXECUTABLE), database);
    QVERIFY(second.isValid());
    test::StoreBackends backends;
    QVERIFY2(backends.init(&error), qPrintable(error));
    qint64 projectId = 0;
    std::unique_ptr<Store> store = backends.open(false, &projectId, &error);
    QVERIFY2(store, qPrintable(error));
    RelayClient client(store.get(), projectId, second, token);
    QVERIFY(client.start());
    QTRY_VERIFY_WITH_TIMEOUT(client.cursor() >= acknowledged.size(), 120000);
    QTest::qWait(500); // anything still arriving would be a duplicate or a surplus; let it land

    QHash<int, int> copies;
    QSqlQuery query(store->database());
    QVERIFY(query.exec(u"SELECT body FROM events"_s));
    while (query.next())
        ++copies[QJsonDocument::fromJson(query.value(0).toString().toUtf8())
                     .object()
                     .value(u"conf_num")
                     .toString()
                     .toInt()];
    for (const int n : std::as_const(acknowledged))
        QVERIFY2(copies.value(n) == 1,
                 qPrintable(u"webhook %1 got 200 and is stored %2 times"_s.arg(n).arg(copies.value(n))));
    for (auto it = copies.cbegin(); it != copies.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(u"webhook %1 is stored %2 times"_s.arg(it.key()).arg(it.value())));
    client.stop();
    restarted.terminate();
    QVERIFY(restarted.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestRelayCrash)
#include "tst_relaycrash.moc"
