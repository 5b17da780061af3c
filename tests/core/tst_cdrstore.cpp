#include "CdrTestRows.h"
#include "domain/CdrRowParser.h"
#include "store/CdrIngest.h"
#include "store/CdrQuery.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <algorithm>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

// CDR ingest, sessions and the query layer on SQLite files and, when CONFERO_TEST_PG_URL names a
// server (ctest's postgres fixture), on PostgreSQL: every test runs on both.
class TestCdrStore : public QObject
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

    // Opens a fresh store on the backend of the current data row, with one project.
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
            const QString schema = u"confero_cdr_"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
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
        const StoreResult<bool> opened = m_store->open(location);
        if (!opened) {
            qWarning() << opened.error().message << opened.error().detail;
            return false;
        }
        QSqlQuery query(m_store->database());
        query.prepare(
            u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) VALUES (?, ?, ?, 0, 0)"_s);
        query.addBindValue(u"Test"_s);
        query.addBindValue(u"http://127.0.0.1/video/v2/"_s);
        query.addBindValue(u"app"_s);
        if (!query.exec() || !query.exec(u"SELECT id FROM projects"_s) || !query.next())
            return false;
        m_projectId = query.value(0).toLongLong();
        return true;
    }

    CdrIngestStats ingest(const QJsonArray &window)
    {
        CdrIngest ingest(m_store->database(), m_projectId);
        const StoreResult<CdrIngestStats> stats = ingest.ingest(CdrRowParser::parse(window));
        if (!stats)
            qWarning() << stats.error().message << stats.error().detail;
        return stats ? stats.value() : CdrIngestStats{};
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery query(m_store->database());
        if (!query.exec(sql) || !query.next()) {
            qWarning() << sql << query.lastError().text();
            return -1;
        }
        return query.value(0).toLongLong();
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

    void malformedRowsAreStoredAndReported_data() { backends(); }
    void malformedRowsAreStoredAndReported()
    {
        QVERIFY(open());
        QJsonObject broken = cdrRow(CdrRowSpec().withCdrId(u"c-2"_s).withName(u"Bob"_s));
        QJsonObject room = broken.value(u"room").toObject();
        room.insert(u"connect_dt"_s, u"not a time"_s);
        room.insert(u"duration"_s, u"long"_s);
        broken.insert(u"room"_s, room);
        broken.insert(u"extra_field"_s, u"kept"_s);
        QJsonObject classic = cdrRow(CdrRowSpec().withCdrId(u"c-3"_s).withName(u"Cleo"_s));
        classic.insert(u"published_track"_s, QJsonObject{{u"audio"_s, u"true"_s}, {u"video"_s, u"false"_s}});
        const QJsonArray window{cdrRow(CdrRowSpec().withCdrId(u"c-1"_s)), broken, 17, classic};

        const CdrIngestStats stats = ingest(window);
        QCOMPARE(stats.received, 4);
        QCOMPARE(stats.inserted, 4);
        QCOMPARE(stats.withProblems, 2);
        const QString problems = stats.problems.join(u"\n"_s);
        QVERIFY2(problems.contains(u"session 913, row 2: room.connect_dt: not a date"_s), qPrintable(problems));
        QVERIFY2(problems.contains(u"row 3 is not an object"_s), qPrintable(problems));
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 4);

        QSqlQuery query(m_store->database());
        QVERIFY(query.exec(u"SELECT name, connect_ms, duration_s, problems, raw_json FROM participants "
                           "JOIN participant_json ON participant_id = participants.id WHERE cdr_id = 'c-2'"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"Bob"_s);
        QCOMPARE(query.value(1).toLongLong(), 0);
        QVERIFY(query.value(3).toString().contains(u"room.duration"_s));
        QCOMPARE(
            QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object().value(u"extra_field"_s).toString(),
            u"kept"_s);
        // The session is still made of the rows that could be placed in time.
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), 1);
        QCOMPARE(scalar(u"SELECT row_count FROM sessions WHERE conf_num = '913'"_s), 3);
    }

    void resyncLeavesCountsUnchanged_data() { backends(); }
    void resyncLeavesCountsUnchanged()
    {
        QVERIFY(open());
        QJsonArray window;
        for (int i = 0; i < 30; ++i) {
            CdrRowSpec spec;
            spec.confNum = QString::number(100 + i / 5);
            spec.name = u"user %1"_s.arg(i);
            spec.userRef = u"u-%1"_s.arg(i);
            if (i % 3 == 0)
                spec.cdrId = u"cdr-%1"_s.arg(i);
            else if (i % 3 == 1)
                spec.callLogId = u"log-%1"_s.arg(i);
            // the rest are known only by their content
            spec.connect = spec.connect.addSecs(i * 7);
            window.append(cdrRow(spec));
        }
        QCOMPARE(ingest(window).inserted, 30);
        const CdrIngestStats again = ingest(window);
        QCOMPARE(again.inserted, 0);
        QCOMPARE(again.updated, 30);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 30);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), 6);
        QCOMPARE(scalar(u"SELECT SUM(row_count) FROM sessions"_s), 30);
    }

    // Overlapping windows in one batch (begin, add, add, commit) store what two ingests store: rows
    // seen twice within the batch are one row, the sessions are recomputed whole at commit; a batch
    // dropped without commit leaves nothing.
    void aBatchOfWindowsIsOneTransaction_data() { backends(); }
    void aBatchOfWindowsIsOneTransaction()
    {
        QVERIFY(open());
        QJsonArray first, second;
        for (int i = 0; i < 20; ++i) {
            CdrRowSpec spec;
            spec.confNum = QString::number(100 + i / 5);
            spec.name = u"user %1"_s.arg(i);
            spec.userRef = u"u-%1"_s.arg(i);
            if (i % 2 == 0)
                spec.cdrId = u"cdr-%1"_s.arg(i);
            spec.connect = spec.connect.addSecs(i * 7);
            (i < 12 ? first : second).append(cdrRow(spec));
            if (i >= 8 && i < 12)
                second.append(cdrRow(spec)); // the overlap of two windows
        }
        {
            CdrIngest dropped(m_store->database(), m_projectId);
            QVERIFY(dropped.begin());
            QVERIFY(dropped.add(CdrRowParser::parse(first)));
            QVERIFY(dropped.inTransaction());
        }
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 0);

        CdrIngest batch(m_store->database(), m_projectId);
        QVERIFY(batch.begin());
        const StoreResult<CdrIngestStats> a = batch.add(CdrRowParser::parse(first));
        const StoreResult<CdrIngestStats> b = batch.add(CdrRowParser::parse(second));
        QVERIFY(a && b);
        QCOMPARE(a.value().inserted, 12);
        QCOMPARE(b.value().inserted, 8);
        QCOMPARE(b.value().updated, 4);
        QVERIFY(batch.commit());
        QVERIFY(!batch.inTransaction());
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 20);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), 4);
        QCOMPARE(scalar(u"SELECT SUM(row_count) FROM sessions"_s), 20);
        QCOMPARE(scalar(u"SELECT row_count FROM sessions WHERE conf_num = '102'"_s), 5);

        // The same statements serve the next batch.
        QVERIFY(batch.begin());
        const StoreResult<CdrIngestStats> again = batch.add(CdrRowParser::parse(second));
        QVERIFY(again);
        QCOMPARE(again.value().inserted, 0);
        QVERIFY(batch.commit());
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 20);
    }

    void sameRowWithAndWithoutCdrId_data() { backends(); }
    void sameRowWithAndWithoutCdrId()
    {
        QVERIFY(open());
        // Known by its natural key first, then the platform adds cdr_id: one row, which keeps it.
        CdrRowSpec spec = CdrRowSpec().withCall(u"2"_s, u"log-1"_s);
        QCOMPARE(ingest({cdrRow(spec)}).inserted, 1);
        spec.cdrId = u"c-1"_s;
        QCOMPARE(ingest({cdrRow(spec)}).updated, 1);
        spec.cdrId.clear();
        QCOMPARE(ingest({cdrRow(spec)}).updated, 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 1);
        QSqlQuery query(m_store->database());
        QVERIFY(query.exec(u"SELECT cdr_id, cdr_key FROM participants"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"c-1"_s);
        QCOMPARE(query.value(1).toString(), u"id:c-1"_s);

        // Known only by its content (no call_num, no call_log_id), then with cdr_id: still one row.
        CdrRowSpec bare = CdrRowSpec().withConf(u"914"_s).withName(u"Dora"_s);
        QCOMPARE(ingest({cdrRow(bare)}).inserted, 1);
        bare.cdrId = u"c-9"_s;
        QCOMPARE(ingest({cdrRow(bare)}).updated, 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants WHERE conf_num = '914'"_s), 1);

        // Two different cdr_ids with the same natural key are two records: the platform's id wins.
        CdrRowSpec twin = CdrRowSpec().withCdrId(u"c-2"_s).withCall(u"2"_s, u"log-1"_s);
        QCOMPARE(ingest({cdrRow(twin)}).inserted, 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 3);
    }

    void sessionCrossingMidnightStoredOnce_data() { backends(); }
    void sessionCrossingMidnightStoredOnce()
    {
        QVERIFY(open());
        const QDateTime start(QDate(2025, 3, 1), QTime(23, 30), QTimeZone::utc());
        const CdrRowSpec a =
            CdrRowSpec().withCdrId(u"m-1"_s).withConf(u"777"_s).withName(u"A"_s).withRef(u"a"_s).during(
                start, start.addSecs(3600));
        const CdrRowSpec b =
            CdrRowSpec().withCdrId(u"m-2"_s).withConf(u"777"_s).withName(u"B"_s).withRef(u"b"_s).during(
                start.addSecs(600), start.addSecs(1200));
        // B rejoins after midnight: a second row for the same person.
        const CdrRowSpec b2 =
            CdrRowSpec().withCdrId(u"m-3"_s).withConf(u"777"_s).withName(u"B"_s).withRef(u"b"_s).during(
                start.addSecs(2400), start.addSecs(4200));
        // Window [Mar 1, Mar 2] then the overlapping [Mar 2, Mar 3]: the platform lists rows by day.
        ingest({cdrRow(a), cdrRow(b)});
        ingest({cdrRow(a), cdrRow(b2)});
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM sessions"_s), 1);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM participants"_s), 3);
        QSqlQuery query(m_store->database());
        QVERIFY(query.exec(u"SELECT start_ms, end_ms, duration_s, participant_count, peak_concurrency, row_count "
                           "FROM sessions WHERE conf_num = '777'"_s)
                && query.next());
        QCOMPARE(query.value(0).toLongLong(), start.toMSecsSinceEpoch());
        QCOMPARE(query.value(1).toLongLong(), start.addSecs(4200).toMSecsSinceEpoch());
        QCOMPARE(query.value(2).toDouble(), 4200.0);
        QCOMPARE(query.value(3).toInt(), 2);
        QCOMPARE(query.value(4).toInt(), 2);
        QCOMPARE(query.value(5).toInt(), 3);
    }

    void peakConcurrencyCountsALeaveBeforeAJoinAtTheSameInstant_data() { backends(); }
    void peakConcurrencyCountsALeaveBeforeAJoinAtTheSameInstant()
    {
        QVERIFY(open());
        const QDateTime t(QDate(2025, 4, 1), QTime(10, 0), QTimeZone::utc());
        ingest({cdrRow(CdrRowSpec().withCdrId(u"p1"_s).withConf(u"5"_s).withRef(u"x"_s).during(t, t.addSecs(60))),
                cdrRow(CdrRowSpec().withCdrId(u"p2"_s).withConf(u"5"_s).withRef(u"y"_s).during(t.addSecs(60),
                                                                                               t.addSecs(120))),
                cdrRow(CdrRowSpec().withCdrId(u"p3"_s).withConf(u"5"_s).withRef(u"z"_s).during(t.addSecs(30),
                                                                                               t.addSecs(90)))});
        QCOMPARE(scalar(u"SELECT peak_concurrency FROM sessions"_s), 2);
        QCOMPARE(scalar(u"SELECT participant_count FROM sessions"_s), 3);
    }

    void queryMatchesBruteForce_data() { backends(); }
    void queryMatchesBruteForce()
    {
        QVERIFY(open());
        // A few thousand rows with ties on purpose (few rooms, roles, rounded durations), so the
        // id tie-break and the keyset comparisons are exercised.
        const QStringList names{u"Alice"_s,      u"alina"_s, u"Bob"_s, u"bobby_tables"_s,
                                u"Carla 100%"_s, u"dave"_s,  u"Eve"_s};
        const QStringList roles{u"moderator"_s, u"participant"_s, u"viewer"_s, u"audience"_s};
        const QStringList rooms{u"room-a"_s, u"room-b"_s, u"room-c"_s};
        QRandomGenerator random(42);
        const QDateTime base(QDate(2025, 1, 1), QTime(0, 0), QTimeZone::utc());
        QJsonArray window;
        for (int i = 0; i < 3000; ++i) {
            CdrRowSpec spec;
            spec.cdrId = u"r-%1"_s.arg(i);
            spec.confNum = QString::number(1000 + i / 6);
            spec.roomId = rooms.at(random.bounded(static_cast<int>(rooms.size())));
            spec.name = names.at(random.bounded(static_cast<int>(names.size())));
            spec.userRef = u"ref-%1"_s.arg(random.bounded(50));
            spec.role = roles.at(random.bounded(static_cast<int>(roles.size())));
            spec.connect = base.addSecs(static_cast<qint64>(random.bounded(60 * 86400)));
            spec.disconnect = spec.connect.addSecs(60 * random.bounded(1, 40));
            window.append(cdrRow(spec));
        }
        QCOMPARE(ingest(window).inserted, 3000);

        struct Row
        {
            qint64 id;
            QString room, name, ref, role;
            qint64 connect;
            double duration;
        };
        QList<Row> all;
        {
            QSqlQuery query(m_store->database());
            QVERIFY(
                query.exec(u"SELECT id, room_id, name, user_ref, role, connect_ms, duration_s FROM participants"_s));
            while (query.next())
                all.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                            query.value(3).toString(), query.value(4).toString(), query.value(5).toLongLong(),
                            query.value(6).toDouble()});
        }
        QCOMPARE(all.size(), 3000);

        struct Case
        {
            CdrFilter filter;
            CdrSort sort;
        };
        auto filter = [](auto &&fill) {
            CdrFilter f;
            fill(f);
            return f;
        };
        QList<Case> cases;
        cases.append({{}, {u"connect_ms"_s, false}});
        cases.append({{}, {u"connect_ms"_s, true}});
        cases.append({filter([](CdrFilter &f) {
                          f.from = QDate(2025, 1, 10);
                          f.to = QDate(2025, 1, 20);
                      }),
                      {u"duration_s"_s, true}});
        cases.append({filter([](CdrFilter &f) { f.roomId = u"room-b"_s; }), {u"name"_s, false}});
        cases.append({filter([](CdrFilter &f) { f.text = u"ALI"_s; }), {u"name"_s, true}});
        cases.append({filter([](CdrFilter &f) { f.text = u"100%"_s; }), {u"id"_s, false}});
        cases.append({filter([](CdrFilter &f) { f.text = u"_t"_s; }), {u"user_ref"_s, false}});
        cases.append({filter([](CdrFilter &f) {
                          f.role = u"viewer"_s;
                          f.minDurationS = 1200;
                      }),
                      {u"duration_s"_s, false}});
        cases.append({filter([](CdrFilter &f) {
                          f.from = QDate(2025, 2, 1);
                          f.roomId = u"room-c"_s;
                          f.text = u"ref-1"_s;
                      }),
                      {u"role"_s, true}});
        cases.append({{}, {u"id"_s, true}});

        CdrQuery cdr(m_store.get(), m_projectId);
        for (const Case &c : std::as_const(cases)) {
            const qint64 fromMs = c.filter.from.isValid()
                ? QDateTime(c.filter.from, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch()
                : LLONG_MIN;
            const qint64 toMs = c.filter.to.isValid()
                ? QDateTime(c.filter.to.addDays(1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch()
                : LLONG_MAX;
            QList<Row> expected;
            for (const Row &row : std::as_const(all)) {
                if (row.connect < fromMs || row.connect >= toMs)
                    continue;
                if (!c.filter.roomId.isEmpty() && row.room != c.filter.roomId)
                    continue;
                if (!c.filter.role.isEmpty() && row.role != c.filter.role)
                    continue;
                if (row.duration < c.filter.minDurationS)
                    continue;
                if (!c.filter.text.isEmpty() && !row.name.contains(c.filter.text, Qt::CaseInsensitive)
                    && !row.ref.contains(c.filter.text, Qt::CaseInsensitive))
                    continue;
                expected.append(row);
            }
            auto key = [&c](const Row &row) -> QVariant {
                const QString &column = c.sort.column;
                if (column == u"connect_ms")
                    return row.connect;
                if (column == u"duration_s")
                    return row.duration;
                if (column == u"name")
                    return row.name;
                if (column == u"user_ref")
                    return row.ref;
                if (column == u"role")
                    return row.role;
                return row.id;
            };
            std::sort(expected.begin(), expected.end(), [&](const Row &a, const Row &b) {
                const int order = QVariant::compare(key(a), key(b)) == QPartialOrdering::Less ? -1
                    : QVariant::compare(key(a), key(b)) == QPartialOrdering::Greater          ? 1
                                                                                              : 0;
                if (order != 0)
                    return c.sort.descending ? order > 0 : order < 0;
                return c.sort.descending ? a.id > b.id : a.id < b.id;
            });
            QVERIFY2(!expected.isEmpty(), qPrintable(c.sort.column));

            QList<qint64> got;
            std::optional<CdrPageKey> after;
            int pages = 0;
            do {
                const StoreResult<CdrPage> page = cdr.page(c.filter, c.sort, 97, after);
                QVERIFY2(page, page ? "" : qPrintable(page.error().message + u' ' + page.error().detail));
                for (const CdrStoredRow &row : page.value().rows)
                    got.append(row.id);
                after = page.value().next;
                QVERIFY(++pages < 100);
            } while (after);
            QList<qint64> want;
            for (const Row &row : std::as_const(expected))
                want.append(row.id);
            QCOMPARE(got, want);

            const StoreResult<qint64> now = cdr.countNow(c.filter);
            QVERIFY(now);
            QCOMPARE(now.value(), expected.size());
            std::optional<qint64> counted;
            cdr.count(c.filter,
                      [&counted](const StoreResult<qint64> &result) { counted = result ? result.value() : -1; });
            QTRY_VERIFY_WITH_TIMEOUT(counted.has_value(), 20'000);
            QCOMPARE(*counted, expected.size());
        }
    }

    void nameSearchFollowsRenames_data() { backends(); }
    void nameSearchFollowsRenames()
    {
        QVERIFY(open());
        CdrRowSpec spec = CdrRowSpec().withCdrId(u"s-1"_s).withName(u"Marguerite"_s).withRef(u"ref-77"_s);
        ingest({cdrRow(spec), cdrRow(CdrRowSpec().withCdrId(u"s-2"_s).withName(u"Quote \"me\""_s))});
        CdrQuery cdr(m_store.get(), m_projectId);
        auto count = [&cdr](const QString &text) {
            CdrFilter filter;
            filter.text = text;
            const StoreResult<qint64> n = cdr.countNow(filter);
            if (!n)
                qWarning() << n.error().message << n.error().detail;
            return n ? n.value() : -1;
        };
        QCOMPARE(count(u"GUERIT"_s), 1);
        QCOMPARE(count(u"f-77"_s), 1);
        QCOMPARE(count(u"e \"m"_s), 1);
        QCOMPARE(count(u"e \"x"_s), 0);
        // The platform corrects a name: the search sees the new one only.
        spec.name = u"Margot"_s;
        ingest({cdrRow(spec)});
        QCOMPARE(count(u"GUERIT"_s), 0);
        QCOMPARE(count(u"margot"_s), 1);
        QCOMPARE(count(u"GO"_s), 1);
    }

    void unknownSortColumnIsRefused_data() { backends(); }
    void unknownSortColumnIsRefused()
    {
        QVERIFY(open());
        CdrQuery cdr(m_store.get(), m_projectId);
        const StoreResult<CdrPage> page = cdr.page({}, {u"raw_json; DROP TABLE x"_s, false}, 10);
        QVERIFY(!page);
        QVERIFY(page.error().message.contains(u"connect_ms"_s));
    }
};

QTEST_GUILESS_MAIN(TestCdrStore)
#include "tst_cdrstore.moc"
