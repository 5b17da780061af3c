#include "SessionTestData.h"
#include "StoreBackends.h"
#include "domain/CdrRowParser.h"
#include "store/CdrIngest.h"
#include "store/SessionQuery.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <limits>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {
constexpr int kSessions = 240;
constexpr int kWaitMs = 20000; // generous: a loaded 2-core machine

// A stored session as a plain SELECT reads it, for the brute-force answer.
struct Stored
{
    qint64 id = 0;
    QHash<QString, QVariant> values;
};
} // namespace

// SessionQuery on SQLite and PostgreSQL: every filter (dates of the start, room, participant name or
// ref and role as one EXISTS, minimum duration) and every sort both ways, paged by keyset in small
// pages, gives exactly the sessions a brute-force filter and sort of the whole table gives; the
// count on the worker agrees; keyAt lands where the pages do.
class TestSessionQuery : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;
    QList<SessionTestSession> m_sessions;

    bool open()
    {
        QFETCH(bool, postgres);
        QString error;
        m_store = m_backends.open(postgres, &m_projectId, &error);
        if (!m_store) {
            qWarning() << error;
            return false;
        }
        QJsonArray window;
        m_sessions.clear();
        generateSessions(kSessions, &window, &m_sessions);
        CdrIngest ingest(m_store->database(), m_projectId);
        const StoreResult<CdrIngestStats> stats = ingest.ingest(CdrRowParser::parse(window));
        if (!stats)
            qWarning() << stats.error().message << stats.error().detail;
        return stats.ok();
    }

    bool matchesParticipants(const QString &confNum, const CdrFilter &filter) const
    {
        if (filter.text.isEmpty() && filter.role.isEmpty())
            return true;
        const auto session = std::find_if(m_sessions.cbegin(), m_sessions.cend(),
                                          [&](const SessionTestSession &s) { return s.confNum == confNum; });
        if (session == m_sessions.cend())
            return false;
        return std::any_of(session->rows.cbegin(), session->rows.cend(), [&](const SessionTestPerson &p) {
            const bool text = filter.text.isEmpty() || p.name.contains(filter.text, Qt::CaseInsensitive)
                || p.userRef.contains(filter.text, Qt::CaseInsensitive);
            const bool role = filter.role.isEmpty() || p.role == filter.role;
            return text && role;
        });
    }

    // Every stored session the filter selects, in the sort's order, by brute force.
    QList<qint64> bruteIds(const CdrFilter &filter, const SessionSort &sort) const
    {
        QSqlQuery query(m_store->database());
        query.prepare(u"SELECT "_s + SessionQuery::columns().join(u", "_s) + u" FROM sessions WHERE project_id = ?"_s);
        query.addBindValue(m_projectId);
        if (!query.exec()) {
            qWarning() << query.lastQuery();
            return {};
        }
        const QStringList columns = SessionQuery::columns();
        QList<Stored> rows;
        const qint64 fromMs = filter.from.isValid()
            ? QDateTime(filter.from, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch()
            : std::numeric_limits<qint64>::min();
        const qint64 toMs = filter.to.isValid()
            ? QDateTime(filter.to.addDays(1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch()
            : std::numeric_limits<qint64>::max();
        while (query.next()) {
            Stored row;
            for (int c = 0; c < columns.size(); ++c)
                row.values.insert(columns.at(c), query.value(c));
            row.id = row.values.value(u"id"_s).toLongLong();
            const qint64 start = row.values.value(u"start_ms"_s).toLongLong();
            if (start < fromMs || start >= toMs)
                continue;
            if (!filter.roomId.isEmpty() && row.values.value(u"room_id"_s).toString() != filter.roomId)
                continue;
            if (row.values.value(u"duration_s"_s).toDouble() < filter.minDurationS)
                continue;
            if (!matchesParticipants(row.values.value(u"conf_num"_s).toString(), filter))
                continue;
            rows.append(row);
        }
        const bool text = sort.column == u"conf_num"_s || sort.column == u"room_id"_s || sort.column == u"room_name"_s;
        std::sort(rows.begin(), rows.end(), [&](const Stored &a, const Stored &b) {
            const QVariant va = a.values.value(sort.column);
            const QVariant vb = b.values.value(sort.column);
            int c = 0;
            if (text)
                c = va.toString().toUtf8().compare(vb.toString().toUtf8());
            else
                c = va.toDouble() < vb.toDouble() ? -1 : (va.toDouble() > vb.toDouble() ? 1 : 0);
            if (c == 0)
                c = a.id < b.id ? -1 : (a.id > b.id ? 1 : 0);
            return sort.descending ? c > 0 : c < 0;
        });
        QList<qint64> ids;
        for (const Stored &row : std::as_const(rows))
            ids.append(row.id);
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_backends.init(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_store.reset();
        QString error;
        QVERIFY2(m_backends.dropSchemas(&error), qPrintable(error));
    }

    void sessionsAreDerivedFromTheirRows_data() { StoreBackends::addRows(); }
    void sessionsAreDerivedFromTheirRows()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        SessionQuery query(m_store.get(), m_projectId);
        CdrFilter filter;
        filter.confNum = u"700000"_s; // 2 people, the second rejoined: three rows
        const StoreResult<SessionPage> page = query.page(filter, {}, 10);
        QVERIFY2(page, qPrintable(page ? QString() : page.error().detail));
        QCOMPARE(page.value().rows.size(), 1);
        const SessionRow &row = page.value().rows.constFirst();
        QCOMPARE(row.roomId, u"room-alpha"_s);
        QCOMPARE(row.roomName, u"Alpha room"_s);
        QCOMPARE(row.participantCount, 2);
        QCOMPARE(row.rowCount, 3);
        QCOMPARE(row.peakConcurrency, 2);
        QCOMPARE(row.endMs - row.startMs, 12 * 60 * 1000);
        QVERIFY(!page.value().next);
    }

    void pagesMatchBruteForce_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<QString>("column");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<QString>("room");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("role");
        QTest::addColumn<double>("minDuration");
        for (const bool postgres : {false, true}) {
            const char *backend = postgres ? "postgres" : "sqlite";
            auto row = [&](const char *name) { return &QTest::addRow("%s: %s", backend, name); };
            *row("everything by start") << postgres << u"start_ms"_s << false << QDate() << QDate() << QString()
                                        << QString() << QString() << 0.0;
            *row("everything by start, descending") << postgres << u"start_ms"_s << true << QDate() << QDate()
                                                    << QString() << QString() << QString() << 0.0;
            *row("room name, descending") << postgres << u"room_name"_s << true << QDate() << QDate() << QString()
                                          << QString() << QString() << 0.0;
            *row("conference") << postgres << u"conf_num"_s << false << QDate() << QDate() << QString() << QString()
                               << QString() << 0.0;
            *row("two days by duration, descending") << postgres << u"duration_s"_s << true << QDate(2025, 4, 2)
                                                     << QDate(2025, 4, 3) << QString() << QString() << QString() << 0.0;
            *row("a room by participants") << postgres << u"participant_count"_s << false << QDate() << QDate()
                                           << u"room-beta"_s << QString() << QString() << 0.0;
            *row("name substring (trigram) by peak, descending")
                << postgres << u"peak_concurrency"_s << true << QDate() << QDate() << QString() << u"loé mar"_s
                << QString() << 0.0;
            *row("short ref substring by end")
                << postgres << u"end_ms"_s << false << QDate() << QDate() << QString() << u"-4"_s << QString() << 0.0;
            *row("name and role in one row") << postgres << u"start_ms"_s << false << QDate() << QDate() << QString()
                                             << u"Ann"_s << u"viewer"_s << 0.0;
            *row("role and minimum duration by recorded") << postgres << u"recorded"_s << true << QDate() << QDate()
                                                          << QString() << QString() << u"viewer"_s << 3600.0;
            *row("nothing matches") << postgres << u"start_ms"_s << false << QDate(2030, 1, 1) << QDate(2030, 1, 2)
                                    << QString() << QString() << QString() << 0.0;
        }
    }

    void pagesMatchBruteForce()
    {
        QFETCH(bool, postgres);
        QFETCH(QString, column);
        QFETCH(bool, descending);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(QString, room);
        QFETCH(QString, text);
        QFETCH(QString, role);
        QFETCH(double, minDuration);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        CdrFilter filter;
        filter.from = from;
        filter.to = to;
        filter.roomId = room;
        filter.text = text;
        filter.role = role;
        filter.minDurationS = minDuration;
        SessionSort sort;
        sort.column = column;
        sort.descending = descending;
        const QList<qint64> expected = bruteIds(filter, sort);
        if (!filter.text.isEmpty() && !filter.role.isEmpty()) {
            // Both conditions on one participant row: narrower than the name alone.
            CdrFilter nameOnly = filter;
            nameOnly.role.clear();
            QVERIFY(expected.size() < bruteIds(nameOnly, sort).size());
        }
        if (QString::fromLatin1(QTest::currentDataTag()).endsWith(u"nothing matches"_s))
            QVERIFY(expected.isEmpty());
        else
            QVERIFY(expected.size() > 1); // a case that selects one row proves little about order

        SessionQuery query(m_store.get(), m_projectId);
        QList<qint64> paged;
        std::optional<CdrPageKey> after;
        int pages = 0;
        do {
            const StoreResult<SessionPage> page = query.page(filter, sort, 7, after);
            QVERIFY2(page, qPrintable(page ? QString() : page.error().message + u' ' + page.error().detail));
            for (const SessionRow &row : page.value().rows)
                paged.append(row.id);
            // keyAt finds the start of the next page from the very beginning, as a jump would, and
            // from the end backwards, as a jump near the end does.
            if (page.value().next) {
                const auto key = SessionQuery::keyAt(m_store->database(), postgres, m_projectId, filter, sort,
                                                     CdrRowSeek{std::nullopt, paged.size() - 1, false});
                QVERIFY(key && key.value());
                QCOMPARE(key.value()->id, page.value().next->id);
                const auto fromEnd =
                    SessionQuery::keyAt(m_store->database(), postgres, m_projectId, filter, sort,
                                        CdrRowSeek{std::nullopt, expected.size() - paged.size(), true});
                QVERIFY(fromEnd && fromEnd.value());
                QCOMPARE(fromEnd.value()->id, page.value().next->id);
            }
            after = page.value().next;
            QVERIFY(++pages < 1000);
        } while (after);
        QCOMPARE(paged, expected);

        const StoreResult<qint64> now = query.countNow(filter);
        QVERIFY(now);
        QCOMPARE(now.value(), expected.size());
        std::optional<StoreResult<qint64>> counted;
        query.count(filter, [&](const StoreResult<qint64> &result) { counted = result; });
        QTRY_VERIFY_WITH_TIMEOUT(counted.has_value(), kWaitMs);
        QVERIFY2(*counted, qPrintable(counted->ok() ? QString() : counted->error().detail));
        QCOMPARE(counted->value(), expected.size());
    }

    void roomsComeFromTheWorker_data() { StoreBackends::addRows(); }
    void roomsComeFromTheWorker()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        SessionQuery query(m_store.get(), m_projectId);
        std::optional<StoreResult<QList<SessionRoom>>> rooms;
        query.rooms([&](const StoreResult<QList<SessionRoom>> &result) { rooms = result; });
        QTRY_VERIFY_WITH_TIMEOUT(rooms.has_value(), kWaitMs);
        QVERIFY(*rooms);
        const QList<SessionRoom> &list = rooms->value();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).roomName, u"Alpha room"_s);
        QCOMPARE(list.at(2).roomId, u"room-gamma"_s);
        QCOMPARE(list.at(0).sessions + list.at(1).sessions + list.at(2).sessions, kSessions);
    }

    void unknownSortColumnIsRefused_data() { StoreBackends::addRows(); }
    void unknownSortColumnIsRefused()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        SessionQuery query(m_store.get(), m_projectId);
        SessionSort sort;
        sort.column = u"start_ms; DROP TABLE sessions"_s;
        const StoreResult<SessionPage> page = query.page({}, sort, 10);
        QVERIFY(!page);
        QVERIFY(page.error().message.contains(u"cannot be sorted"_s));
        QCOMPARE(query.countNow({}).value(), kSessions);
    }
};

QTEST_GUILESS_MAIN(TestSessionQuery)
#include "tst_sessionquery.moc"
