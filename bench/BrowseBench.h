#pragma once

#include "BenchFigure.h"
#include "BrowseCase.h"

#include <QList>

namespace confero {
class Store;
}

namespace confero::bench {

// The browse figures over a full store, through what the Sessions page uses:
// - first page ready: CdrQuery::page() of the model's page size for each case (for a jump, the
//   model locating and reading the page of that row), median of `runs` per case, then p50/p95/max
//   over the cases;
// - exact count ready: CdrQuery::count() on its worker until its answer arrives, p95 over cases;
// - the longest GUI-thread stall: a heartbeat timer's longest gap while a QTableView over
//   CdrTableModel (offscreen; the model alone in a build without the GUI) runs every case and then
//   scrolls the whole store end to end a page at a time;
// - resident memory after that scroll.
class BrowseBench
{
public:
    BrowseBench(Store *store, qint64 projectId, QList<BrowseCase> cases, int runs, bool verbose);

    QList<BenchFigure> run(QString *error);

private:
    QList<BenchFigure> queryLayer(QString *error);
    QList<BenchFigure> view(QString *error);

    Store *m_store;
    qint64 m_projectId;
    QList<BrowseCase> m_cases;
    int m_runs;
    bool m_verbose;
};

} // namespace confero::bench
