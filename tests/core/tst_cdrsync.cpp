#include "SandboxFixture.h"
#include "platform/EnableXPlatform.h"
#include "store/Store.h"
#include "sync/CdrSync.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {
constexpr int kWaitMs = 60'000;
}

// CdrSync against the real sandbox over loopback, into a real SQLite file: the sandbox simulates a
// few days of history, and the store must end up with exactly its rows and sessions.
class TestCdrSync : public QObject
{
    Q_OBJECT

    SandboxFixture m_sandbox;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    std::unique_ptr<EnableXPlatform> m_platform;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;
    qint64 m_simulatedRows = 0;
    qint64 m_simulatedSessions = 0;
    int m_storeCounter = 0;

    bool openStore()
    {
        m_store = std::make_unique<Store>();
        if (!m_store->open(m_dir.filePath(u"cdr-%1.sqlite"_s.arg(++m_storeCounter))))
            return false;
        QSqlQuery query(m_store->database());
        if (!query.exec(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                        "VALUES ('Sandbox', 'http://127.0.0.1/', 'app', 1, 0)"_s)
            || !query.exec(u"SELECT id FROM projects"_s) || !query.next())
            return false;
        m_projectId = query.value(0).toLongLong();
        return true;
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery query(m_store->database());
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

    // Runs a sync to its end; true when it finished (not failed).
    bool runSync(CdrSync &sync, const CdrSync::Request &request, CdrSync::Summary *summary = nullptr,
                 QString *failure = nullptr)
    {
        QSignalSpy finished(&sync, &CdrSync::finished);
        QSignalSpy failed(&sync, &CdrSync::failed);
        sync.start(request);
        if (!QTest::qWaitFor([&] { return finished.size() + failed.size() > 0; }, kWaitMs))
            return false;
        if (!failed.isEmpty()) {
            if (failure)
                *failure = failed.constFirst().constFirst().toString();
            return false;
        }
        if (summary)
            *summary = finished.constFirst().constFirst().value<CdrSync::Summary>();
        return true;
    }

    CdrSync::Request period() const
    {
        CdrSync::Request request;
        request.from = QDate(2025, 3, 1);
        request.to = QDate(2025, 3, 5);
        return request;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<CdrSync::Summary>();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_sandbox.start(&error), qPrintable(error));
        EnableXPlatform::Options options;
        options.initialBackoffMs = 20;
        options.maxBackoffMs = 100;
        m_platform = std::make_unique<EnableXPlatform>(&m_network, m_sandbox.apiBaseUrl(),
                                                       QString::fromLatin1(SandboxFixture::kAppId),
                                                       QString::fromLatin1(SandboxFixture::kAppKey), options);
    }

    void init()
    {
        QVERIFY(m_sandbox.reset());
        // Five days of history, 2025-03-01 to 2025-03-05; the simulator makes some sessions cross
        // midnight UTC.
        const QJsonObject answer = m_sandbox.control(
            "POST", u"cdr/simulate"_s, R"({"days": 5, "sessions_per_day": 30, "seed": 7, "end_date": "2025-03-05"})");
        QVERIFY2(answer.value(u"result").toInt(-1) == 0, QJsonDocument(answer).toJson().constData());
        m_simulatedRows = answer.value(u"rows").toInteger();
        m_simulatedSessions = answer.value(u"sessions").toInteger();
        QVERIFY(m_simulatedRows > 60);
        QVERIFY(openStore());
    }

    void cleanup() { m_store.reset(); }

