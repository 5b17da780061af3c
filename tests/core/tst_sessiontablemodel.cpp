#include "CdrTestRows.h"
#include "SessionTestData.h"
#include "StoreBackends.h"
#include "domain/CdrRowParser.h"
#include "models/SessionParticipantModel.h"
#include "models/SessionTableModel.h"
#include "store/CdrChanges.h"
#include "store/CdrIngest.h"
#include "store/SessionQuery.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <numeric>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {
constexpr int kSessions = 400;
constexpr int kWaitMs = 20000; // generous: a loaded 2-core machine
} // namespace

// SessionTableModel over real stores (SQLite and PostgreSQL): the count arrives from the worker,
// rows come in pages (placeholders first), a jump lands on the session SessionQuery itself puts
// there, sorting by every column both ways keeps the count, a filter recounts, the page cache keeps
// its cap; and SessionParticipantModel gives a session's rows with a rejoin as one person.
class TestSessionTableModel : public QObject
{
    Q_OBJECT

    StoreBackends m_backends;
    std::unique_ptr<Store> m_store;
    qint64 m_projectId = 0;

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
        QList<SessionTestSession> sessions;
        generateSessions(kSessions, &window, &sessions);
        CdrIngest ingest(m_store->database(), m_projectId);
        const StoreResult<CdrIngestStats> stats = ingest.ingest(CdrRowParser::parse(window));
        if (!stats)
            qWarning() << stats.error().message << stats.error().detail;
        return stats.ok();
    }

    QList<qint64> expectedIds(const CdrFilter &filter, const SessionSort &sort)
    {
        SessionQuery query(m_store.get(), m_projectId);
        const StoreResult<SessionPage> page = query.page(filter, sort, 1'000'000);
        QList<qint64> ids;
        if (page) {
            for (const SessionRow &row : page.value().rows)
                ids.append(row.id);
        }
        return ids;
    }

    static bool loading(const SessionTableModel &model, int row)
    {
        return model.data(model.index(row, SessionTableModel::Room), SessionTableModel::LoadingRole).toBool();
    }

    static qint64 rowId(const SessionTableModel &model, int row)
    {
        return model.data(model.index(row, SessionTableModel::Room), SessionTableModel::RowIdRole).toLongLong();
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

    void countArrivesThenPlaceholdersThenRows_data() { StoreBackends::addRows(); }
    void countArrivesThenPlaceholdersThenRows()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        SessionTableModel model(m_store.get(), m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counting(&model, &SessionTableModel::countingChanged);
        QVERIFY(model.isCounting());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalCount(), -1);
        model.setPaging(50, 4);
        QVERIFY(model.isCounting()); // new paging keeps the count running

        QTRY_VERIFY_WITH_TIMEOUT(!model.isCounting(), kWaitMs);
        QCOMPARE(counting.constLast().at(0).toBool(), false);
        QCOMPARE(model.rowCount(), kSessions);
        QCOMPARE(model.totalCount(), kSessions);
        QCOMPARE(model.columnCount(), int(SessionTableModel::ColumnCount));
        QCOMPARE(model.headerData(SessionTableModel::Start, Qt::Horizontal).toString(), u"Start (local time)"_s);

        const int start = 3 * model.pageSize();
        QVERIFY(!model.isPageCached(3));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(loading(model, start));
        QVERIFY(model.data(model.index(start, SessionTableModel::Room)).toString().isEmpty());
        QVERIFY(!model.session(start));
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, start), kWaitMs);
        QVERIFY(!changed.isEmpty());
        const QList<qint64> expected = expectedIds({}, {});
        QCOMPARE(expected.size(), kSessions);
        for (int row = start; row < start + model.pageSize(); ++row)
            QCOMPARE(rowId(model, row), expected.at(row));
        const SessionRow session = *model.session(start);
        QCOMPARE(model.data(model.index(start, SessionTableModel::ConfNum)).toString(), session.confNum);
        QCOMPARE(model.data(model.index(start, SessionTableModel::Start), SessionTableModel::SortRole).toLongLong(),
                 session.startMs);
        QCOMPARE(model.data(model.index(start, SessionTableModel::Participants)).toString(),
                 QString::number(session.participantCount));
        QCOMPARE(model.data(model.index(start, SessionTableModel::Recorded)).toString(), u"No"_s);
        // Sessions are started 47 minutes apart: the first is 700000, 12 minutes long.
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, 0), kWaitMs);
        QCOMPARE(model.data(model.index(0, SessionTableModel::ConfNum)).toString(), u"700000"_s);
        QCOMPARE(model.data(model.index(0, SessionTableModel::Duration)).toString(), u"0:12:00"_s);
        // The rooms for a filter come from the worker too.
        QTRY_COMPARE_WITH_TIMEOUT(model.rooms().size(), 3, kWaitMs);
        QCOMPARE(model.rooms().constFirst().roomName, u"Alpha room"_s);
    }

    void jumpsLandWhereTheQueryPutsThem_data() { StoreBackends::addRows(); }
    void jumpsLandWhereTheQueryPutsThem()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        SessionTableModel model(m_store.get(), m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPaging(25, 6);
        SessionSort sort;
        sort.column = u"room_name"_s;
        sort.descending = true;
        model.setSort(sort);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kSessions, kWaitMs);
        const QList<qint64> expected = expectedIds({}, sort);

        const int last = kSessions - 1;
        QVERIFY(loading(model, last));
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, last), kWaitMs);
        QCOMPARE(rowId(model, last), expected.constLast());
        // Only the last page (and the first, which the tester reads) was read: no walk in between.
        for (int page = 1; page < last / model.pageSize(); ++page)
            QVERIFY2(!model.isPageCached(page), qPrintable(u"page %1"_s.arg(page)));

        // Every other row in a random order, then a check that each landed right.
        QList<int> rows(kSessions);
        std::iota(rows.begin(), rows.end(), 0);
        QRandomGenerator random(7);
        std::shuffle(rows.begin(), rows.end(), random);
        for (const int row : std::as_const(rows)) {
            if (row % 2)
                continue;
            QTRY_VERIFY_WITH_TIMEOUT(!loading(model, row), kWaitMs);
            QCOMPARE(rowId(model, row), expected.at(row));
        }
        QVERIFY(model.cachedPageCount() <= model.maxCachedPages());
        QVERIFY(model.errorString().isEmpty());
    }

    void everyColumnSortsBothWays_data() { StoreBackends::addRows(); }
    void everyColumnSortsBothWays()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        SessionTableModel model(m_store.get(), m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isCounting(), kWaitMs);
        QSignalSpy counting(&model, &SessionTableModel::countingChanged);
        for (int column = 0; column < SessionTableModel::ColumnCount; ++column) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                model.sort(column, order);
                QCOMPARE(model.sortOrder().column, SessionTableModel::sortColumnName(column));
                QCOMPARE(model.sortOrder().descending, order == Qt::DescendingOrder);
                QCOMPARE(SessionTableModel::columnForSort(model.sortOrder().column), column);
                QCOMPARE(model.rowCount(), kSessions); // the same rows: no recount
                const QList<qint64> expected = expectedIds({}, model.sortOrder());
                for (const int row : {0, kSessions / 2, kSessions - 1}) {
                    QTRY_VERIFY_WITH_TIMEOUT(!loading(model, row), kWaitMs);
                    QCOMPARE(rowId(model, row), expected.at(row));
                }
            }
        }
        QVERIFY(counting.isEmpty());

        QSignalSpy error(&model, &SessionTableModel::errorOccurred);
        SessionSort bad;
        bad.column = u"nonsense"_s;
        model.setSort(bad);
        QCOMPARE(error.size(), 1);
        QCOMPARE(model.sortOrder().column, SessionTableModel::sortColumnName(SessionTableModel::ColumnCount - 1));
    }

    void filterResetsAndRecounts_data() { StoreBackends::addRows(); }
    void filterResetsAndRecounts()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        SessionTableModel model(m_store.get(), m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kSessions, kWaitMs);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        CdrFilter filter;
        filter.roomId = u"room-gamma"_s;
        filter.role = u"viewer"_s;
        filter.text = u"ann"_s;
        model.setFilter(filter);
        QCOMPARE(reset.size(), 1);
        QVERIFY(model.isCounting());
        QCOMPARE(model.rowCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isCounting(), kWaitMs);
        const QList<qint64> expected = expectedIds(filter, model.sortOrder());
        QVERIFY(!expected.isEmpty() && expected.size() < kSessions / 3);
        QCOMPARE(model.rowCount(), expected.size());
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, 0), kWaitMs);
        QCOMPARE(rowId(model, 0), expected.constFirst());
        QCOMPARE(model.data(model.index(0, SessionTableModel::Room)).toString(), u"Gamma room"_s);

        // Two filters in a row: only the last one's count is taken.
        CdrFilter none;
        none.from = QDate(2031, 1, 1);
        model.setFilter(filter);
        model.setFilter(none);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isCounting(), kWaitMs);
        QCOMPARE(model.totalCount(), 0);
        QCOMPARE(model.rowCount(), 0);
    }

    // The store says its call records changed (a reconciler pass stored two earlier sessions): the
    // model passes it on for its project only, and a reload finds the selected session where it
    // now is, in either direction, or says the filter dropped it.
    void aSessionIsFoundAgainAfterAReload_data() { StoreBackends::addRows(); }
    void aSessionIsFoundAgainAfterAReload()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        SessionTableModel model(m_store.get(), m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kSessions, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, 10), kWaitMs);
        const qint64 id = rowId(model, 10); // oldest first
        QSignalSpy changed(&model, &SessionTableModel::storedRowsChanged);
        QSignalSpy found(&model, &SessionTableModel::sessionFound);

        CdrIngest ingest(m_store->database(), m_projectId);
        const QJsonArray earlier{cdrRow(CdrRowSpec().withCdrId(u"x-1"_s).withConf(u"913"_s)),
                                 cdrRow(CdrRowSpec().withCdrId(u"x-2"_s).withConf(u"914"_s))};
        QVERIFY(ingest.ingest(CdrRowParser::parse(earlier)));
        m_store->cdrChanges()->announce(m_projectId + 1);
        QCOMPARE(changed.size(), 0);
        m_store->cdrChanges()->announce(m_projectId);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.rowCount(), kSessions); // not reloaded by itself

        model.refreshKeeping(id);
        QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, kWaitMs);
        QCOMPARE(found.constLast().at(0).toLongLong(), id);
        QCOMPARE(found.constLast().at(1).toInt(), 12);
        QCOMPARE(model.rowCount(), kSessions + 2);
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, 12), kWaitMs);
        QCOMPARE(rowId(model, 12), id);

        SessionSort newest;
        newest.descending = true;
        model.setSort(newest);
        model.refreshKeeping(id);
        QTRY_COMPARE_WITH_TIMEOUT(found.size(), 2, kWaitMs);
        const int row = found.constLast().at(1).toInt();
        QCOMPARE(row, kSessions + 2 - 1 - 12);
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, row), kWaitMs);
        QCOMPARE(rowId(model, row), id);

        CdrFilter later;
        later.from = QDate(2031, 1, 1);
        model.setFilter(later);
        model.refreshKeeping(id);
        QTRY_COMPARE_WITH_TIMEOUT(found.size(), 3, kWaitMs);
        QCOMPARE(found.constLast().at(1).toInt(), -1);
    }

    void participantsOfOneSession_data() { StoreBackends::addRows(); }
    void participantsOfOneSession()
    {
        QFETCH(bool, postgres);
        if (postgres && !m_backends.hasPostgres())
            QSKIP("SKIPPED: set CONFERO_TEST_PG_URL to run on PostgreSQL");
        QVERIFY(open());
        SessionParticipantModel model(m_store.get(), m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.setSession(u"700005"_s)); // 3 people, the second rejoined
        QCOMPARE(model.rowCount(), 4);
        QSet<QString> people;
        qint64 previous = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            people.insert(model.data(model.index(row, 0), SessionParticipantModel::PersonRole).toString());
            const qint64 joined = model.data(model.index(row, 0), SessionParticipantModel::ConnectMsRole).toLongLong();
            QVERIFY(joined >= previous); // in join order
            previous = joined;
            QVERIFY(model.data(model.index(row, 0), SessionParticipantModel::DisconnectMsRole).toLongLong() > joined);
        }
        QCOMPARE(people.size(), 3);
        QCOMPARE(model.data(model.index(0, SessionParticipantModel::Role)).toString(), u"moderator"_s);
        QVERIFY(model.setSession(QString()));
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSessionTableModel)
#include "tst_sessiontablemodel.moc"
