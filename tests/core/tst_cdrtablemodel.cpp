#include "CdrTestRows.h"
#include "domain/CdrRowParser.h"
#include "models/CdrTableModel.h"
#include "store/CdrIngest.h"
#include "store/CdrQuery.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <numeric>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {
constexpr int kRows = 2500;
constexpr int kWaitMs = 20000; // generous: a loaded 2-core machine
} // namespace

// CdrTableModel over a real SQLite store of a few thousand participant rows: the count arrives on
// the worker, rows come in pages (placeholders first), jumps land on the row CdrQuery itself puts
// there, filters and sorts reset, and the page cache never holds more than its cap.
class TestCdrTableModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Store m_store;
    qint64 m_projectId = 0;

    // Every row id the filter selects, in the sort's order, read in one page.
    QList<qint64> bruteIds(const CdrFilter &filter, const CdrSort &sort)
    {
        CdrQuery query(&m_store, m_projectId);
        const StoreResult<CdrPage> page = query.page(filter, sort, 1'000'000);
        if (!page) {
            qWarning() << page.error().message << page.error().detail;
            return {};
        }
        QList<qint64> ids;
        for (const CdrStoredRow &row : page.value().rows)
            ids.append(row.id);
        return ids;
    }

    static bool loading(const CdrTableModel &model, int row)
    {
        return model.data(model.index(row, CdrTableModel::Name), CdrTableModel::LoadingRole).toBool();
    }

    static qint64 rowId(const CdrTableModel &model, int row)
    {
        return model.data(model.index(row, CdrTableModel::Name), CdrTableModel::RowIdRole).toLongLong();
    }

    // The model's ids of rows [first, last] all loaded, compared with the brute-force order.
    static bool sameIds(const CdrTableModel &model, const QList<qint64> &expected, int first, int last)
    {
        for (int row = first; row <= last; ++row) {
            if (loading(model, row) || rowId(model, row) != expected.at(row)) {
                qWarning() << "row" << row << "has id" << rowId(model, row) << "expected" << expected.at(row);
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_store.open(m_dir.filePath(u"model.sqlite"_s)));
        QSqlQuery query(m_store.database());
        QVERIFY(query.exec(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                           "VALUES ('P', 'http://127.0.0.1/', 'app', 0, 0)"_s));
        QVERIFY(query.exec(u"SELECT id FROM projects"_s) && query.next());
        m_projectId = query.value(0).toLongLong();
        // Names repeat (97 of them) and durations repeat, so sorts have ties that the row id breaks.
        QJsonArray rows;
        const QDateTime start(QDate(2025, 3, 1), QTime(8, 0), QTimeZone::utc());
        for (int i = 0; i < kRows; ++i) {
            const QDateTime joined = start.addSecs(i * 90);
            rows.append(cdrRow(CdrRowSpec()
                                   .withCdrId(u"m-%1"_s.arg(i))
                                   .withConf(QString::number(1000 + i / 10))
                                   .withName(u"Person %1"_s.arg(i * 31 % 97))
                                   .withRef(u"u-%1"_s.arg(i))
                                   .during(joined, joined.addSecs(30 + (i * 37) % 600))));
        }
        CdrIngest ingest(m_store.database(), m_projectId);
        const StoreResult<CdrIngestStats> stats = ingest.ingest(CdrRowParser::parse(rows));
        QVERIFY(stats);
        QCOMPARE(stats.value().inserted, kRows);
    }

    void countArrivesThenPlaceholdersThenRows()
    {
        CdrTableModel model(&m_store, m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counting(&model, &CdrTableModel::countingChanged);
        QVERIFY(model.isCounting());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalCount(), -1);

        QTRY_VERIFY_WITH_TIMEOUT(!model.isCounting(), kWaitMs);
        QCOMPARE(counting.size(), 1);
        QCOMPARE(counting.constLast().at(0).toBool(), false);
        QCOMPARE(model.rowCount(), kRows);
        QCOMPARE(model.totalCount(), kRows);
        QCOMPARE(model.columnCount(), int(CdrTableModel::ColumnCount));
        QCOMPARE(model.headerData(CdrTableModel::Joined, Qt::Horizontal).toString(), u"Joined (local time)"_s);

        // Nothing is read until a row is asked for; the first ask answers a placeholder. (Page 3,
        // since the tester reads row 0 itself after every change.)
        const int start = 3 * model.pageSize();
        const int end = start + model.pageSize() - 1;
        QVERIFY(!model.isPageCached(3));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const QModelIndex first = model.index(start, CdrTableModel::Name);
        QVERIFY(model.data(first, CdrTableModel::LoadingRole).toBool());
        QVERIFY(model.data(first, Qt::DisplayRole).toString().isEmpty());
        QVERIFY(!model.storedRow(start));

        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, start), kWaitMs);
        const auto pageChanged = std::find_if(changed.cbegin(), changed.cend(), [&](const QList<QVariant> &args) {
            return args.at(0).toModelIndex() == model.index(start, 0)
                && args.at(1).toModelIndex() == model.index(end, CdrTableModel::ColumnCount - 1);
        });
        QVERIFY(pageChanged != changed.cend());
        const QList<qint64> expected = bruteIds({}, {});
        QCOMPARE(expected.size(), kRows);
        QVERIFY(sameIds(model, expected, start, end));
        QVERIFY(!model.isPageCached(4)); // the next page is not read with this one
        QCOMPARE(model.data(first).toString(), model.storedRow(start)->row.name);
        QCOMPARE(model.data(model.index(start, CdrTableModel::Joined), CdrTableModel::SortRole).toLongLong(),
                 model.storedRow(start)->row.connectMs);
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, 0), kWaitMs);
        QCOMPARE(model.data(model.index(0, CdrTableModel::Duration)).toString(), u"0:00:30"_s);
    }

    void jumpToLastRowShowsTheRightRow()
    {
        CdrTableModel model(&m_store, m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        CdrSort sort;
        sort.column = u"name"_s;
        sort.descending = true;
        model.setSort(sort);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows, kWaitMs);
        const QList<qint64> expected = bruteIds({}, sort);
        QCOMPARE(expected.size(), kRows);

        const int last = kRows - 1;
        QVERIFY(loading(model, last));
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, last), kWaitMs);
        QCOMPARE(rowId(model, last), expected.constLast());
        // Only the last page was read (and the first, which the tester reads after every change):
        // the jump did not walk the pages in between.
        const int lastPageStart = last / model.pageSize() * model.pageSize();
        QVERIFY(model.isPageCached(last / model.pageSize()));
        for (int page = 1; page < last / model.pageSize(); ++page)
            QVERIFY2(!model.isPageCached(page), qPrintable(u"page %1"_s.arg(page)));
        QVERIFY(sameIds(model, expected, lastPageStart, last));

        // Into the middle, then the page just before the last: both land where CdrQuery puts them.
        const int middle = kRows / 2 + 7;
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, middle), kWaitMs);
        QCOMPARE(rowId(model, middle), expected.at(middle));
        const int beforeLast = lastPageStart - 1;
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, beforeLast), kWaitMs);
        QVERIFY(sameIds(model, expected, lastPageStart - model.pageSize(), lastPageStart - 1));
        QCOMPARE(model.data(model.index(last, CdrTableModel::Name)).toString(), model.storedRow(last)->row.name);
    }

    void everyPageInRandomOrderMatchesBruteForce_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<bool>("descending");
        QTest::newRow("joined ascending") << u"connect_ms"_s << false;
        QTest::newRow("name ascending") << u"name"_s << false;
        QTest::newRow("duration descending") << u"duration_s"_s << true;
        QTest::newRow("id descending") << u"id"_s << true;
    }

    void everyPageInRandomOrderMatchesBruteForce()
    {
        QFETCH(QString, column);
        QFETCH(bool, descending);
        CdrTableModel model(&m_store, m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        constexpr int pageSize = 50;
        constexpr int cap = 4;
        model.setPaging(pageSize, cap);
        CdrSort sort;
        sort.column = column;
        sort.descending = descending;
        model.setSort(sort);
        QCOMPARE(model.sortOrder().column, column);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows, kWaitMs);
        const QList<qint64> expected = bruteIds({}, sort);
        QCOMPARE(expected.size(), kRows);

        QList<int> pages(kRows / pageSize);
        std::iota(pages.begin(), pages.end(), 0);
        QRandomGenerator random(4);
        std::shuffle(pages.begin(), pages.end(), random);
        for (const int page : std::as_const(pages)) {
            const int row = page * pageSize + random.bounded(pageSize);
            QTRY_VERIFY_WITH_TIMEOUT(!loading(model, row), kWaitMs);
            QVERIFY(sameIds(model, expected, page * pageSize, page * pageSize + pageSize - 1));
            QVERIFY(model.cachedPageCount() <= cap);
        }
    }

    void filterChangeResetsAndRecounts()
    {
        CdrTableModel model(&m_store, m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, 0), kWaitMs);

        QSignalSpy aboutToReset(&model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy counting(&model, &CdrTableModel::countingChanged);
        CdrFilter filter;
        filter.text = u"Person 1"_s; // Person 1, 10..19: a substring, through the trigram index
        filter.minDurationS = 200;
        model.setFilter(filter);
        QCOMPARE(aboutToReset.size(), 1);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.isCounting());
        QCOMPARE(model.cachedPageCount(), 0);
        QCOMPARE(counting.size(), 1);

        const QList<qint64> expected = bruteIds(filter, {});
        QVERIFY(!expected.isEmpty());
        QVERIFY(expected.size() < kRows / 5);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isCounting(), kWaitMs);
        QCOMPARE(model.rowCount(), expected.size());
        const int last = model.rowCount() - 1;
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, last), kWaitMs);
        QVERIFY(sameIds(model, expected, 0, last));
        for (int row = 0; row <= last; ++row) {
            const CdrRow stored = model.storedRow(row)->row;
            QVERIFY(stored.name.startsWith(u"Person 1"_s));
            QVERIFY(stored.durationS >= 200);
        }

        // A filter that selects nothing: counted as zero, no rows, not counting.
        CdrFilter none;
        none.roomId = u"no-such-room"_s;
        model.setFilter(none);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isCounting(), kWaitMs);
        QCOMPARE(model.totalCount(), 0);
        QCOMPARE(model.rowCount(), 0);
    }

    void sortResetsButKeepsTheCount()
    {
        CdrTableModel model(&m_store, m_projectId);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, 0), kWaitMs);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.sort(CdrTableModel::Duration, Qt::DescendingOrder);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.sortOrder().column, u"duration_s"_s);
        QVERIFY(model.sortOrder().descending);
        QVERIFY(!model.isCounting());
        QCOMPARE(model.rowCount(), kRows);
        QCOMPARE(model.cachedPageCount(), 0);
        QVERIFY(loading(model, 0));
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, 0), kWaitMs);
        QVERIFY(sameIds(model, bruteIds({}, model.sortOrder()), 0, model.pageSize() - 1));
        QVERIFY(model.data(model.index(0, CdrTableModel::Duration), CdrTableModel::SortRole).toDouble()
                >= model.data(model.index(1, CdrTableModel::Duration), CdrTableModel::SortRole).toDouble());

        // A column the query does not know is refused and changes nothing.
        QSignalSpy error(&model, &CdrTableModel::errorOccurred);
        CdrSort bad;
        bad.column = u"password"_s;
        model.setSort(bad);
        QCOMPARE(error.size(), 1);
        QVERIFY(error.constFirst().at(0).toString().contains(u"password"_s));
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.sortOrder().column, u"duration_s"_s);
    }

    // Without QAbstractItemModelTester: it reads row 0 after every change, which keeps page 0 the
    // most recently used, and this test needs to choose what is recent.
    void cacheEvictsTheLeastRecentlyUsedPage()
    {
        CdrTableModel model(&m_store, m_projectId);
        constexpr int pageSize = 100;
        constexpr int cap = 3;
        model.setPaging(pageSize, cap);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kRows, kWaitMs);
        int most = 0;
        connect(&model, &QAbstractItemModel::dataChanged, this,
                [&model, &most] { most = std::max(most, model.cachedPageCount()); });

        for (int page = 0; page < 10; ++page) {
            QTRY_VERIFY_WITH_TIMEOUT(!loading(model, page * pageSize), kWaitMs);
            QVERIFY(model.cachedPageCount() <= cap);
        }
        QCOMPARE(most, cap);
        QCOMPARE(model.cachedPageCount(), cap);
        QVERIFY(!model.isPageCached(0));
        QVERIFY(model.isPageCached(7) && model.isPageCached(8) && model.isPageCached(9));

        // Reading page 7 makes it recent, so page 0 coming back pushes out page 8, not 7.
        QVERIFY(!loading(model, 7 * pageSize + 3));
        QVERIFY(loading(model, 0));
        QTRY_VERIFY_WITH_TIMEOUT(!loading(model, 0), kWaitMs);
        QVERIFY(model.isPageCached(7));
        QVERIFY(!model.isPageCached(8));
        QVERIFY(model.isPageCached(9));
        QCOMPARE(model.cachedPageCount(), cap);
        QVERIFY(sameIds(model, bruteIds({}, {}), 0, pageSize - 1));
    }
};

QTEST_GUILESS_MAIN(TestCdrTableModel)
#include "tst_cdrtablemodel.moc"
