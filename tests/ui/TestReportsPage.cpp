#include "BusySpinner.h"
#include "ReportsPage.h"
#include "UiCdrStore.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {

QList<double> ys(QAbstractSeries *series)
{
    QList<double> values;
    const auto *line = qobject_cast<QLineSeries *>(series);
    if (!line)
        return values;
    const QList<QPointF> points = line->points();
    for (const QPointF &point : points)
        values.append(point.y());
    return values;
}

QLineSeries *lineNamed(QChart *chart, const QString &name)
{
    const QList<QAbstractSeries *> series = chart->series();
    for (QAbstractSeries *one : series) {
        if (one->name() == name)
            return qobject_cast<QLineSeries *>(one);
    }
    return nullptr;
}

QList<double> barValues(QChart *chart)
{
    QList<double> values;
    const auto *bars = qobject_cast<QAbstractBarSeries *>(chart->series().value(0));
    if (!bars || bars->barSets().isEmpty())
        return values;
    const QBarSet *set = bars->barSets().constFirst();
    for (int i = 0; i < set->count(); ++i)
        values.append(set->at(i));
    return values;
}

QStringList categories(QChart *chart, Qt::Orientation orientation)
{
    const QList<QAbstractAxis *> axes = chart->axes(orientation);
    for (QAbstractAxis *axis : axes) {
        if (auto *category = qobject_cast<QBarCategoryAxis *>(axis))
            return category->categories();
    }
    return {};
}

} // namespace

// The Reports page over a real SQLite store (the rows of tst_cdrreport, whose answers are worked
// out there by hand): the four charts, the room filter, the busy state with the old chart kept,
// and the PNG of the chart shown.
class TestReportsPage : public QObject
{
    Q_OBJECT

    UiCdrStore m_data;

