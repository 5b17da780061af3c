#include "BrowseBench.h"

#include "EventWait.h"
#include "ProcessMemory.h"
#include "Samples.h"
#include "models/CdrTableModel.h"
#include "store/CdrQuery.h"

#include <QElapsedTimer>
#include <QTimer>

#ifdef CONFERO_BENCH_GUI
#include <QTableView>
#endif

#include <cstdio>
#include <ctime>
#include <limits>

namespace confero::bench {

using namespace Qt::StringLiterals;

namespace {

// Long enough for a full count on a loaded machine; a case that needs more is a failure to report.
constexpr int kWaitMs = 300'000;

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

bool rowReady(const CdrTableModel &model, qint64 row)
{
    const QModelIndex index = model.index(int(row), 0);
    // data() is also what asks for the page; it answers LoadingRole false once the page is in.
    return index.isValid() && !model.data(index, CdrTableModel::LoadingRole).toBool();
}

// The longest gap between ticks of a fast timer on this thread: how long the event loop (the GUI
// thread, in the console) could not run.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const double gap = msSince(m_sinceLast);
            const double running = threadCpuMs();
            if (gap > m_longestMs) {
                m_longestMs = gap;
                m_longestDuring = m_doing;
                m_longestRunningMs = running - m_runningAtLast;
            }
            m_sinceLast.start();
            m_runningAtLast = running;
        });
    }
    // This thread's CPU time: how much of a gap it spent running, rather than waiting for a core.
    static double threadCpuMs()
    {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    }
    double longestRunningMs() const { return m_longestRunningMs; }
    // What the bench is doing now, named with the longest gap (--verbose).
    void doing(const QString &what) { m_doing = what; }
    const QString &longestDuring() const { return m_longestDuring; }
    void start()
    {
        m_sinceLast.start();
        m_runningAtLast = threadCpuMs();
        m_timer.start();
    }
    double longestMs() const { return m_longestMs; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    double m_longestMs = 0;
    double m_longestRunningMs = 0;
    double m_runningAtLast = 0;
    QString m_doing;
    QString m_longestDuring;
};

} // namespace

BrowseBench::BrowseBench(Store *store, qint64 projectId, QList<BrowseCase> cases, int runs, bool verbose)
    : m_store(store)
    , m_projectId(projectId)
    , m_cases(std::move(cases))
    , m_runs(std::max(1, runs))
    , m_verbose(verbose)
{
}

QList<BenchFigure> BrowseBench::run(QString *error)
{
    QList<BenchFigure> figures = queryLayer(error);
    if (!error->isEmpty())
        return {};
    figures += view(error);
    return figures;
}

QList<BenchFigure> BrowseBench::queryLayer(QString *error)
{
    CdrQuery query(m_store, m_projectId);
    Samples firstPage, count;
    QString slowestPage, slowestCount;
    double slowestPageMs = -1, slowestCountMs = -1;
    for (const BrowseCase &browse : std::as_const(m_cases)) {
        Samples pageRuns, countRuns;
        qint64 total = -1;
        for (int run = 0; run < m_runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            bool answered = false;
            query.count(browse.filter, [&](const StoreResult<qint64> &result) {
                answered = true;
                if (result)
                    total = result.value();
                else
                    *error = result.error().message + u' ' + result.error().detail;
            });
            if (!waitFor([&] { return answered; }, kWaitMs) && error->isEmpty())
                *error = u"case \"%1\": no count after %2 s"_s.arg(browse.name).arg(kWaitMs / 1000);
            if (!error->isEmpty())
                return {};
            countRuns.add(msSince(timer));
        }
        for (int run = 0; run < m_runs; ++run) {
            QElapsedTimer timer;
            timer.start();
            if (!browse.jumpRow) {
                const StoreResult<CdrPage> page =
                    query.page(browse.filter, browse.sort, CdrTableModel::kDefaultPageSize);
                if (!page) {
                    *error = u"case \"%1\": %2 %3"_s.arg(browse.name, page.error().message, page.error().detail);
                    return {};
                }
                pageRuns.add(msSince(timer));
                continue;
            }
            // A jump goes through the model, as the scrollbar does: a fresh one each run, so no
            // page start is known yet. Its count comes first (the view has no rows before it).
            CdrTableModel model(m_store, m_projectId);
            model.setFilter(browse.filter);
            model.setSort(browse.sort);
            if (!waitFor([&] { return !model.isCounting(); }, kWaitMs) || model.totalCount() <= 0) {
                *error = u"case \"%1\": the model has no rows (%2)"_s.arg(browse.name, model.errorString());
                return {};
            }
            const qint64 target = std::min(*browse.jumpRow, model.totalCount() - 1);
            timer.restart();
            if (!waitFor([&] { return rowReady(model, target); }, kWaitMs)) {
                *error =
                    u"case \"%1\": row %2 never arrived (%3)"_s.arg(browse.name).arg(target).arg(model.errorString());
                return {};
            }
            pageRuns.add(msSince(timer));
        }
        const double pageMs = pageRuns.median();
        const double countMs = countRuns.median();
        firstPage.add(pageMs);
        count.add(countMs);
        if (pageMs > slowestPageMs) {
            slowestPageMs = pageMs;
            slowestPage = browse.name;
        }
        if (countMs > slowestCountMs) {
            slowestCountMs = countMs;
            slowestCount = browse.name;
        }
        if (m_verbose)
            std::fprintf(stderr, "browse: %-55s rows %9lld  first page %8.1f ms  count %8.1f ms\n",
                         qPrintable(browse.name), total, pageMs, countMs);
    }
    std::fprintf(stderr, "browse: slowest first page: %s (%.1f ms); slowest count: %s (%.1f ms)\n",
                 qPrintable(slowestPage), slowestPageMs, qPrintable(slowestCount), slowestCountMs);
    return {
        {u"browse: first page ready, p50"_s, firstPage.percentile(50), u"ms"_s, std::nullopt, QString()},
        {u"browse: first page ready, p95"_s, firstPage.percentile(95), u"ms"_s, std::nullopt, u"<= 16 ms"_s},
        {u"browse: first page ready, max"_s, firstPage.max(), u"ms"_s, std::nullopt, u"<= 50 ms"_s},
        {u"browse: exact count ready, p95"_s, count.percentile(95), u"ms"_s, std::nullopt, u"<= 150 ms"_s},
    };
}

