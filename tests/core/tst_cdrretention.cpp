#include "CdrTestRows.h"
#include "UpkeepTestBackend.h"
#include "domain/CdrRowParser.h"
#include "store/CdrIngest.h"
#include "store/CdrRetention.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {
constexpr int kWaitMs = 30'000;
const QDateTime kNow(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
} // namespace

// Retention on SQLite and PostgreSQL: whole sessions older than the cutoff go with their rows, in
// batches on a worker, while the console's own connection keeps working.
class TestCdrRetention : public QObject
{
    Q_OBJECT

    UpkeepTestBackend m_backend;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;
    int m_cdrCounter = 0;

    bool open()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backend.hasPostgres()) {
            QTest::qSkip("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL", __FILE__, __LINE__);
            return false;
        }
        QString error;
        m_store = m_backend.open(postgres, &m_projectId, &error);
        if (!m_store)
            qWarning().noquote() << error;
        return m_store != nullptr;
    }

    // A session of `rows` participants between `from` and `to`.
    bool addSession(qint64 projectId, const QString &confNum, const QDateTime &from, const QDateTime &to, int rows)
    {
        QJsonArray window;
        for (int i = 0; i < rows; ++i) {
            window.append(cdrRow(CdrRowSpec()
                                     .withCdrId(u"cdr-%1"_s.arg(++m_cdrCounter))
                                     .withConf(confNum)
                                     .withName(u"User %1"_s.arg(i))
                                     .withRef(u"u-%1"_s.arg(i))
                                     .during(from.addSecs(i * 10), to)));
        }
        CdrIngest ingest(m_store->database(), projectId);
        const StoreResult<CdrIngestStats> stats = ingest.ingest(CdrRowParser::parse(window));
        if (!stats)
            qWarning().noquote() << stats.error().message << stats.error().detail;
        return stats && stats.value().inserted == rows;
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

    // Ten old sessions of 3 rows, one across the cutoff, five recent; on the test project.
    bool addHistory(qint64 projectId, const QString &prefix)
    {
        for (int i = 0; i < 10; ++i) {
            const QDateTime start = QDateTime(QDate(2026, 5, 1 + i), QTime(9, 0), QTimeZone::utc());
            if (!addSession(projectId, prefix + u"10"_s + QString::number(i), start, start.addSecs(3600), 3))
                return false;
        }
        const QDateTime cutoff = CdrRetention::cutoff(3, kNow);
        if (!addSession(projectId, prefix + u"200"_s, cutoff.addSecs(-3600), cutoff.addSecs(3600), 4))
            return false;
        for (int i = 0; i < 5; ++i) {
            const QDateTime start = QDateTime(QDate(2026, 11, 1 + i), QTime(15, 0), QTimeZone::utc());
            if (!addSession(projectId, prefix + u"30"_s + QString::number(i), start, start.addSecs(1800), 2))
                return false;
        }
        return true;
    }

    CdrRetention::Summary run(CdrRetention &retention, qint64 projectId, int months)
    {
        QSignalSpy finished(&retention, &CdrRetention::finished);
        QSignalSpy failed(&retention, &CdrRetention::failed);
        if (!retention.start(projectId, months, kNow))
            return {};
        if (!QTest::qWaitFor([&] { return finished.size() + failed.size() > 0; }, kWaitMs)) {
            qWarning() << "retention did not end";
            return {};
        }
        if (!failed.isEmpty()) {
            qWarning().noquote() << failed.constFirst().constFirst().toString();
            return {};
        }
        return finished.constFirst().constFirst().value<CdrRetention::Summary>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<CdrRetention::Summary>();
        QString error;
        QVERIFY2(m_backend.init(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_store.reset();
        QString error;
        QVERIFY2(m_backend.cleanup(&error), qPrintable(error));
    }

    void theCutoffIsMonthsBeforeNowInUtc()
    {
        QCOMPARE(CdrRetention::cutoff(3, kNow), QDateTime(QDate(2026, 8, 28), QTime(12, 0), QTimeZone::utc()));
        QCOMPARE(CdrRetention::cutoff(12, kNow), QDateTime(QDate(2025, 11, 28), QTime(12, 0), QTimeZone::utc()));
        QVERIFY(!CdrRetention::cutoff(0, kNow).isValid());
    }

    void oldSessionsGoWholeInBatchesWithProgress_data() { UpkeepTestBackend::addRows(); }
    void oldSessionsGoWholeInBatchesWithProgress()
    {
        if (!open())
            return;
        QVERIFY(addHistory(m_projectId, {}));
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), 16);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 10 * 3 + 4 + 5 * 2);

        CdrRetention retention(m_store.get());
        retention.setBatchSize(3);
        QSignalSpy progress(&retention, &CdrRetention::progress);
        // The console's connection answers between batches: each batch is its own short transaction.
        QList<qint64> seenDuringRun;
        connect(&retention, &CdrRetention::progress, this,
                [this, &seenDuringRun] { seenDuringRun.append(scalar(u"SELECT COUNT(*) FROM sessions"_s)); });
        const CdrRetention::Summary summary = run(retention, m_projectId, 3);
        QCOMPARE(summary.cutoff, QDateTime(QDate(2026, 8, 28), QTime(12, 0), QTimeZone::utc()));
        QCOMPARE(summary.sessionsDeleted, 10);
        QCOMPARE(summary.participantsDeleted, 30);
        // 3 + 3 + 3 + 1 sessions, then the sweep for rows without a session.
        QCOMPARE(progress.size(), 5);
        QCOMPARE(progress.at(0).at(0).toLongLong(), 3);
        QCOMPARE(progress.at(0).at(1).toLongLong(), 9);
        QCOMPARE(progress.constLast().at(0).toLongLong(), 10);
        QCOMPARE(seenDuringRun, (QList<qint64>{13, 10, 7, 6, 6}));

        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), 6);
        // The session across the cutoff is kept whole, with its rows from before the cutoff.
        QCOMPARE(scalar(u"SELECT row_count FROM sessions WHERE conf_num = '200'"_s), 4);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants WHERE conf_num = '200'"_s), 4);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 4 + 5 * 2);
        // Each row as received goes with its row (migration 14, ON DELETE CASCADE).
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participant_json"_s), 4 + 5 * 2);

        // Nothing older is left: a second run deletes nothing.
        CdrRetention again(m_store.get());
        const CdrRetention::Summary second = run(again, m_projectId, 3);
        QVERIFY(second.cutoff.isValid());
        QCOMPARE(second.sessionsDeleted, 0);
        QCOMPARE(second.participantsDeleted, 0);
    }

    void keepingForeverDeletesNothing_data() { UpkeepTestBackend::addRows(); }
    void keepingForeverDeletesNothing()
    {
        if (!open())
            return;
        QVERIFY(addHistory(m_projectId, {}));
        CdrRetention retention(m_store.get());
        QSignalSpy progress(&retention, &CdrRetention::progress);
        const CdrRetention::Summary summary = run(retention, m_projectId, 0);
        QVERIFY(!summary.cutoff.isValid());
        QCOMPARE(summary.sessionsDeleted, 0);
        QCOMPARE(progress.size(), 0);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), 16);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 44);
    }

    void onlyTheProjectAskedForIsTouched_data() { UpkeepTestBackend::addRows(); }
    void onlyTheProjectAskedForIsTouched()
    {
        if (!open())
            return;
        const qint64 other = UpkeepTestBackend::addProject(*m_store, u"Other"_s);
        QVERIFY(addHistory(m_projectId, {}));
        QVERIFY(addHistory(other, u"9"_s));
        CdrRetention retention(m_store.get());
        QCOMPARE(run(retention, m_projectId, 3).sessionsDeleted, 10);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions WHERE project_id = %1"_s.arg(other)), 16);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants WHERE project_id = %1"_s.arg(other)), 44);
    }

    void oldRowsWithoutASessionAreSweptToo_data() { UpkeepTestBackend::addRows(); }
    void oldRowsWithoutASessionAreSweptToo()
    {
        if (!open())
            return;
        QVERIFY(addHistory(m_projectId, {}));
        // An old and a recent session whose session rows went missing.
        QSqlQuery query(m_store->database());
        QVERIFY2(query.exec(u"DELETE FROM sessions WHERE conf_num IN ('100', '300')"_s),
                 qPrintable(query.lastError().text()));
        CdrRetention retention(m_store.get());
        const CdrRetention::Summary summary = run(retention, m_projectId, 3);
        QCOMPARE(summary.sessionsDeleted, 9);
        QCOMPARE(summary.participantsDeleted, 30);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants WHERE conf_num = '100'"_s), 0);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants WHERE conf_num = '300'"_s), 2);
    }

    void aSecondStartWhileRunningIsRefused_data() { UpkeepTestBackend::addRows(); }
    void aSecondStartWhileRunningIsRefused()
    {
        if (!open())
            return;
        QVERIFY(addHistory(m_projectId, {}));
        CdrRetention retention(m_store.get());
        QSignalSpy finished(&retention, &CdrRetention::finished);
        QVERIFY(retention.start(m_projectId, 3, kNow));
        QVERIFY(retention.isRunning());
        QVERIFY(!retention.start(m_projectId, 1, kNow));
        QVERIFY(finished.wait(kWaitMs));
        QTest::qWait(100);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!retention.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestCdrRetention)
#include "tst_cdrretention.moc"
