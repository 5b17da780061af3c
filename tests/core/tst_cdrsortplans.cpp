#include "StoreBackends.h"
#include "store/CdrQuery.h"
#include "store/SessionQuery.h"
#include "store/Store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <sqlite3.h>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {

// The value as an SQL literal, for PostgreSQL's EXPLAIN (which cannot be a prepared statement).
QString literal(const QVariant &value)
{
    if (value.metaType().id() == QMetaType::QString) {
        QString text = value.toString();
        text.replace(u'\'', u"''"_s);
        return u'\'' + text + u'\'';
    }
    return value.toString();
}

// What the database plans for `sql` with `values`, one line per step.
QStringList plan(Store &store, const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery query(store.database());
    QStringList lines;
    if (store.isPostgres()) {
        // Cost-based on empty tables, PostgreSQL would rightly scan and sort; with both made
        // "infinitely" expensive it sorts only when no index gives the order, which is what is asked.
        for (const QString &setting :
             {u"SET enable_seqscan = off"_s, u"SET enable_sort = off"_s, u"SET enable_bitmapscan = off"_s}) {
            if (!query.exec(setting)) {
                *error = query.lastError().text();
                return {};
            }
        }
        QString inlined;
        qsizetype next = 0;
        for (const QChar c : sql)
            inlined += c == u'?' ? literal(values.value(next++)) : QString(c);
        if (!query.exec(u"EXPLAIN "_s + inlined)) {
            *error = query.lastError().text();
            return {};
        }
        while (query.next())
            lines.append(query.value(0).toString());
        return lines;
    }
    query.prepare(u"EXPLAIN QUERY PLAN "_s + sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return {};
    }
    while (query.next())
        lines.append(query.value(3).toString());
    return lines;
}

// Why the plan is not an index walk in the wanted order, or empty when it is.
QString notIndexed(bool postgres, const QStringList &lines)
{
    for (const QString &line : lines) {
        if (postgres ? line.contains(u"Sort"_s) || line.contains(u"Seq Scan"_s)
                     : line.contains(u"TEMP B-TREE"_s) || line.startsWith(u"SCAN "_s))
            return line;
    }
    return {};
}

// One row per backend, column and direction.
void addSortRows(const QStringList &columns)
{
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("descending");
    for (const bool postgres : {false, true}) {
        for (const QString &column : columns) {
            for (const bool descending : {false, true}) {
                QTest::addRow("%s %s %s", postgres ? "postgres" : "sqlite", qPrintable(column),
                              descending ? "desc" : "asc")
                    << postgres << column << descending;
            }
        }
    }
}

} // namespace