    void syncStoresEveryRowOnceAndResyncChangesNothing()
    {
        CdrSync sync(m_platform.get(), m_store.get(), m_projectId);
        QSignalSpy progress(&sync, &CdrSync::progress);
        CdrSync::Summary summary;
        QString failure;
        QVERIFY2(runSync(sync, period(), &summary, &failure), qPrintable(failure));
        QCOMPARE(summary.windows, 4); // [1,2] [2,3] [3,4] [4,5]
        QCOMPARE(progress.size(), 4);
        QCOMPARE(progress.constLast().at(0).toInt(), 4);
        QCOMPARE(progress.constLast().at(1).toInt(), 4);
        // Overlapping windows fetch rows twice; they are stored once.
        QVERIFY(summary.rowsReceived > m_simulatedRows);
        QCOMPARE(summary.inserted, m_simulatedRows);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), m_simulatedRows);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), m_simulatedSessions);
        QCOMPARE(scalar(u"SELECT SUM(row_count) FROM sessions"_s), m_simulatedRows);
        // A session crossing midnight is one session.
        QVERIFY(scalar(u"SELECT COUNT(*) FROM sessions WHERE start_ms / 86400000 <> end_ms / 86400000"_s) > 0);

        QVERIFY(runSync(sync, period(), &summary));
        QCOMPARE(summary.inserted, 0);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), m_simulatedRows);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), m_simulatedSessions);
    }

    void syncSurvivesTheServerDroppingMidAnswer()
    {
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"drop","after_bytes":200,"count":1,"match":"/cdr/"}]})"));
        CdrSync sync(m_platform.get(), m_store.get(), m_projectId);
        QString failure;
        QVERIFY2(runSync(sync, period(), nullptr, &failure), qPrintable(failure));
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), m_simulatedRows);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), m_simulatedSessions);
    }

    void cancelledSyncResumesWhereItStopped()
    {
        CdrSync sync(m_platform.get(), m_store.get(), m_projectId);
        QSignalSpy failed(&sync, &CdrSync::failed);
        // Cancel as soon as the second window is stored.
        connect(&sync, &CdrSync::progress, &sync, [&sync](int done, int) {
            if (done == 2)
                sync.cancel();
        });
        QSignalSpy finished(&sync, &CdrSync::finished);
        sync.start(period());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWaitMs);
        QVERIFY(!sync.isRunning());
        // Nothing more is fetched or announced after a cancel.
        QTest::qWait(300);
        QCOMPARE(finished.size(), 0);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(scalar(u"SELECT windows_done FROM sync_state WHERE kind = 'cdr:period'"_s), 2);
        QCOMPARE(scalar(u"SELECT windows_total FROM sync_state WHERE kind = 'cdr:period'"_s), 4);

        CdrSync again(m_platform.get(), m_store.get(), m_projectId);
        CdrSync::Summary summary;
        QVERIFY(runSync(again, period(), &summary));
        QVERIFY(summary.resumed);
        QCOMPARE(summary.windows, 2);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), m_simulatedRows);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), m_simulatedSessions);
        QCOMPARE(scalar(u"SELECT windows_done FROM sync_state WHERE kind = 'cdr:period'"_s), 4);
    }

    void oneSessionAndOneRoom()
    {
        CdrSync sync(m_platform.get(), m_store.get(), m_projectId);
        QVERIFY(runSync(sync, period()));
        QSqlQuery query(m_store->database());
        QVERIFY(query.exec(u"SELECT conf_num, row_count, room_id FROM sessions ORDER BY row_count DESC"_s)
                && query.next());
        const QString confNum = query.value(0).toString();
        const qint64 rows = query.value(1).toLongLong();
        const QString roomId = query.value(2).toString();
        query = QSqlQuery();

        QVERIFY(openStore());
        CdrSync bySession(m_platform.get(), m_store.get(), m_projectId);
        CdrSync::Request request;
        request.confNum = confNum;
        CdrSync::Summary summary;
        QVERIFY(runSync(bySession, request, &summary));
        QCOMPARE(summary.inserted, rows);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), 1);

        CdrSync byRoom(m_platform.get(), m_store.get(), m_projectId);
        request = period();
        request.roomId = roomId;
        QVERIFY(runSync(byRoom, request, &summary));
        QVERIFY(scalar(u"SELECT COUNT(*) FROM participants"_s) > rows - 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants WHERE room_id <> '"_s + roomId + u"'"_s), 0);
    }

    void cancelAtTheLastWindowEndsOnce()
    {
        CdrSync sync(m_platform.get(), m_store.get(), m_projectId);
        QSignalSpy finished(&sync, &CdrSync::finished);
        QSignalSpy failed(&sync, &CdrSync::failed);
        connect(&sync, &CdrSync::progress, &sync, [&sync](int done, int total) {
            if (done == total)
                sync.cancel();
        });
        sync.start(period());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWaitMs);
        QTest::qWait(300);
        QCOMPARE(finished.size(), 0);
        QCOMPARE(failed.size(), 1);
    }

    void platformCallsAnswerRowsOrAnError()
    {
        std::optional<PlatformResult<QJsonArray>> rows;
        m_platform->cdrByPeriod(QDate(2025, 3, 2), QDate(2025, 3, 2), this,
                                [&rows](PlatformResult<QJsonArray> result) { rows = std::move(result); });
        QTRY_VERIFY_WITH_TIMEOUT(rows.has_value(), kWaitMs);
        QVERIFY(rows->ok());
        QVERIFY(!rows->value().isEmpty());
        QVERIFY(rows->value().at(0).toObject().contains(u"conf_num"_s));

        std::optional<PlatformResult<QJsonArray>> refused;
        m_platform->cdrByConference(u"not-a-number"_s, this,
                                    [&refused](PlatformResult<QJsonArray> result) { refused = std::move(result); });
        QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), kWaitMs);
        QVERIFY(!refused->ok());
        QVERIFY(refused->error().message().contains(u"not-a-number"_s));
    }

    void anEmptyPeriodIsRefused()
    {
        CdrSync sync(m_platform.get(), m_store.get(), m_projectId);
        CdrSync::Request request;
        request.from = QDate(2025, 3, 5);
        request.to = QDate(2025, 3, 1);
        QString failure;
        QVERIFY(!runSync(sync, request, nullptr, &failure));
        QVERIFY(failure.contains(u"period"_s));
    }
};

QTEST_GUILESS_MAIN(TestCdrSync)
#include "tst_cdrsync.moc"
