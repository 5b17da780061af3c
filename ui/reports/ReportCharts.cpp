#include "ReportCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QPen>
#include <QTimeZone>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(8, 8, 8, 8));
    return chart;
}

double noonMs(const QDate &day)
{
    return static_cast<double>(QDateTime(day, QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch());
}

// A date axis over the report's days: one label a day for a week, fewer, with the year, for longer.
QDateTimeAxis *dayAxis(const CdrReport &report)
{
    auto *axis = new QDateTimeAxis;
    const qint64 days = report.from.isValid() ? report.from.daysTo(report.to) + 1 : 0;
    axis->setTitleText(ReportCharts::tr("Day (UTC)"));
    if (days <= 0) {
        const QDate today = QDateTime::currentDateTimeUtc().date();
        axis->setRange(QDateTime(today, QTime(0, 0), QTimeZone::utc()),
                       QDateTime(today, QTime(23, 59), QTimeZone::utc()));
        axis->setFormat(u"d MMM yyyy"_s);
        axis->setTickCount(2);
        return axis;
    }
    axis->setMin(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(noonMs(report.from)), QTimeZone::utc()));
    axis->setMax(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(noonMs(report.to)), QTimeZone::utc()));
    if (days == 1) {
        axis->setMin(axis->min().addSecs(-12 * 3600));
        axis->setMax(axis->max().addSecs(12 * 3600 - 1));
        axis->setTickCount(2);
    } else if (days <= 8) {
        axis->setTickCount(static_cast<int>(days)); // one tick on every day's noon
    } else if (days <= 62) {
        // Ticks on days' noons: the span in days must divide into the gaps between ticks, so the
        // axis may run up to 4 days past the last day to find 4 to 7 equal gaps.
        for (int extra = 0; extra <= 4; ++extra) {
            const qint64 span = days - 1 + extra;
            int ticks = 8;
            while (ticks >= 5 && span % (ticks - 1) != 0)
                --ticks;
            if (ticks >= 5) {
                axis->setMax(axis->max().addDays(extra));
                axis->setTickCount(ticks);
                break;
            }
        }
    } else {
        axis->setTickCount(7);
    }
    axis->setFormat(days <= 62 ? u"d MMM"_s : u"d MMM yyyy"_s);
    return axis;
}

// Thin lines once the days outnumber the pixels that thick ones need to stay apart.
void thinForLongPeriods(QLineSeries *series, qsizetype points)
{
    if (points <= 62)
        return;
    QPen pen = series->pen(); // the theme's colour, set when the series joined the chart
    pen.setWidthF(1.2);
    series->setPen(pen);
}

QValueAxis *countAxis(const QString &title, double max, bool whole)
{
    auto *axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setRange(0, std::max(max, whole ? 4.0 : 1.0));
    if (whole && max <= 8) {
        // Small counts: a tick on every whole number instead of 0.5 steps.
        axis->setRange(0, std::max(4.0, std::ceil(max)));
        axis->setTickCount(static_cast<int>(axis->max()) + 1);
    } else {
        axis->applyNiceNumbers();
    }
    axis->setLabelFormat(u"%.0f"_s);
    return axis;
}

QString roomLabel(const CdrReport::RoomSessions &room)
{
    if (room.otherRooms > 0)
        return ReportCharts::tr("%Ln other rooms", nullptr, room.otherRooms);
    QString label = room.roomName.isEmpty() ? room.roomId : room.roomName;
    if (label.isEmpty())
        label = ReportCharts::tr("(no room id)");
    constexpr int kLongest = 28;
    if (label.size() > kLongest)
        label = label.left(kLongest - 1) + u'…';
    // Two rooms may share a name; a category axis needs distinct labels.
    return label;
}

} // namespace

QString ReportCharts::bucketLabel(const CdrReport::LengthBucket &bucket)
{
    const auto span = [](double seconds) {
        return seconds >= 3600 ? tr("%1 h").arg(seconds / 3600) : tr("%1 min").arg(seconds / 60);
    };
    if (bucket.fromS <= 0)
        return tr("under %1").arg(span(bucket.toS));
    if (bucket.toS < 0)
        return tr("%1 or more").arg(span(bucket.fromS));
    if (bucket.toS <= 3600)
        return tr("%1–%2 min").arg(bucket.fromS / 60).arg(bucket.toS / 60);
    if (bucket.fromS >= 3600)
        return tr("%1–%2 h").arg(bucket.fromS / 3600).arg(bucket.toS / 3600);
    return tr("%1–%2").arg(span(bucket.fromS), span(bucket.toS));
}