// Every sort a view offers (CdrQuery's and SessionQuery's columns, both ways) reads its first page,
// and the page after a keyset key, by walking an index in that order: no scan of the table into a
// temporary sort, which at a million rows is seconds instead of milliseconds. A test of the schema
// and the queries' shape (the plan), on both backends; never of speed.
class TestCdrSortPlans : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_backends.init(&error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        QString error;
        QVERIFY2(m_backends.dropSchemas(&error), qPrintable(error));
    }

    void participants_data() { addSortRows(CdrQuery::columns()); }

    void participants()
    {
        QFETCH(bool, postgres);
        QFETCH(QString, column);
        QFETCH(bool, descending);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("no PostgreSQL (CONFERO_TEST_PG_URL is not set)");
        qint64 projectId = 0;
        QString error;
        std::unique_ptr<Store> store = m_backends.open(postgres, &projectId, &error);
        QVERIFY2(store, qPrintable(error));

        const CdrSort sort{column, descending};
        const QVariant key = column == u"id"_s || column.endsWith(u"_ms"_s) ? QVariant(qlonglong(5))
            : column.endsWith(u"_s"_s) || column.endsWith(u"_minutes"_s)    ? QVariant(2.5)
                                                                            : QVariant(u"m"_s);
        for (const std::optional<CdrPageKey> &after :
             {std::optional<CdrPageKey>(), std::optional(CdrPageKey{key, 7})}) {
            QVariantList values{projectId};
            const QString sql = CdrQuery::pageSql({}, sort, postgres, 200, after, &values);
            QVERIFY(!sql.isEmpty());
            const QStringList lines = plan(*store, sql, values, &error);
            QVERIFY2(!lines.isEmpty(), qPrintable(error));
            const QString why = notIndexed(postgres, lines);
            QVERIFY2(why.isEmpty(), qPrintable(sql + u"\n  plans: "_s + lines.join(u" | "_s)));
        }
        store.reset();
    }

    // With a filter (a year, a room, a role, a minimum duration), SQLite's own plan reads the
    // filter's index and sorts what it found; the SortIndex plan a page tries first walks the sort
    // column's index instead, so a filter that keeps many rows gives its page at once.
    void filteredPagesTryTheSortIndex_data()
    {
        QTest::addColumn<QString>("column");
        for (const QString &column : CdrQuery::columns()) {
            if (column != u"connect_ms"_s)
                QTest::newRow(qPrintable(column)) << column;
        }
    }

    void filteredPagesTryTheSortIndex()
    {
        QFETCH(QString, column);
        qint64 projectId = 0;
        QString error;
        std::unique_ptr<Store> store = m_backends.open(false, &projectId, &error);
        QVERIFY2(store, qPrintable(error));
        CdrFilter filter;
        filter.from = QDate(2025, 1, 1);
        filter.to = QDate(2025, 12, 31);
        filter.roomId = u"room-a"_s;
        filter.role = u"participant"_s;
        filter.minDurationS = 60;
        const CdrSort sort{column, true};
        QVariantList values{projectId};
        const QString sql = CdrQuery::pageSql(filter, sort, false, 200, std::nullopt, &values, CdrQuery::Content::Whole,
                                              CdrQuery::Plan::SortIndex);
        const QStringList lines = plan(*store, sql, values, &error);
        QVERIFY2(!lines.isEmpty(), qPrintable(error));
        QVERIFY2(notIndexed(false, lines).isEmpty(), qPrintable(sql + u"\n  plans: "_s + lines.join(u" | "_s)));
        QVERIFY2(lines.join(u' ').contains(u"participants_by_"_s), qPrintable(lines.join(u" | "_s)));
    }

    // Which plans a read tries (CdrQuery::plansFor), on a store where some filters keep few rows and
    // others many; and that every plan reads the same rows in the same order.
    void planChoice()
    {
        qint64 projectId = 0;
        QString error;
        std::unique_ptr<Store> store = m_backends.open(false, &projectId, &error);
        QVERIFY2(store, qPrintable(error));
        // 3,000 rows a minute apart from 2025-01-01: five in six named Sandra, ten moderators.
        QSqlQuery insert(store->database());
        QVERIFY2(insert.exec(u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                             "INSERT INTO participants (project_id, cdr_key, conf_num, name, user_ref, role, agent, "
                             "connect_ms, duration_s, synced_at) SELECT %1, 'k' || i, 'c' || (i / 4), "
                             "CASE WHEN i % 6 = 0 THEN 'Bob ' || i ELSE 'Sandra ' || i END, 'u-' || i, "
                             "CASE WHEN i <= 10 THEN 'moderator' ELSE 'participant' END, 'agent ' || (i % 7), "
                             "1735689600000 + i * 60000, i % 500, 0 FROM n"_s.arg(projectId)),
                 qPrintable(insert.lastError().text()));
        QVERIFY2(insert.exec(u"INSERT INTO participant_json (participant_id, raw_json) "
                             "SELECT id, '{\"n\":' || id || '}' FROM participants"_s),
                 qPrintable(insert.lastError().text()));
        sqlite3 *handle = Store::sqliteHandle(store->database());
        QVERIFY(handle);
        const auto kinds = [&](const CdrFilter &filter, const QString &column) {
            QStringList made;
            const QList<CdrQuery::PlanTry> plans = CdrQuery::plansFor(handle, projectId, filter, {column, true});
            for (const CdrQuery::PlanTry &plan : plans) {
                made.append(plan.plan == CdrQuery::Plan::Planner         ? u"planner"_s
                                : plan.plan == CdrQuery::Plan::SortIndex ? u"walk"_s
                                                                         : u"filter:"_s + plan.index);
            }
            return made;
        };
        CdrFilter none;
        CdrFilter moderators;
        moderators.role = u"moderator"_s;
        CdrFilter participants;
        participants.role = u"participant"_s;
        CdrFilter session;
        session.confNum = u"c12"_s;
        CdrFilter sandra;
        sandra.text = u"andra"_s;
        CdrFilter bob;
        bob.text = u"bob 12"_s;
        CdrFilter sandraModerators = moderators;
        sandraModerators.text = u"andra"_s;
        QCOMPARE(kinds(none, u"name"_s), QStringList{u"planner"_s});
        QCOMPARE(kinds(session, u"name"_s), QStringList{u"planner"_s});
        QCOMPARE(kinds(moderators, u"name"_s), QStringList{u"filter:participants_by_role"_s});
        QCOMPARE(kinds(participants, u"name"_s), (QStringList{u"walk"_s, u"planner"_s}));
        QCOMPARE(kinds(participants, u"connect_ms"_s), QStringList{u"planner"_s});
        QCOMPARE(kinds(sandra, u"connect_ms"_s), (QStringList{u"walk"_s, u"planner"_s}));
        QCOMPARE(kinds(bob, u"name"_s), QStringList{u"planner"_s});
        QCOMPARE(kinds(sandraModerators, u"name"_s), QStringList{u"filter:participants_by_role"_s});

        // Whatever the plan, the same rows in the same order (the search by confero_contains() in
        // a walk, by the trigram index otherwise), also from a keyset key.
        CdrFilter sandraParticipants = participants;
        sandraParticipants.text = u"andra"_s;
        sandraParticipants.minDurationS = 100;
        for (const CdrFilter &filter : {participants, sandra, sandraParticipants, moderators, sandraModerators}) {
            for (const QString &column : {u"name"_s, u"duration_s"_s, u"agent"_s}) {
                const CdrSort sort{column, true};
                const std::optional<CdrPageKey> key =
                    CdrPageKey{column == u"duration_s"_s ? QVariant(300.0) : QVariant(u"S"_s), 2000};
                for (const std::optional<CdrPageKey> &from : {std::optional<CdrPageKey>(), key}) {
                    QList<QStringList> read;
                    for (const auto &[plan, index] : {std::pair{CdrQuery::Plan::Planner, QString()},
                                                      std::pair{CdrQuery::Plan::SortIndex, QString()},
                                                      std::pair{CdrQuery::Plan::FilterIndex,
                                                                filter.role.isEmpty() ? u"participants_by_connect"_s
                                                                                      : u"participants_by_role"_s}}) {
                        QVariantList values{projectId};
                        const QString sql = CdrQuery::pageSql(filter, sort, false, 50, from, &values,
                                                              CdrQuery::Content::Whole, plan, index);
                        QSqlQuery query(store->database());
                        query.prepare(sql);
                        for (const QVariant &value : std::as_const(values))
                            query.addBindValue(value);
                        QVERIFY2(query.exec(), qPrintable(sql + u": "_s + query.lastError().text()));
                        QStringList ids;
                        while (query.next())
                            ids.append(query.value(0).toString());
                        read.append(ids);
                    }
                    QVERIFY(from || !read.at(0).isEmpty()); // after a key there may be none
                    QCOMPARE(read.at(1), read.at(0));
                    QCOMPARE(read.at(2), read.at(0));
                }
                // A jump's key, counted from the first row and from the last, is where paging
                // through the rows puts the start of each page (whichever plan each read chose).
                QList<qint64> ids;
                QList<CdrPageKey> pageEnds;
                std::optional<CdrPageKey> after;
                do {
                    const StoreResult<CdrPage> page =
                        CdrQuery::pageOn(store->database(), false, projectId, filter, sort, 97, after);
                    QVERIFY2(page, qPrintable(page ? QString() : page.error().detail));
                    for (const CdrStoredRow &row : page.value().rows) {
                        ids.append(row.id);
                        // The row as received, read from beside the row (migration 14).
                        QCOMPARE(row.row.rawJson, "{\"n\":" + QByteArray::number(row.id) + '}');
                    }
                    after = page.value().next;
                    if (after)
                        pageEnds.append(*after);
                } while (after);
                const StoreResult<qint64> total = CdrQuery(store.get(), projectId).countNow(filter);
                QVERIFY(total);
                QCOMPARE(qint64(ids.size()), total.value());
                for (qsizetype page = 0; page < pageEnds.size(); ++page) {
                    const qint64 row = (page + 1) * 97 - 1;
                    const auto fromStart = CdrQuery::keyAtOn(store->database(), false, projectId, filter, sort,
                                                             CdrRowSeek{std::nullopt, row, false});
                    const auto fromEnd = CdrQuery::keyAtOn(store->database(), false, projectId, filter, sort,
                                                           CdrRowSeek{std::nullopt, ids.size() - 1 - row, true});
                    QVERIFY(fromStart && fromStart.value() && fromEnd && fromEnd.value());
                    QCOMPARE(fromStart.value()->id, pageEnds.at(page).id);
                    QCOMPARE(fromEnd.value()->id, pageEnds.at(page).id);
                }
            }
        }
    }

    void sessions_data() { addSortRows(SessionQuery::columns()); }

    void sessions()
    {
        QFETCH(bool, postgres);
        QFETCH(QString, column);
        QFETCH(bool, descending);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("no PostgreSQL (CONFERO_TEST_PG_URL is not set)");
        qint64 projectId = 0;
        QString error;
        std::unique_ptr<Store> store = m_backends.open(postgres, &projectId, &error);
        QVERIFY2(store, qPrintable(error));

        const SessionSort sort{column, descending};
        const bool text = column == u"conf_num"_s || column.startsWith(u"room_"_s);
        const QVariant key = text       ? QVariant(u"m"_s)
            : column == u"duration_s"_s ? QVariant(2.5)
                                        : QVariant(qlonglong(5));
        for (const std::optional<CdrPageKey> &after :
             {std::optional<CdrPageKey>(), std::optional(CdrPageKey{key, 7})}) {
            QVariantList values;
            const QString sql = SessionQuery::pageSql(projectId, {}, sort, postgres, 200, after, &values);
            QVERIFY(!sql.isEmpty());
            const QStringList lines = plan(*store, sql, values, &error);
            QVERIFY2(!lines.isEmpty(), qPrintable(error));
            const QString why = notIndexed(postgres, lines);
            QVERIFY2(why.isEmpty(), qPrintable(sql + u"\n  plans: "_s + lines.join(u" | "_s)));
        }
        store.reset();
    }
};

QTEST_GUILESS_MAIN(TestCdrSortPlans)
#include "tst_cdrsortplans.moc"
