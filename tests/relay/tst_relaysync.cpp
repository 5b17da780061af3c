// The relay's promise, proven rather than assumed: a webhook is answered 200 only after the sync that
// made its event durable. The relay runs in this process over SyncRecordingVfs (the real SQLite VFS
// underneath, recording each WAL write and sync); every webhook carries a probe marker, so the
// recording tells which sync covered which event, and each answer's arrival is compared with it.
#include "RelayServer.h"
#include "RelayTestDatabase.h"
#include "SyncRecordingVfs.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace confero::relay;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 60'000;

QByteArray probeBody(int probe)
{
    return R"({"type":"roomdrop","trans_date":1736503270,"app_id":"64f0c0ffee0000000000a11d","room_id":")"
        + SyncRecordingVfs::marker(probe) + R"(","conf_num":"913"})";
}

} // namespace

class TestRelaySync final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void nothingIsAnsweredWhileItsSyncIsHeld();
    void everyAnswerArrivesAfterTheSyncThatCoveredItsEvent();

private:
    QNetworkReply *post(QNetworkAccessManager &network, int probe);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RelayServer> m_server;
    // Per probe: when its answer arrived, and its status.
    QHash<int, SyncRecordingVfs::Clock::time_point> m_answeredAt;
    QHash<int, int> m_status;
};

void TestRelaySync::initTestCase()
{
    QVERIFY(SyncRecordingVfs::install());
}

void TestRelaySync::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(u"relay.sqlite"_s);
    {
        QString error;
        QVERIFY2(createRelayTestDatabase(path, u"platform:secret"_s, &error), qPrintable(error));
    }
    m_server = std::make_unique<RelayServer>(RelayServer::Options{path, {}, {}, {}});
    QString error;
    QVERIFY2(m_server->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    SyncRecordingVfs::clear();
}

void TestRelaySync::cleanup()
{
    SyncRecordingVfs::releaseSyncs();
    SyncRecordingVfs::setSyncDelay(std::chrono::milliseconds(0));
    m_answeredAt.clear();
    m_status.clear();
    m_server.reset();
    m_dir.reset();
}

QNetworkReply *TestRelaySync::post(QNetworkAccessManager &network, int probe)
{
    QNetworkRequest request(m_server->baseUrl().resolved(QUrl(u"/hooks/enablex/acme"_s)));
    request.setRawHeader("Authorization", "Basic " + QByteArray("platform:secret").toBase64());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    return network.post(request, probeBody(probe));
}

void TestRelaySync::nothingIsAnsweredWhileItsSyncIsHeld()
{
    QNetworkAccessManager network;
    // One answered webhook first: the relay's start-up writes are behind it.
    QNetworkReply *first = post(network, 999);
    QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), kWaitMs);
    QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete first;
    SyncRecordingVfs::clear();

    SyncRecordingVfs::holdSyncs();
    QList<QNetworkReply *> replies;
    for (int probe = 1; probe <= 5; ++probe)
        replies.append(post(network, probe));
    const auto writtenProbes = [] {
        QList<int> probes;
        for (const SyncRecordingVfs::Operation &operation : SyncRecordingVfs::operations())
            probes += operation.probes;
        return probes;
    };
    // The writer has written the first group to the WAL and waits in its sync: those events are not
    // durable yet, and no sender may have its 200. The later probes wait behind that group (the writer
    // is busy in the sync), so only some of the five are written at this point.
    QTRY_VERIFY_WITH_TIMEOUT(SyncRecordingVfs::syncsWaiting() == 1 && !writtenProbes().isEmpty(), kWaitMs);
    QTest::qWait(300);
    for (QNetworkReply *reply : std::as_const(replies))
        QVERIFY2(!reply->isFinished(), "answered before its sync");
    QCOMPARE(SyncRecordingVfs::syncCount(), 0);

    SyncRecordingVfs::releaseSyncs();
    for (QNetworkReply *reply : std::as_const(replies)) {
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), kWaitMs);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete reply;
    }
    QVERIFY(SyncRecordingVfs::syncCount() >= 1);
}

void TestRelaySync::everyAnswerArrivesAfterTheSyncThatCoveredItsEvent()
{
    // Each sync takes a little longer than the disk needs, so an answer sent before its sync (after
    // the write) would arrive inside that window and be caught.
    SyncRecordingVfs::setSyncDelay(std::chrono::milliseconds(3));
    const int count = 400;
    // Four managers, six connections each: answers and commits overlap, as under real load.
    std::array<QNetworkAccessManager, 4> networks;
    for (int probe = 1; probe <= count; ++probe) {
        QNetworkReply *reply = post(networks[size_t(probe) % networks.size()], probe);
        connect(reply, &QNetworkReply::finished, this, [this, reply, probe] {
            m_answeredAt.insert(probe, SyncRecordingVfs::Clock::now());
            m_status.insert(probe, reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_answeredAt.size(), count, kWaitMs);

    // For each probe: the first WAL write that holds it, then the first sync after that write.
    const QList<SyncRecordingVfs::Operation> operations = SyncRecordingVfs::operations();
    QHash<int, qsizetype> writtenAt;
    for (qsizetype i = 0; i < operations.size(); ++i) {
        for (int probe : operations[i].probes) {
            if (!writtenAt.contains(probe))
                writtenAt.insert(probe, i);
        }
    }
    int syncs = 0;
    for (const SyncRecordingVfs::Operation &operation : operations)
        syncs += operation.kind == SyncRecordingVfs::Operation::Kind::Sync ? 1 : 0;
    for (int probe = 1; probe <= count; ++probe) {
        QCOMPARE(m_status.value(probe), 200);
        const auto written = writtenAt.constFind(probe);
        QVERIFY2(written != writtenAt.cend(), qPrintable(u"probe %1 was never written to the WAL"_s.arg(probe)));
        qsizetype sync = *written + 1;
        while (sync < operations.size() && operations[sync].kind != SyncRecordingVfs::Operation::Kind::Sync)
            ++sync;
        QVERIFY2(sync < operations.size(),
                 qPrintable(u"probe %1 was answered but no sync followed its write"_s.arg(probe)));
        QVERIFY2(operations[sync].at <= m_answeredAt.value(probe),
                 qPrintable(u"probe %1 was answered before the sync that made it durable"_s.arg(probe)));
    }
    qInfo("%d webhooks, %d WAL syncs, %.1f events per sync", count, syncs, double(count) / qMax(1, syncs));
    QVERIFY(syncs >= 1);
}

QTEST_GUILESS_MAIN(TestRelaySync)
#include "tst_relaysync.moc"