QList<BenchFigure> BrowseBench::view(QString *error)
{
    CdrTableModel model(m_store, m_projectId);
#ifdef CONFERO_BENCH_GUI
    // Set up as the Sessions page sets up its tables (SessionsPage.ui): a stall is what a user meets.
    QTableView table;
    table.setWordWrap(false); // one line a cell: wrapping lays every cell's text out for line breaks
    table.setSelectionBehavior(QAbstractItemView::SelectRows);
    table.setEditTriggers(QAbstractItemView::NoEditTriggers);
    table.setAlternatingRowColors(true);
    table.setModel(&model);
    table.resize(1280, 800);
    table.show();
    const auto scrollTo = [&](qint64 row) {
        table.scrollTo(model.index(int(row), 0), QAbstractItemView::PositionAtTop);
    };
    const QString what = u"browse: longest GUI-thread stall (QTableView)"_s;
#else
    // No widgets in this build: the model is asked for the rows a view would show.
    const auto scrollTo = [&](qint64 row) {
        for (qint64 r = row; r < std::min<qint64>(row + 40, model.rowCount()); ++r)
            model.data(model.index(int(r), 0));
    };
    const QString what = u"browse: longest GUI-thread stall (model, no view)"_s;
#endif
    Heartbeat heartbeat;
    heartbeat.start();
    const auto settle = [&](qint64 row, const QString &name) {
        heartbeat.doing(u"%1, counting"_s.arg(name));
        if (!waitFor([&] { return !model.isCounting(); }, kWaitMs)) {
            *error = u"case \"%1\": no count"_s.arg(name);
            return false;
        }
        const qint64 last = model.rowCount() - 1;
        if (last < 0)
            return true;
        row = std::min(row, last);
        heartbeat.doing(u"%1, at row %2"_s.arg(name).arg(row));
        scrollTo(row);
        if (!waitFor([&] { return rowReady(model, row); }, kWaitMs)) {
            *error = u"case \"%1\": row %2 never arrived (%3)"_s.arg(name).arg(row).arg(model.errorString());
            return false;
        }
        return true;
    };

    for (const BrowseCase &browse : std::as_const(m_cases)) {
        heartbeat.doing(u"%1, filter and sort set"_s.arg(browse.name));
        model.setFilter(browse.filter);
        model.setSort(browse.sort);
        const qint64 target = browse.jumpRow ? *browse.jumpRow : std::numeric_limits<qint64>::max();
        if (!settle(0, browse.name) || !settle(target, browse.name) || !settle(0, browse.name))
            return {};
    }

    // End to end in the default order, a page at a time, as someone holding the scrollbar's arrow.
    model.setFilter({});
    model.setSort({});
    if (!settle(0, u"scroll"_s))
        return {};
    const qint64 rows = model.rowCount();
    for (qint64 row = 0; row < rows; row += model.pageSize()) {
        if (!settle(row, u"scroll"_s))
            return {};
    }
    if (!settle(rows - 1, u"scroll"_s))
        return {};
    const double rssMb = double(ProcessMemory::residentBytes()) / (1024.0 * 1024.0);
    if (m_verbose)
        std::fprintf(stderr, "browse: longest stall %.1f ms (%.1f ms of it running on this thread) during: %s\n",
                     heartbeat.longestMs(), heartbeat.longestRunningMs(), qPrintable(heartbeat.longestDuring()));
    return {
        {what, heartbeat.longestMs(), u"ms"_s, std::nullopt, u"<= 16 ms"_s},
        {u"browse: RSS, store open, scrolled end to end"_s, rssMb, u"MB"_s, std::nullopt, u"<= 250 MB"_s},
    };
}

} // namespace confero::bench
