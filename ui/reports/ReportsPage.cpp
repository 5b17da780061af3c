#include "ReportsPage.h"

#include "BusySpinner.h"
#include "CdrExportDialog.h"
#include "ErrorBanner.h"
#include "Logging.h"
#include "ReportCharts.h"
#include "store/CdrReportQuery.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

constexpr int kDebounceMs = 250;

} // namespace

ReportsPage::ReportsPage(Store *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_today(QDateTime::currentDateTimeUtc().date())
    , m_period(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_room(new QComboBox(this))
    , m_spinner(new BusySpinner(this))
    , m_busyLabel(new QLabel(tr("Computing…"), this))
    , m_saveChart(new QPushButton(tr("Save chart as PNG…"), this))
    , m_export(new QPushButton(tr("Export rows…"), this))
    , m_error(new ErrorBanner(this))
    , m_tabs(new QTabWidget(this))
    , m_summary(new QLabel(this))
{
    m_period->setObjectName(u"periodCombo"_s);
    m_from->setObjectName(u"fromEdit"_s);
    m_to->setObjectName(u"toEdit"_s);
    m_room->setObjectName(u"roomCombo"_s);
    m_spinner->setObjectName(u"busySpinner"_s);
    m_busyLabel->setObjectName(u"busyLabel"_s);
    m_saveChart->setObjectName(u"saveChartButton"_s);
    m_export->setObjectName(u"exportButton"_s);
    m_error->setObjectName(u"errorBanner"_s);
    m_tabs->setObjectName(u"charts"_s);
    m_summary->setObjectName(u"summaryLabel"_s);

    m_period->setToolTip(tr("Days are UTC days. The last 7, 30 or 365 days end yesterday, the last whole day."));
    m_period->addItem(tr("Last 7 days"), int(Period::Last7Days));
    m_period->addItem(tr("Last 30 days"), int(Period::Last30Days));
    m_period->addItem(tr("This year"), int(Period::ThisYear));
    m_period->addItem(tr("Last 365 days"), int(Period::Last365Days));
    m_period->addItem(tr("Custom"), int(Period::Custom));
    m_period->setCurrentIndex(int(Period::Last30Days));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setTimeSpec(Qt::UTC);
    }
    m_from->setToolTip(tr("First day, UTC (included)"));
    m_to->setToolTip(tr("Last day, UTC (included)"));
    m_room->addItem(tr("All rooms"), QString());
    m_room->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_room->setMinimumContentsLength(16);
    m_spinner->setVisible(false);
    m_busyLabel->setVisible(false);
    m_error->setVisible(false);
    m_summary->setWordWrap(true);

    auto *periodLabel = new QLabel(tr("&Period:"), this);
    periodLabel->setBuddy(m_period);
    auto *roomLabel = new QLabel(tr("&Room:"), this);
    roomLabel->setBuddy(m_room);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(periodLabel);
    filterRow->addWidget(m_period);
    filterRow->addWidget(m_from);
    filterRow->addWidget(new QLabel(tr("to"), this));
    filterRow->addWidget(m_to);
    filterRow->addWidget(new QLabel(tr("(UTC days)"), this));
    filterRow->addSpacing(12);
    filterRow->addWidget(roomLabel);
    filterRow->addWidget(m_room);
    filterRow->addSpacing(12);
    filterRow->addWidget(m_spinner);
    filterRow->addWidget(m_busyLabel);
    filterRow->addStretch(1);
    filterRow->addWidget(m_export);
    filterRow->addWidget(m_saveChart);

    const QString names[] = {u"minutesChart"_s, u"roomsChart"_s, u"peakChart"_s, u"lengthsChart"_s};
    const QString titles[] = {tr("Minutes per day"), tr("Sessions per room"), tr("Peak concurrency"),
                              tr("Session lengths")};
    for (int i = 0; i < 4; ++i) {
        m_views[i] = new QChartView(this);
        m_views[i]->setObjectName(names[i]);
        m_views[i]->setRenderHint(QPainter::Antialiasing);
        m_tabs->addTab(m_views[i], titles[i]);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_summary);

    showReport(CdrReport{});
    applyPeriod();

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &ReportsPage::recompute);
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        applyPeriod();
        scheduleRecompute();
    });
    connect(m_from, &QDateEdit::dateChanged, this, [this] { scheduleRecompute(); });
    connect(m_to, &QDateEdit::dateChanged, this, [this] { scheduleRecompute(); });
    connect(m_room, &QComboBox::currentIndexChanged, this, [this] { scheduleRecompute(); });
    connect(m_saveChart, &QPushButton::clicked, this, &ReportsPage::saveChartAs);
    connect(m_export, &QPushButton::clicked, this, &ReportsPage::exportRows);
    connect(m_error, &ErrorBanner::retryRequested, this, &ReportsPage::recompute);
    m_saveChart->setEnabled(false);
    m_export->setEnabled(false);
}

