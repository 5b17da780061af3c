#include "CdrTestRows.h"
#include "domain/CdrRowParser.h"
#include "store/CdrIngest.h"
#include "store/CdrReportQuery.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {

QDateTime utc(int day, int hour, int minute)
{
    return QDateTime(QDate(2025, 3, day), QTime(hour, minute), QTimeZone::utc());
}

} // namespace

// CdrReportQuery on SQLite and PostgreSQL over a store small enough to work out by hand (all times
// UTC, March 2025; every row's published, subscribed and connect minutes are its length):
//
//   session 1, room r1: Alice 1st 10:00-10:30, Bob 1st 10:10-10:40           length 40 min
//   session 2, room r1: Carol 1st 23:50 - 2nd 00:20 (over midnight),
//                       Dave 2nd 00:05-00:10                                  length 30 min
//   session 3, room r2: Eve 3rd 09:00-09:03                                   length  3 min
//   session 4, room r3: Frank 5th 08:00-10:30                                 length 150 min
//   session 5, room r2: Gina 5th 09:00-09:20 (while Frank is in r3)          length 20 min
//
// Minutes by the day of the join: 1st 30+30+30 = 90, 2nd 5, 3rd 3, 4th 0, 5th 150+20 = 170.
// Peak at once, all rooms: 1st 2 (Alice and Bob), 2nd 2 (Carol from midnight, Dave), 3rd 1,
// 4th 0, 5th 2 (Frank and Gina in different rooms).
class TestCdrReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pgUrl;
    QStringList m_pgSchemas;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;

    void backends()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgres") << true;
    }

    bool open()
    {
        QFETCH(bool, postgres);
        m_store = std::make_unique<Store>();
        QString location;
        if (postgres) {
            if (m_pgUrl.isEmpty()) {
                QTest::qSkip("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL", __FILE__, __LINE__);
                return false;
            }
            const QString schema = u"confero_report_"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
            QSqlQuery query(QSqlDatabase::database(u"pg-admin"_s));
            if (!query.exec(u"CREATE SCHEMA "_s + schema)) {
                qWarning() << query.lastError().text();
                return false;
            }
            m_pgSchemas.append(schema);
            location = m_pgUrl + (m_pgUrl.contains(u'?') ? u"&"_s : u"?"_s) + u"options=-csearch_path%3D"_s + schema;
        } else {
            location = m_dir.filePath(QUuid::createUuid().toString(QUuid::Id128) + u".sqlite"_s);
        }
        if (const StoreResult<bool> opened = m_store->open(location); !opened) {
            qWarning() << opened.error().message << opened.error().detail;
            return false;
        }
        QSqlQuery query(m_store->database());
        if (!query.exec(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                        "VALUES ('Test', 'http://127.0.0.1/', 'app', 0, 0)"_s)
            || !query.exec(u"SELECT id FROM projects"_s) || !query.next())
            return false;
        m_projectId = query.value(0).toLongLong();
        return fill();
    }

    bool fill()
    {
        struct Call
        {
            const char *conf;
            const char *room;
            const char *name;
            QDateTime from;
            QDateTime to;
        };
        const Call calls[] = {
            {"1", "r1", "Alice", utc(1, 10, 0), utc(1, 10, 30)}, {"1", "r1", "Bob", utc(1, 10, 10), utc(1, 10, 40)},
            {"2", "r1", "Carol", utc(1, 23, 50), utc(2, 0, 20)}, {"2", "r1", "Dave", utc(2, 0, 5), utc(2, 0, 10)},
            {"3", "r2", "Eve", utc(3, 9, 0), utc(3, 9, 3)},      {"4", "r3", "Frank", utc(5, 8, 0), utc(5, 10, 30)},
            {"5", "r2", "Gina", utc(5, 9, 0), utc(5, 9, 20)},
        };
        QJsonArray rows;
        for (const Call &call : calls) {
            CdrRowSpec spec = CdrRowSpec()
                                  .withCdrId(u"c-"_s + QLatin1StringView(call.name))
                                  .withConf(QLatin1StringView(call.conf))
                                  .withName(QLatin1StringView(call.name))
                                  .withRef(QString(QLatin1StringView(call.name)).toLower())
                                  .during(call.from, call.to);
            spec.roomId = QLatin1StringView(call.room);
            rows.append(cdrRow(spec));
        }
        CdrIngest ingest(m_store->database(), m_projectId);
        const StoreResult<CdrIngestStats> stats = ingest.ingest(CdrRowParser::parse(rows));
        if (!stats)
            qWarning() << stats.error().message << stats.error().detail;
        return stats.ok();
    }

    CdrReport compute(const CdrFilter &filter, int topRooms = CdrReportQuery::defaultTopRooms)
    {
        const StoreResult<CdrReport> report =
            CdrReportQuery::computeOn(m_store->database(), m_store->isPostgres(), m_projectId, filter, topRooms);
        if (!report) {
            qWarning() << report.error().message << report.error().detail;
            return {};
        }
        return report.value();
    }

    static CdrFilter march(int from, int to)
    {
        CdrFilter filter;
        filter.from = QDate(2025, 3, from);
        filter.to = QDate(2025, 3, to);
        return filter;
    }

    static QList<double> connectMinutes(const CdrReport &report)
    {
        QList<double> minutes;
        for (const CdrReport::DayMinutes &day : report.minutesPerDay)
            minutes.append(day.connect);
        return minutes;
    }

    static QList<int> peaks(const CdrReport &report)
    {
        QList<int> peaks;
        for (const CdrReport::DayPeak &day : report.peakPerDay)
            peaks.append(day.peak);
        return peaks;
    }

    static QList<qint64> lengths(const CdrReport &report)
    {
        QList<qint64> counts;
        for (const CdrReport::LengthBucket &bucket : report.sessionLengths)
            counts.append(bucket.sessions);
        return counts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pgUrl = qEnvironmentVariable("CONFERO_TEST_PG_URL");
        if (m_pgUrl.isEmpty())
            return;
        QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s), "CONFERO_TEST_PG_URL is set but QPSQL is missing");
        QSqlDatabase admin = QSqlDatabase::addDatabase(u"QPSQL"_s, u"pg-admin"_s);
        const QUrl url(m_pgUrl);
        admin.setHostName(url.host());
        admin.setPort(url.port(5432));
        admin.setUserName(url.userName());
        admin.setPassword(url.password());
        admin.setDatabaseName(url.path().mid(1));
        QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
    }

    void cleanup()
    {
        m_store.reset();
        if (m_pgUrl.isEmpty())
            return;
        QSqlQuery query(QSqlDatabase::database(u"pg-admin"_s));
        for (const QString &schema : std::as_const(m_pgSchemas))
            QVERIFY2(query.exec(u"DROP SCHEMA "_s + schema + u" CASCADE"_s), qPrintable(query.lastError().text()));
        m_pgSchemas.clear();
    }

    void cleanupTestCase()
    {
        if (!m_pgUrl.isEmpty())
            QSqlDatabase::removeDatabase(u"pg-admin"_s);
    }

    void wholePeriod_data() { backends(); }
    void wholePeriod()
    {
        QVERIFY(open());
        const CdrReport report = compute(march(1, 5));
        QCOMPARE(report.from, QDate(2025, 3, 1));
        QCOMPARE(report.to, QDate(2025, 3, 5));
        QCOMPARE(report.participantRows, 7);
        QCOMPARE(report.sessions, 5);
        QCOMPARE(report.minutesPerDay.size(), 5);
        QCOMPARE(report.minutesPerDay.at(3).day, QDate(2025, 3, 4));
        QCOMPARE(connectMinutes(report), (QList<double>{90, 5, 3, 0, 170}));
        QCOMPARE(report.minutesPerDay.at(0).published, 90.0);
        QCOMPARE(report.minutesPerDay.at(4).subscribed, 170.0);
        QCOMPARE(peaks(report), (QList<int>{2, 2, 1, 0, 2}));
        // under 5 min: Eve's; 15-30: Gina's; 30-60: sessions 1 (40) and 2 (exactly 30); 2-4 h: Frank's.
        QCOMPARE(lengths(report), (QList<qint64>{1, 0, 1, 2, 0, 1, 0}));
        QCOMPARE(report.sessionLengths.at(3).fromS, 1800.0);
        QCOMPARE(report.sessionLengths.at(3).toS, 3600.0);
        QCOMPARE(report.sessionLengths.last().toS, -1.0);
        // r1 and r2 have two sessions each (tie broken by room id), r3 one.
        QCOMPARE(report.sessionsPerRoom.size(), 3);
        QCOMPARE(report.sessionsPerRoom.at(0).roomId, u"r1"_s);
        QCOMPARE(report.sessionsPerRoom.at(0).roomName, u"Daily stand-up"_s);
        QCOMPARE(report.sessionsPerRoom.at(0).sessions, 2);
        QCOMPARE(report.sessionsPerRoom.at(1).roomId, u"r2"_s);
        QCOMPARE(report.sessionsPerRoom.at(1).sessions, 2);
        QCOMPARE(report.sessionsPerRoom.at(2).roomId, u"r3"_s);
        QCOMPARE(report.sessionsPerRoom.at(2).sessions, 1);
    }

    void topRoomsAndTheRest_data() { backends(); }
    void topRoomsAndTheRest()
    {
        QVERIFY(open());
        const CdrReport report = compute(march(1, 5), 1);
        QCOMPARE(report.sessionsPerRoom.size(), 2);
        QCOMPARE(report.sessionsPerRoom.at(0).roomId, u"r1"_s);
        QCOMPARE(report.sessionsPerRoom.at(1).roomId, QString());
        QCOMPARE(report.sessionsPerRoom.at(1).sessions, 3);
        QCOMPARE(report.sessionsPerRoom.at(1).otherRooms, 2);
    }

    // Carol joined on the 1st, so a period from the 2nd has only Dave of session 2: the session
    // counts (one of its rows matches), Carol's minutes and presence do not.
    void periodSelectsByTheDayOfTheJoin_data() { backends(); }
    void periodSelectsByTheDayOfTheJoin()
    {
        QVERIFY(open());
        const CdrReport report = compute(march(2, 5));
        QCOMPARE(report.participantRows, 4);
        QCOMPARE(report.sessions, 4);
        QCOMPARE(connectMinutes(report), (QList<double>{5, 3, 0, 170}));
        QCOMPARE(peaks(report), (QList<int>{1, 1, 0, 2}));
        QCOMPARE(lengths(report), (QList<qint64>{1, 0, 1, 1, 0, 1, 0}));
    }

    void roomAndTextFilters_data() { backends(); }
    void roomAndTextFilters()
    {
        QVERIFY(open());
        CdrFilter room = march(1, 5);
        room.roomId = u"r1"_s;
        CdrReport report = compute(room);
        QCOMPARE(connectMinutes(report), (QList<double>{90, 5, 0, 0, 0}));
        QCOMPARE(peaks(report), (QList<int>{2, 2, 0, 0, 0}));
        QCOMPARE(report.sessions, 2);
        QCOMPARE(lengths(report), (QList<qint64>{0, 0, 0, 2, 0, 0, 0}));

        CdrFilter person = march(1, 5);
        person.text = u"fra"_s; // the trigram index on SQLite, ILIKE on PostgreSQL
        report = compute(person);
        QCOMPARE(report.participantRows, 1);
        QCOMPARE(connectMinutes(report), (QList<double>{0, 0, 0, 0, 150}));
        QCOMPARE(peaks(report), (QList<int>{0, 0, 0, 0, 1}));
        QCOMPARE(report.sessionsPerRoom.size(), 1);
        QCOMPARE(report.sessionsPerRoom.at(0).roomId, u"r3"_s);
    }

    // Without from/to the report spans the days that have joins.
    void openPeriodSpansTheRows_data() { backends(); }
    void openPeriodSpansTheRows()
    {
        QVERIFY(open());
        CdrReport report = compute({});
        QCOMPARE(report.from, QDate(2025, 3, 1));
        QCOMPARE(report.to, QDate(2025, 3, 5));
        QCOMPARE(report.minutesPerDay.size(), 5);

        CdrFilter nobody;
        nobody.roomId = u"no-such-room"_s;
        report = compute(nobody);
        QVERIFY(!report.from.isValid());
        QVERIFY(report.minutesPerDay.isEmpty());
        QCOMPARE(report.sessions, 0);
        QCOMPARE(lengths(report), (QList<qint64>{0, 0, 0, 0, 0, 0, 0}));
    }

    // The asynchronous path: computed on the worker's own connection, answered on this thread.
    void computedOnTheWorker_data() { backends(); }
    void computedOnTheWorker()
    {
        QVERIFY(open());
        CdrReportQuery query(m_store.get(), m_projectId);
        std::optional<StoreResult<CdrReport>> answer;
        std::optional<StoreResult<QList<CdrRoomChoice>>> rooms;
        QThread *const testThread = QThread::currentThread();
        bool onThisThread = false;
        query.compute(march(1, 5), 10, [&](const StoreResult<CdrReport> &result) {
            onThisThread = QThread::currentThread() == testThread;
            answer = result;
        });
        query.rooms([&](const StoreResult<QList<CdrRoomChoice>> &result) { rooms = result; });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value() && rooms.has_value(), 30000);
        QVERIFY(onThisThread);
        QVERIFY(answer->ok());
        QCOMPARE(peaks(answer->value()), (QList<int>{2, 2, 1, 0, 2}));
        QVERIFY(rooms->ok());
        QCOMPARE(rooms->value().size(), 3);
        QCOMPARE(rooms->value().at(0).roomId, u"r1"_s);
        QCOMPARE(rooms->value().at(0).roomName, u"Daily stand-up"_s);
    }
};

QTEST_GUILESS_MAIN(TestCdrReport)
#include "tst_cdrreport.moc"
