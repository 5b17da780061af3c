#pragma once

#include "store/CdrFilter.h"
#include "store/CdrReport.h"

#include <QDate>
#include <QTimer>
#include <QWidget>

class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTabWidget;

namespace confero {

class BusySpinner;
class CdrReportQuery;
class ErrorBanner;
class Store;

// Reports over the project's own copy of the call records (Qt Charts): minutes per day, sessions
// per room, peak concurrent participants per day and the distribution of session lengths, for a
// period (presets or from/to, UTC days; "last N days" end yesterday, the last whole day) and a room. The report is
// computed on a worker (CdrReportQuery); while it runs a spinner turns and the charts shown stay until the new ones are
// ready. "Save chart as PNG…" saves the chart on the current tab; "Export rows…" opens
// CdrExportDialog for the same selection.
// Children: "periodCombo", "fromEdit", "toEdit", "roomCombo", "charts" (QTabWidget of the QChartViews
// "minutesChart", "roomsChart", "peakChart", "lengthsChart"), "busySpinner", "summaryLabel",
// "errorBanner", "saveChartButton", "exportButton".
class ReportsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportsPage)

public:
    enum class Period { Last7Days, Last30Days, ThisYear, Last365Days, Custom };
    enum class Chart { MinutesPerDay, SessionsPerRoom, PeakPerDay, SessionLengths };

    // `store` must outlive the page.
    explicit ReportsPage(Store *store, QWidget *parent = nullptr);
    ~ReportsPage() override;

    // Shows the project's reports (0: none).
    void setProject(qint64 projectId);
    qint64 projectId() const;

    void setPeriod(Period period);
    // Selects Custom with these days (UTC, both included).
    void setCustomPeriod(const QDate &from, const QDate &to);
    // The presets count back from this UTC day (today by default; tests fix it).
    void setToday(const QDate &today);

    CdrFilter filter() const;
    // The report the charts show (empty before the first one is ready).
    const CdrReport &report() const;
    bool isComputing() const;

    void showChart(Chart chart);
    QChartView *chartView(Chart chart) const;
    // Saves the chart on the current tab as it is shown, at the view's size; an error in words.
    bool saveShownChart(const QString &path, QString *error) const;

public Q_SLOTS:
    void recompute();
    void saveChartAs();
    void exportRows();

Q_SIGNALS:
    // The charts now show report(): computed for the filter of the moment.
    void reportShown();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyPeriod();
    void scheduleRecompute();
    void loadRooms();
    void showReport(const CdrReport &report);
    void setComputing(bool computing);

    Store *m_store;
    qint64 m_projectId = 0;
    CdrReportQuery *m_query = nullptr;
    QDate m_today;
    CdrReport m_report;
    int m_generation = 0;
    int m_answered = 0;
    QTimer m_debounce;

    QComboBox *m_period;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_room;
    BusySpinner *m_spinner;
    QLabel *m_busyLabel;
    QPushButton *m_saveChart;
    QPushButton *m_export;
    ErrorBanner *m_error;
    QTabWidget *m_tabs;
    QChartView *m_views[4];
    QLabel *m_summary;
};

} // namespace confero
