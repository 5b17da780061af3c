// Two writers ingesting call records into one SQLite store at the same time, each on its own thread
// and connection, as the Sessions page's sync and the CDR reconciler do at start-up: both must
// succeed (one waits for the other) rather than one failing with "database is locked".
#include "CdrTestRows.h"
#include "StoreBackends.h"
#include "domain/CdrRowParser.h"
#include "store/CdrIngest.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <thread>

using namespace confero;
using namespace Qt::StringLiterals;

class TestCdrIngestWriters final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoWritersAtOnceBothSucceed();
};

void TestCdrIngestWriters::twoWritersAtOnceBothSucceed()
{
    test::StoreBackends backends;
    QString error;
    QVERIFY2(backends.init(&error), qPrintable(error));
    qint64 projectId = 0;
    std::unique_ptr<Store> store = backends.open(false, &projectId, &error);
    QVERIFY2(store, qPrintable(error));

    constexpr int Rounds = 40;
    std::atomic<int> failures{0};
    QStringList reasons;
    std::mutex reasonsMutex;
    const auto writer = [&](int which) {
        const QString connection = u"writer-%1"_s.arg(which);
        {
            const StoreResult<QSqlDatabase> db = store->openConnection(connection);
            if (!db) {
                ++failures;
                return;
            }
            QSqlDatabase database = db.value();
            for (int round = 0; round < Rounds; ++round) {
                QJsonArray window;
                for (int i = 0; i < 20; ++i)
                    window.append(test::cdrRow(test::CdrRowSpec()
                                                   .withCdrId(u"w%1-r%2-%3"_s.arg(which).arg(round).arg(i))
                                                   .withConf(u"conf-%1-%2"_s.arg(which).arg(round))));
                CdrIngest ingest(database, projectId);
                const StoreResult<CdrIngestStats> stats = ingest.ingest(CdrRowParser::parse(window));
                if (!stats) {
                    ++failures;
                    const std::lock_guard lock(reasonsMutex);
                    reasons.append(stats.error().detail);
                }
            }
            database.close();
        }
        QSqlDatabase::removeDatabase(connection);
    };
    std::thread first(writer, 1);
    std::thread second(writer, 2);
    first.join();
    second.join();
    QVERIFY2(failures == 0, qPrintable(reasons.join(u"; "_s)));
    QSqlQuery query(store->database());
    QVERIFY(query.exec(u"SELECT COUNT(*) FROM participants"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 2 * Rounds * 20);
}

QTEST_GUILESS_MAIN(TestCdrIngestWriters)
#include "tst_cdringestwriters.moc"