    bool computeMarch(ReportsPage &page)
    {
        QSignalSpy shown(&page, &ReportsPage::reportShown);
        page.setProject(m_data.projectId());
        page.setCustomPeriod(QDate(2025, 3, 1), QDate(2025, 3, 5));
        page.recompute();
        return shown.wait(30000) || !shown.isEmpty();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_data.open()); }

    void chartsFilledFromTheStore()
    {
        ReportsPage page(m_data.store());
        QVERIFY(computeMarch(page));
        QVERIFY(!page.isComputing());

        QChart *minutes = page.chartView(ReportsPage::Chart::MinutesPerDay)->chart();
        QCOMPARE(minutes->series().size(), 3);
        QCOMPARE(ys(lineNamed(minutes, u"Connected"_s)), (QList<double>{90, 5, 3, 0, 170}));
        QCOMPARE(ys(lineNamed(minutes, u"Published"_s)), (QList<double>{90, 5, 3, 0, 170}));
        // Each day's point at 12:00 UTC of that day, on a date axis.
        const QPointF first = lineNamed(minutes, u"Connected"_s)->at(0);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(first.x()), QTimeZone::utc()),
                 QDateTime(QDate(2025, 3, 1), QTime(12, 0), QTimeZone::utc()));
        QCOMPARE(minutes->axes(Qt::Horizontal).size(), 1);
        QVERIFY(qobject_cast<QDateTimeAxis *>(minutes->axes(Qt::Horizontal).constFirst()));
        QVERIFY(minutes->legend()->isVisible());

        QChart *rooms = page.chartView(ReportsPage::Chart::SessionsPerRoom)->chart();
        // Busiest at the top, so first in the legend order is the bottom bar.
        QCOMPARE(barValues(rooms), (QList<double>{1, 2, 2}));
        QCOMPARE(categories(rooms, Qt::Vertical).size(), 3);

        QChart *peak = page.chartView(ReportsPage::Chart::PeakPerDay)->chart();
        QCOMPARE(ys(peak->series().value(0)), (QList<double>{2, 2, 1, 0, 2}));

        QChart *lengths = page.chartView(ReportsPage::Chart::SessionLengths)->chart();
        QCOMPARE(barValues(lengths), (QList<double>{1, 0, 1, 2, 0, 1, 0}));
        QCOMPARE(categories(lengths, Qt::Horizontal).constFirst(), u"under 5 min"_s);
        QCOMPARE(categories(lengths, Qt::Horizontal).constLast(), u"4 h or more"_s);

        QVERIFY(page.findChild<QLabel *>(u"summaryLabel"_s)->text().contains(u"5 sessions"_s));
    }

    void roomFilter()
    {
        ReportsPage page(m_data.store());
        QVERIFY(computeMarch(page));
        auto *room = page.findChild<QComboBox *>(u"roomCombo"_s);
        QTRY_COMPARE_WITH_TIMEOUT(room->count(), 4, 30000); // all rooms, r1, r2, r3
        const int r1 = room->findData(u"r1"_s);
        QVERIFY(r1 > 0);
        QSignalSpy shown(&page, &ReportsPage::reportShown);
        room->setCurrentIndex(r1);
        QVERIFY(shown.wait(30000));
        QCOMPARE(page.filter().roomId, u"r1"_s);
        QChart *minutes = page.chartView(ReportsPage::Chart::MinutesPerDay)->chart();
        QCOMPARE(ys(lineNamed(minutes, u"Connected"_s)), (QList<double>{90, 5, 0, 0, 0}));
        QCOMPARE(barValues(page.chartView(ReportsPage::Chart::SessionsPerRoom)->chart()), (QList<double>{2}));
    }

    // While the worker computes, the spinner turns and the charts shown stay until the new ones.
    void busyKeepsThePreviousChart()
    {
        ReportsPage page(m_data.store());
        QVERIFY(computeMarch(page));
        QChart *before = page.chartView(ReportsPage::Chart::PeakPerDay)->chart();
        QSignalSpy shown(&page, &ReportsPage::reportShown);
        page.recompute();
        QVERIFY(page.isComputing());
        QVERIFY(page.findChild<BusySpinner *>(u"busySpinner"_s)->isRunning());
        QCOMPARE(page.chartView(ReportsPage::Chart::PeakPerDay)->chart(), before);
        QVERIFY(shown.wait(30000));
        QVERIFY(!page.isComputing());
        QVERIFY(!page.findChild<BusySpinner *>(u"busySpinner"_s)->isRunning());
        QVERIFY(page.chartView(ReportsPage::Chart::PeakPerDay)->chart() != before);
    }

    void presetsCountBackFromToday()
    {
        ReportsPage page(m_data.store());
        page.setToday(QDate(2025, 3, 5));
        page.setPeriod(ReportsPage::Period::Last7Days); // whole days: today is not over
        QCOMPARE(page.filter().from, QDate(2025, 2, 26));
        QCOMPARE(page.filter().to, QDate(2025, 3, 4));
        page.setPeriod(ReportsPage::Period::Last30Days);
        QCOMPARE(page.filter().from, QDate(2025, 2, 3));
        QCOMPARE(page.filter().to, QDate(2025, 3, 4));
        page.setPeriod(ReportsPage::Period::Last365Days);
        QCOMPARE(page.filter().from, QDate(2024, 3, 5));
        QCOMPARE(page.filter().to, QDate(2025, 3, 4));
        page.setPeriod(ReportsPage::Period::ThisYear); // year to date, today included
        QCOMPARE(page.filter().from, QDate(2025, 1, 1));
        QCOMPARE(page.filter().to, QDate(2025, 3, 5));
        QVERIFY(!page.findChild<QWidget *>(u"fromEdit"_s)->isEnabled());
        page.setCustomPeriod(QDate(2025, 3, 2), QDate(2025, 3, 3));
        QVERIFY(page.findChild<QWidget *>(u"fromEdit"_s)->isEnabled());
        QCOMPARE(page.filter().from, QDate(2025, 3, 2));
        QCOMPARE(page.filter().to, QDate(2025, 3, 3));
    }

    void chartSavedAsPng()
    {
        ReportsPage page(m_data.store());
        page.resize(900, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(computeMarch(page));
        page.showChart(ReportsPage::Chart::SessionLengths);
        QCOMPARE(page.findChild<QTabWidget *>(u"charts"_s)->currentIndex(), 3);
        const QString path = m_data.filePath(u"lengths.png"_s);
        QString error;
        QVERIFY2(page.saveShownChart(path, &error), qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 0);
        const QImage image(path);
        QVERIFY(!image.isNull());
        const QChartView *view = page.chartView(ReportsPage::Chart::SessionLengths);
        QCOMPARE(image.size(), view->size() * view->devicePixelRatio());
        // Not blank: a chart has more than one colour.
        QVERIFY(image.pixelColor(image.width() / 2, image.height() / 2) != image.pixelColor(2, 2)
                || image.pixelColor(image.width() / 3, image.height() / 3) != image.pixelColor(2, 2));

        QVERIFY(!page.saveShownChart(m_data.filePath(u"no/such/folder/x.png"_s), &error));
        QVERIFY2(error.startsWith(u"Could not save the chart"_s), qPrintable(error));
    }
};

QTEST_MAIN(TestReportsPage)
#include "TestReportsPage.moc"
