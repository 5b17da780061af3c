#include "ExportBench.h"

#include "ProcessMemory.h"
#include "Samples.h"
#include "export/CdrExporter.h"
#include "store/CdrQuery.h"
#include "store/Store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

namespace confero::bench {

using namespace Qt::StringLiterals;

namespace {

QByteArray baselineQuery(qint64 projectId)
{
    // CdrExporter's columns, times as its ISO-8601 UTC text ('' for an unknown 0), its order.
    const QByteArray iso = "CASE %1 WHEN 0 THEN '' ELSE strftime('%Y-%m-%dT%H:%M:%fZ', %1 / 1000.0, 'unixepoch') END";
    return "SELECT id, cdr_id, conf_num, room_id, room_name, name, user_ref, role, agent, ip, "
        + QByteArray(iso).replace("%1", "connect_ms") + " AS connect, " + QByteArray(iso).replace("%1", "disconnect_ms")
        + " AS disconnect, duration_s, published_minutes, subscribed_minutes, connect_minutes, problems "
          "FROM participants WHERE project_id = "
        + QByteArray::number(projectId) + " ORDER BY connect_ms, id;\n";
}

} // namespace

ExportBench::ExportBench(Store *store, qint64 projectId, QString workDir, const Sqlite3Tool &sqlite3, int runs)
    : m_store(store)
    , m_projectId(projectId)
    , m_workDir(std::move(workDir))
    , m_sqlite3(sqlite3)
    , m_runs(std::max(1, runs))
{
}

QList<BenchFigure> ExportBench::run(QString *error)
{
    const QDir dir(m_workDir);
    const QString output = dir.filePath(u"export.csv"_s);
    const QString baselineOutput = dir.filePath(u"export-sqlite3.csv"_s);
    CdrQuery query(m_store, m_projectId);
    Samples rate, growth;
    qint64 rows = 0;
    for (int run = 0; run < m_runs; ++run) {
        QFile file(output);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = file.errorString();
            return {};
        }
        ProcessMemory::resetPeak();
        const qint64 before = ProcessMemory::residentBytes();
        qint64 highest = before;
        QElapsedTimer timer;
        timer.start();
        const StoreResult<qint64> written =
            CdrExporter::write(query, {}, {}, &file, CdrExporter::Options{},
                               [&](qint64) { highest = std::max(highest, ProcessMemory::residentBytes()); });
        file.close();
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        if (!written) {
            *error = written.error().message + u' ' + written.error().detail;
            return {};
        }
        rows = written.value();
        rate.add(double(rows) / seconds);
        highest = std::max(highest, ProcessMemory::peakResidentBytes());
        growth.add(double(highest - before) / (1024.0 * 1024.0));
    }

    Samples baseline;
    for (int run = 0; run < m_runs; ++run) {
        const std::optional<double> seconds = m_sqlite3.run(m_store->location(), baselineQuery(m_projectId), error,
                                                            {u"-csv"_s, u"-header"_s}, baselineOutput);
        if (!seconds) {
            std::fprintf(stderr, "export: %s\n", qPrintable(*error));
            error->clear();
            break;
        }
        baseline.add(double(rows) / *seconds);
    }
    // Where the time goes (a profile by stages, perf not being at hand): reading the pages alone,
    // as the export reads them; the rest of an export is making and writing the CSV.
    Samples readRate;
    for (int run = 0; run < m_runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        qint64 read = 0;
        std::optional<CdrPageKey> after;
        do {
            const StoreResult<CdrPage> page =
                query.page({}, {}, CdrExporter::Options{}.pageSize, after, CdrQuery::Content::WithoutRawJson);
            if (!page) {
                *error = page.error().message + u' ' + page.error().detail;
                return {};
            }
            read += page.value().rows.size();
            after = page.value().next;
        } while (after);
        readRate.add(double(read) / (double(timer.nsecsElapsed()) / 1e9));
    }
    QFile::remove(output);
    QFile::remove(baselineOutput);
    return {
        {u"export %1 rows to CSV"_s.arg(rows), rate.median(), u"rows/s"_s,
         baseline.isEmpty() ? std::nullopt : std::optional<double>(baseline.median()), u">= 0.8 x"_s},
        {u"  of which reading the pages (CdrQuery)"_s, readRate.median(), u"rows/s"_s, std::nullopt, QString()},
        {u"export: RSS growth"_s, growth.median(), u"MB"_s, std::nullopt, u"< 20 MB"_s},
    };
}

} // namespace confero::bench