ReportsPage::~ReportsPage() = default;

void ReportsPage::setProject(qint64 projectId)
{
    if (projectId == m_projectId && m_query)
        return;
    m_projectId = projectId;
    delete m_query; // its answers for the old project are dropped with it
    m_query = nullptr;
    ++m_generation;
    m_answered = m_generation;
    setComputing(false);
    {
        const QSignalBlocker blocker(m_room);
        m_room->clear();
        m_room->addItem(tr("All rooms"), QString());
    }
    m_error->clear();
    showReport(CdrReport{});
    if (projectId <= 0)
        return;
    m_query = new CdrReportQuery(m_store, projectId, this);
    loadRooms();
    recompute();
}

qint64 ReportsPage::projectId() const
{
    return m_projectId;
}

void ReportsPage::setPeriod(Period period)
{
    m_period->setCurrentIndex(m_period->findData(int(period)));
}

void ReportsPage::setCustomPeriod(const QDate &from, const QDate &to)
{
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    setPeriod(Period::Custom);
    m_from->setDate(from);
    m_to->setDate(to);
    scheduleRecompute();
}

void ReportsPage::setToday(const QDate &today)
{
    m_today = today;
    applyPeriod();
    scheduleRecompute();
}

void ReportsPage::applyPeriod()
{
    const auto period = static_cast<Period>(m_period->currentData().toInt());
    const bool custom = period == Period::Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    if (custom)
        return;
    // "Last N days" are the N whole UTC days before today (today is still filling up, and a last
    // point that drops towards zero reads as a fall in use); "This year" runs up to today.
    const QDate yesterday = m_today.addDays(-1);
    QDate from;
    QDate to = yesterday;
    switch (period) {
    case Period::Last7Days:
        from = yesterday.addDays(-6);
        break;
    case Period::Last30Days:
        from = yesterday.addDays(-29);
        break;
    case Period::ThisYear:
        from = QDate(m_today.year(), 1, 1);
        to = m_today;
        break;
    case Period::Last365Days:
        from = yesterday.addDays(-364);
        break;
    case Period::Custom:
        break;
    }
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    m_from->setDate(from);
    m_to->setDate(to);
}

CdrFilter ReportsPage::filter() const
{
    CdrFilter filter;
    filter.from = std::min(m_from->date(), m_to->date());
    filter.to = std::max(m_from->date(), m_to->date());
    filter.roomId = m_room->currentData().toString();
    return filter;
}

const CdrReport &ReportsPage::report() const
{
    return m_report;
}

bool ReportsPage::isComputing() const
{
    return m_answered != m_generation;
}

void ReportsPage::scheduleRecompute()
{
    if (m_query)
        m_debounce.start();
}

void ReportsPage::recompute()
{
    m_debounce.stop();
    if (!m_query)
        return;
    const int generation = ++m_generation;
    setComputing(true);
    m_query->compute(filter(), CdrReportQuery::defaultTopRooms,
                     [this, generation](const StoreResult<CdrReport> &result) {
                         // A later request supersedes this answer; only the newest is drawn.
                         if (generation != m_generation)
                             return;
                         m_answered = generation;
                         setComputing(false);
                         if (!result) {
                             qCWarning(lcUi).noquote() << "report:" << result.error().message << result.error().detail;
                             m_error->showError(result.error().message, true);
                             return;
                         }
                         m_error->clear();
                         showReport(result.value());
                         Q_EMIT reportShown();
                     });
}

