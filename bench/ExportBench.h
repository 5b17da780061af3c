#pragma once

#include "BenchFigure.h"
#include "Sqlite3Tool.h"

#include <QList>

namespace confero {
class Store;
}

namespace confero::bench {

// Every row of the store to CSV through CdrExporter (what "Export" and `conferoctl cdr export`
// write), against `sqlite3 -csv` running the same query (the same columns, ISO-8601 UTC times, the
// same order); and how much the process's resident memory grows while exporting.
class ExportBench
{
public:
    ExportBench(Store *store, qint64 projectId, QString workDir, const Sqlite3Tool &sqlite3, int runs);

    QList<BenchFigure> run(QString *error);

private:
    Store *m_store;
    qint64 m_projectId;
    QString m_workDir;
    Sqlite3Tool m_sqlite3;
    int m_runs;
};

} // namespace confero::bench
