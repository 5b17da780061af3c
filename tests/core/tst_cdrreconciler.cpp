#include "CdrTestRows.h"
#include "SandboxFixture.h"
#include "UpkeepTestBackend.h"
#include "config/ProjectUpkeepStore.h"
#include "domain/CdrRowParser.h"
#include "domain/Room.h"
#include "platform/EnableXPlatform.h"
#include "store/CdrChanges.h"
#include "store/CdrIngest.h"
#include "store/Store.h"
#include "sync/CdrReconciler.h"
#include "sync/CdrSync.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {
constexpr int kWaitMs = 60'000;
}

// The CDR reconciler against the real sandbox over loopback, on SQLite and PostgreSQL: what the
// sandbox gains after a pass is found by the next, a pass over what is stored finds nothing, a
// dropped connection fails in words and the next pass works, and one pass runs at a time.
class TestCdrReconciler : public QObject
{
    Q_OBJECT

    SandboxFixture m_sandbox;
    UpkeepTestBackend m_backend;
    QNetworkAccessManager m_network;
    std::unique_ptr<EnableXPlatform> m_platform;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ProjectUpkeepStore> m_upkeep;
    qint64 m_projectId = 0;
    QStringList m_rooms;

    bool open()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backend.hasPostgres()) {
            QTest::qSkip("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL", __FILE__, __LINE__);
            return false;
        }
        QString error;
        m_store = m_backend.open(postgres, &m_projectId, &error);
        if (!m_store) {
            qWarning().noquote() << error;
            return false;
        }
        m_upkeep = std::make_unique<ProjectUpkeepStore>(m_store.get());
        return true;
    }

    std::unique_ptr<CdrReconciler> reconciler()
    {
        return std::make_unique<CdrReconciler>(m_platform.get(), m_store.get(), m_upkeep.get(), m_projectId);
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery query(m_store->database());
        if (!query.exec(sql) || !query.next()) {
            qWarning().noquote() << sql << query.lastError().text();
            return -1;
        }
        return query.value(0).toLongLong();
    }

    // Waits for the pass in flight; its summary, or the failure in `failure`.
    std::optional<CdrReconciler::Summary> waitForPass(CdrReconciler &reconciler, QString *failure = nullptr)
    {
        QSignalSpy finished(&reconciler, &CdrReconciler::finished);
        QSignalSpy failed(&reconciler, &CdrReconciler::failed);
        if (!QTest::qWaitFor([&] { return finished.size() + failed.size() > 0; }, kWaitMs)) {
            qWarning() << "the pass did not end";
            return std::nullopt;
        }
        if (!failed.isEmpty()) {
            const QString message = failed.constFirst().constFirst().toString();
            if (failure)
                *failure = message;
            else
                qWarning().noquote() << "the pass failed:" << message;
            return std::nullopt;
        }
        return finished.constFirst().constFirst().value<CdrReconciler::Summary>();
    }

    // A whole session that ended now in one of the simulated rooms; its conf_num.
    QString addSessionNow(int participants)
    {
        const QJsonObject answer = m_sandbox.control("POST", u"sessions/simulate"_s,
                                                     QJsonDocument(QJsonObject{{u"room_id"_s, m_rooms.constFirst()},
                                                                               {u"participants"_s, participants},
                                                                               {u"duration_s"_s, 900}})
                                                         .toJson(QJsonDocument::Compact));
        if (answer.value(u"result").toInt(-1) != 0)
            qWarning() << answer;
        return answer.value(u"conf_num").toString();
    }

    static QDate today() { return QDateTime::currentDateTimeUtc().date(); }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<CdrReconciler::Summary>();
        qRegisterMetaType<CdrSync::Summary>();
        QString error;
        QVERIFY2(m_backend.init(&error), qPrintable(error));
        QVERIFY2(m_sandbox.start(&error), qPrintable(error));
        EnableXPlatform::Options options;
        options.maxAttempts = 2;
        options.initialBackoffMs = 20;
        options.maxBackoffMs = 100;
        m_platform = std::make_unique<EnableXPlatform>(&m_network, m_sandbox.apiBaseUrl(),
                                                       QString::fromLatin1(SandboxFixture::kAppId),
                                                       QString::fromLatin1(SandboxFixture::kAppKey), options);
    }

    void init()
    {
        QVERIFY(m_sandbox.reset());
        // A week of history up to today, UTC.
        const QJsonObject answer =
            m_sandbox.control("POST", u"cdr/simulate"_s,
                              QJsonDocument(QJsonObject{{u"days"_s, 7},
                                                        {u"sessions_per_day"_s, 6},
                                                        {u"seed"_s, 11},
                                                        {u"end_date"_s, today().toString(Qt::ISODate)}})
                                  .toJson(QJsonDocument::Compact));
        QVERIFY2(answer.value(u"result").toInt(-1) == 0, QJsonDocument(answer).toJson().constData());
        m_rooms.clear();
        const QJsonArray rooms = answer.value(u"rooms").toArray();
        for (const auto &room : rooms)
            m_rooms.append(room.toString());
        QVERIFY(!m_rooms.isEmpty());
    }

    void cleanup()
    {
        m_upkeep.reset();
        m_store.reset();
        QString error;
        QVERIFY2(m_backend.cleanup(&error), qPrintable(error));
    }

    void rowsAddedAfterAPassAreFoundByTheNext_data() { UpkeepTestBackend::addRows(); }
    void rowsAddedAfterAPassAreFoundByTheNext()
    {
        if (!open())
            return;
        auto r = reconciler();
        QSignalSpy started(r.get(), &CdrReconciler::passStarted);
        QSignalSpy progress(r.get(), &CdrReconciler::progress);
        r->start();
        QVERIFY(r->isRunning());
        std::optional<CdrReconciler::Summary> first = waitForPass(*r);
        QVERIFY(first);
        QCOMPARE(first->from, today().addDays(-3));
        QCOMPARE(first->to, today());
        QCOMPARE(started.size(), 1);
        QCOMPARE(progress.size(), 3); // [d-3, d-2] [d-2, d-1] [d-1, d]
        const qint64 stored = scalar(u"SELECT COUNT(*) FROM participants"_s);
        QVERIFY(stored > 0);
        QCOMPARE(first->found, stored);
        // Only the window: no session that started before the day before it.
        const qint64 windowStartMs = QDateTime(today().addDays(-4), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions WHERE start_ms < %1"_s.arg(windowStartMs)), 0);
        QVERIFY(!r->isRunning());
        QVERIFY(r->nextRunAt() > QDateTime::currentDateTimeUtc().addSecs(50 * 60)); // hourly by default
        QVERIFY(r->lastError().isEmpty());

        // The platform gains a session; the next pass finds exactly its rows.
        const QString confNum = addSessionNow(5);
        QVERIFY(!confNum.isEmpty());
        QVERIFY(r->reconcileNow());
        std::optional<CdrReconciler::Summary> second = waitForPass(*r);
        QVERIFY(second);
        const qint64 added = scalar(u"SELECT COUNT(*) FROM participants WHERE conf_num = '%1'"_s.arg(confNum));
        QVERIFY(added >= 5);
        QCOMPARE(second->found, added);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), stored + added);
        QCOMPARE(r->lastFound(), added);

        // Nothing new: nothing found, nothing changed.
        QVERIFY(r->reconcileNow());
        std::optional<CdrReconciler::Summary> third = waitForPass(*r);
        QVERIFY(third);
        QCOMPARE(third->found, 0);
        QVERIFY(third->rowsReceived > 0);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), stored + added);

        // Kept per project, in the store.
        QCOMPARE(r->foundTotal(), stored + added);
        const ProjectUpkeep upkeep = ProjectUpkeepStore(m_store.get()).upkeep(m_projectId);
        QCOMPARE(upkeep.foundByReconciler, stored + added);
        QCOMPARE(upkeep.lastReconcileFound, 0);
        QVERIFY(upkeep.lastReconcileAt.isValid());
    }

    void aDroppedConnectionFailsInWordsAndTheNextPassWorks_data() { UpkeepTestBackend::addRows(); }
    void aDroppedConnectionFailsInWordsAndTheNextPassWorks()
    {
        if (!open())
            return;
        // Every CDR answer is cut off after a few bytes until cleared: the client's retries run out.
        QVERIFY(m_sandbox.setFaults(R"({"faults":[{"kind":"drop","after_bytes":10,"count":-1,"match":"/cdr/"}]})"));
        auto r = reconciler();
        QSignalSpy finished(r.get(), &CdrReconciler::finished);
        r->start();
        QString failure;
        QVERIFY(!waitForPass(*r, &failure));
        QVERIFY(!failure.isEmpty());
        // Words for a person, not a driver's code.
        QVERIFY2(failure.endsWith(u'.') && failure.contains(u' ') && !failure.contains(u"QNetworkReply"_s),
                 qPrintable(failure));
        QCOMPARE(r->lastError(), failure);
        QVERIFY(r->nextRunAt().isValid()); // it tries again at the next interval
        QCOMPARE(finished.size(), 0);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 0);

        QVERIFY(m_sandbox.reset());
        QVERIFY(m_sandbox
                    .control("POST", u"cdr/simulate"_s,
                             QJsonDocument(QJsonObject{{u"days"_s, 7},
                                                       {u"sessions_per_day"_s, 6},
                                                       {u"seed"_s, 11},
                                                       {u"end_date"_s, today().toString(Qt::ISODate)}})
                                 .toJson(QJsonDocument::Compact))
                    .value(u"result")
                    .toInt(-1)
                == 0);
        QVERIFY(r->reconcileNow());
        std::optional<CdrReconciler::Summary> next = waitForPass(*r);
        QVERIFY(next);
        QVERIFY(next->found > 0);
        QCOMPARE(next->found, scalar(u"SELECT COUNT(*) FROM participants"_s));
        QVERIFY(r->lastError().isEmpty());
    }

    void neverTwoPassesAtOnce_data() { UpkeepTestBackend::addRows(); }
    void neverTwoPassesAtOnce()
    {
        if (!open())
            return;
        auto r = reconciler();
        QSignalSpy started(r.get(), &CdrReconciler::passStarted);
        QSignalSpy finished(r.get(), &CdrReconciler::finished);
        r->start();
        QVERIFY(r->isRunning());
        QVERIFY(!r->reconcileNow());
        QVERIFY(!r->nextRunAt().isValid());
        QVERIFY(finished.wait(kWaitMs));
        QTest::qWait(200);
        QCOMPARE(started.size(), 1);
        QCOMPARE(finished.size(), 1);
    }

    // "Sync now" interrupted, then a reconciler pass (another period), then "Sync now" again: it
    // resumes where it stopped, because the pass kept its own sync state.
    void aPassKeepsAnInterruptedSyncNowsResumePoint_data() { UpkeepTestBackend::addRows(); }
    void aPassKeepsAnInterruptedSyncNowsResumePoint()
    {
        if (!open())
            return;
        CdrSync::Request period;
        period.from = today().addDays(-6);
        period.to = today().addDays(-2); // four windows
        CdrSync sync(m_platform.get(), m_store.get(), m_projectId);
        QSignalSpy failed(&sync, &CdrSync::failed);
        connect(&sync, &CdrSync::progress, &sync, [&sync](int done, int) {
            if (done == 1)
                sync.cancel();
        });
        sync.start(period);
        QVERIFY(failed.wait(kWaitMs));

        // The pass stores rows "Sync now" had not: the store says so, for the views.
        QSignalSpy changes(m_store->cdrChanges(), &CdrChanges::changed);
        auto r = reconciler();
        r->start();
        QVERIFY(waitForPass(*r));
        QVERIFY(!changes.isEmpty());
        QCOMPARE(changes.constLast().at(0).toLongLong(), m_projectId);

        CdrSync again(m_platform.get(), m_store.get(), m_projectId);
        QSignalSpy finished(&again, &CdrSync::finished);
        QSignalSpy failedAgain(&again, &CdrSync::failed);
        again.start(period);
        QVERIFY(QTest::qWaitFor([&] { return finished.size() + failedAgain.size() > 0; }, kWaitMs));
        QCOMPARE(failedAgain.size(), 0);
        const auto summary = finished.constFirst().constFirst().value<CdrSync::Summary>();
        QVERIFY(summary.resumed);
        QCOMPARE(summary.windows, 3);
        QCOMPARE(scalar(u"SELECT windows_done FROM sync_state WHERE kind = 'cdr:period'"_s), 4);
    }

    void theTimerRunsTheNextPass_data() { UpkeepTestBackend::addRows(); }
    void theTimerRunsTheNextPass()
    {
        if (!open())
            return;
        auto r = reconciler();
        r->setInterval(std::chrono::milliseconds(300));
        QSignalSpy finished(r.get(), &CdrReconciler::finished);
        r->start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kWaitMs);
        r->stop();
        QVERIFY(finished.at(0).at(0).value<CdrReconciler::Summary>().found > 0);
        QCOMPARE(finished.at(1).at(0).value<CdrReconciler::Summary>().found, 0);
    }

    void stoppingMidPassEndsQuietly_data() { UpkeepTestBackend::addRows(); }
    void stoppingMidPassEndsQuietly()
    {
        if (!open())
            return;
        auto r = reconciler();
        QSignalSpy finished(r.get(), &CdrReconciler::finished);
        QSignalSpy failed(r.get(), &CdrReconciler::failed);
        // Stop as the first window is stored, as when the user switches projects.
        connect(r.get(), &CdrReconciler::progress, r.get(), [&r] { r->stop(); });
        r->start();
        QTRY_VERIFY_WITH_TIMEOUT(r->isStopped(), kWaitMs);
        QVERIFY(!r->isRunning());
        QVERIFY(!r->nextRunAt().isValid());
        QVERIFY(!r->reconcileNow());
        QTest::qWait(500);
        QCOMPARE(finished.size(), 0);
        QCOMPARE(failed.size(), 0);

        // Destroyed with a pass in flight (the console replaces it when the project changes).
        auto doomed = reconciler();
        doomed->start();
        QVERIFY(doomed->isRunning());
        doomed.reset();
        QTest::qWait(300);

        // A new one for the project carries on.
        auto next = reconciler();
        next->start();
        QVERIFY(waitForPass(*next));
    }

    void retentionRunsAfterEveryPass_data() { UpkeepTestBackend::addRows(); }
    void retentionRunsAfterEveryPass()
    {
        if (!open())
            return;
        // A session from two years ago, and a retention of 12 months.
        const QDateTime old = QDateTime::currentDateTimeUtc().addYears(-2);
        CdrIngest ingest(m_store->database(), m_projectId);
        QVERIFY(ingest
                    .ingest(CdrRowParser::parse(QJsonArray{
                        cdrRow(CdrRowSpec().withCdrId(u"old-1"_s).withConf(u"old"_s).during(old, old.addSecs(600)))}))
                    .ok());
        ProjectUpkeep choices;
        choices.retentionMonths = 12;
        QVERIFY(m_upkeep->saveChoices(m_projectId, choices).ok());

        auto r = reconciler();
        r->start();
        std::optional<CdrReconciler::Summary> pass = waitForPass(*r);
        QVERIFY(pass);
        QCOMPARE(pass->sessionsExpired, 1);
        QCOMPARE(pass->participantsExpired, 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions WHERE conf_num = 'old'"_s), 0);
        QVERIFY(scalar(u"SELECT COUNT(*) FROM sessions"_s) > 0);
    }
};

QTEST_GUILESS_MAIN(TestCdrReconciler)
#include "tst_cdrreconciler.moc"