QChart *ReportCharts::minutesPerDay(const CdrReport &report)
{
    QChart *chart = newChart(tr("Minutes per day"));
    auto *published = new QLineSeries;
    auto *subscribed = new QLineSeries;
    auto *connect = new QLineSeries;
    published->setName(tr("Published"));
    subscribed->setName(tr("Subscribed"));
    connect->setName(tr("Connected"));
    double max = 0;
    for (const CdrReport::DayMinutes &day : report.minutesPerDay) {
        const double x = noonMs(day.day);
        published->append(x, day.published);
        subscribed->append(x, day.subscribed);
        connect->append(x, day.connect);
        max = std::max({max, day.published, day.subscribed, day.connect});
    }
    QDateTimeAxis *xAxis = dayAxis(report);
    QValueAxis *yAxis = countAxis(tr("Minutes"), max, false);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QLineSeries *series : {connect, published, subscribed}) {
        series->setPointsVisible(report.minutesPerDay.size() <= 31);
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
        thinForLongPeriods(series, report.minutesPerDay.size());
    }
    return chart;
}

QChart *ReportCharts::sessionsPerRoom(const CdrReport &report)
{
    QChart *chart = newChart(tr("Sessions per room"));
    auto *set = new QBarSet(tr("Sessions"));
    QStringList categories;
    double max = 0;
    // A horizontal bar chart draws its first category at the bottom: the busiest room goes last so
    // that it is read first, at the top.
    for (auto room = report.sessionsPerRoom.crbegin(); room != report.sessionsPerRoom.crend(); ++room) {
        QString label = roomLabel(*room);
        while (categories.contains(label))
            label += u' ';
        categories.append(label);
        set->append(static_cast<double>(room->sessions));
        max = std::max(max, static_cast<double>(room->sessions));
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    series->setLabelsFormat(u"@value"_s);
    chart->addSeries(series);
    auto *rooms = new QBarCategoryAxis;
    rooms->append(categories);
    rooms->setTitleText(tr("Room"));
    QValueAxis *count = countAxis(tr("Sessions"), max, true);
    chart->addAxis(rooms, Qt::AlignLeft);
    chart->addAxis(count, Qt::AlignBottom);
    series->attachAxis(rooms);
    series->attachAxis(count);
    return chart;
}

QChart *ReportCharts::peakPerDay(const CdrReport &report)
{
    QChart *chart = newChart(tr("Peak concurrent participants per day"));
    auto *series = new QLineSeries;
    series->setName(tr("Most participants connected at once, all selected rooms"));
    double max = 0;
    for (const CdrReport::DayPeak &day : report.peakPerDay) {
        series->append(noonMs(day.day), day.peak);
        max = std::max(max, static_cast<double>(day.peak));
    }
    series->setPointsVisible(report.peakPerDay.size() <= 31);
    QDateTimeAxis *xAxis = dayAxis(report);
    QValueAxis *yAxis = countAxis(tr("Participants"), max, true);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    chart->addSeries(series);
    series->attachAxis(xAxis);
    series->attachAxis(yAxis);
    thinForLongPeriods(series, report.peakPerDay.size());
    return chart;
}

QChart *ReportCharts::sessionLengths(const CdrReport &report)
{
    QChart *chart = newChart(tr("Distribution of session lengths"));
    auto *set = new QBarSet(tr("Sessions (first join to last leave)"));
    // The labels sit above the bars, on the chart's background: the default white would vanish.
    set->setLabelColor(chart->titleBrush().color());
    QStringList categories;
    double max = 0;
    for (const CdrReport::LengthBucket &bucket : report.sessionLengths) {
        categories.append(bucketLabel(bucket));
        set->append(static_cast<double>(bucket.sessions));
        max = std::max(max, static_cast<double>(bucket.sessions));
    }
    auto *series = new QBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(u"@value"_s);
    chart->addSeries(series);
    auto *lengths = new QBarCategoryAxis;
    lengths->append(categories);
    lengths->setTitleText(tr("Session length"));
    // Room above the tallest bar for its label.
    QValueAxis *count = countAxis(tr("Sessions"), max * 1.1, true);
    chart->addAxis(lengths, Qt::AlignBottom);
    chart->addAxis(count, Qt::AlignLeft);
    series->attachAxis(lengths);
    series->attachAxis(count);
    return chart;
}

} // namespace confero