void ReportsPage::loadRooms()
{
    m_query->rooms([this](const StoreResult<QList<CdrRoomChoice>> &rooms) {
        if (!rooms)
            return;
        const QString current = m_room->currentData().toString();
        const QSignalBlocker blocker(m_room);
        m_room->clear();
        m_room->addItem(tr("All rooms"), QString());
        for (const CdrRoomChoice &room : rooms.value()) {
            const QString name = room.roomName.isEmpty() ? room.roomId : room.roomName;
            m_room->addItem(name, room.roomId);
            m_room->setItemData(m_room->count() - 1, room.roomId, Qt::ToolTipRole);
        }
        m_room->setCurrentIndex(std::max(0, m_room->findData(current)));
    });
}

void ReportsPage::setComputing(bool computing)
{
    m_spinner->setRunning(computing);
    m_spinner->setVisible(computing);
    m_busyLabel->setVisible(computing);
}

void ReportsPage::showReport(const CdrReport &report)
{
    m_report = report;
    QChart *charts[] = {ReportCharts::minutesPerDay(report), ReportCharts::sessionsPerRoom(report),
                        ReportCharts::peakPerDay(report), ReportCharts::sessionLengths(report)};
    for (int i = 0; i < 4; ++i) {
        // The view releases the chart it showed without deleting it.
        QChart *previous = m_views[i]->chart();
        m_views[i]->setChart(charts[i]);
        delete previous;
    }
    const bool any = report.participantRows > 0;
    m_saveChart->setEnabled(m_projectId > 0);
    m_export->setEnabled(any);
    if (!report.from.isValid() && m_projectId > 0) {
        m_summary->setText(tr("No call records in this period. Reports show the records synced from the platform "
                              "into this computer's store."));
        return;
    }
    if (!report.from.isValid()) {
        m_summary->clear();
        return;
    }
    const QLocale locale;
    m_summary->setText(
        tr("%1 to %2 (UTC days): %Ln sessions, %3 participant connections.", nullptr, int(report.sessions))
            .arg(locale.toString(report.from, QLocale::ShortFormat), locale.toString(report.to, QLocale::ShortFormat),
                 locale.toString(report.participantRows)));
}

void ReportsPage::showChart(Chart chart)
{
    m_tabs->setCurrentIndex(int(chart));
}

QChartView *ReportsPage::chartView(Chart chart) const
{
    return m_views[int(chart)];
}

bool ReportsPage::saveShownChart(const QString &path, QString *error) const
{
    const QPixmap image = m_views[m_tabs->currentIndex()]->grab();
    if (image.isNull() || !image.save(path, "PNG")) {
        if (error)
            *error = tr("Could not save the chart to %1. Choose a folder you can write to.")
                         .arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

void ReportsPage::saveChartAs()
{
    static const QString names[] = {u"minutes-per-day"_s, u"sessions-per-room"_s, u"peak-concurrency"_s,
                                    u"session-lengths"_s};
    const CdrFilter selected = filter();
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
            .filePath(u"%1_%2_%3.png"_s.arg(names[m_tabs->currentIndex()], selected.from.toString(Qt::ISODate),
                                            selected.to.toString(Qt::ISODate)));
    QString path = QFileDialog::getSaveFileName(this, tr("Save chart as PNG"), suggested, tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(u".png"_s, Qt::CaseInsensitive))
        path += u".png"_s;
    QString error;
    if (!saveShownChart(path, &error))
        m_error->showError(error, false);
}

void ReportsPage::exportRows()
{
    if (m_projectId <= 0)
        return;
    auto *dialog = new CdrExportDialog(m_store, m_projectId, filter(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ReportsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Calls may have been synced since the page was last shown.
    if (m_query && !isComputing()) {
        loadRooms();
        recompute();
    }
}

} // namespace confero
