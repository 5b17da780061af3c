#pragma once

#include "BenchFigure.h"
#include "Sqlite3Tool.h"

#include <QList>
#include <QString>

namespace confero::bench {

class CdrBenchData;

// Rows per second from the sandbox's JSON into Confero's store (CdrRowParser + CdrIngest, one
// transaction per window as CdrSync does), against the sqlite3 shell importing the same rows as CSV
// into the same schema (Store's migrations: indexes, FTS triggers) with the same PRAGMAs, in one
// transaction. Two cases: the history into an empty store, and the busy day into the full store
// (median of `runs`; the busy rows are deleted again between runs).
//
// Leaves Confero's store holding exactly the history, for the browse and export runs.
class IngestBench
{
public:
    IngestBench(const CdrBenchData &data, QString workDir, const Sqlite3Tool &sqlite3, int runs);

    QList<BenchFigure> run(QString *error);

    QString conferoStore() const;
    qint64 projectId() const;

private:
    const CdrBenchData &m_data;
    QString m_workDir;
    Sqlite3Tool m_sqlite3;
    int m_runs;
    qint64 m_projectId = 0;
};

} // namespace confero::bench
