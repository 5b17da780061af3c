// confero-bench: the figures of issues 4, 5 and 6 ("Numbers"), each measured side by side with its
// reference (the sqlite3 shell; curl and nginx; QHttpServer and nginx).
// See README.md, "Developing", and docs/ARCHITECTURE.md.

#include "BenchReport.h"
#include "BrowseBench.h"
#include "BrowseCase.h"
#include "CdrBenchData.h"
#include "DownloadBench.h"
#include "ExportBench.h"
#include "IngestBench.h"
#ifdef CONFERO_BENCH_GUI
#include "PlayerBench.h"
#endif
#include "RelayBench.h"
#include "Sqlite3Tool.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#ifdef CONFERO_BENCH_GUI
#include <QApplication>
#else
#include <QCoreApplication>
#endif

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace confero;
using namespace confero::bench;
using namespace Qt::StringLiterals;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "confero-bench: %s\n", qPrintable(message));
    return 1;
}

// The browse and export figures come from a child process on the finished store: its resident
// memory is then the store's and the view's, not the ingest's leftovers.
bool runChild(const QStringList &arguments, BenchReport *report, QString *error)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), arguments);
    if (!child.waitForStarted(30'000) || !child.waitForFinished(-1)) {
        *error = child.errorString();
        return false;
    }
    const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        if (const std::optional<BenchFigure> figure = BenchReport::fromJsonLine(line))
            report->add(*figure);
    }
    if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        *error = u"the %1 run failed (exit %2)"_s.arg(arguments.value(1)).arg(child.exitCode());
        return false;
    }
    return true;
}

int childMain(const QCommandLineParser &options, const Sqlite3Tool &sqlite3)
{
    Store store;
    if (const StoreResult<bool> opened = store.open(options.value(u"store"_s)); !opened)
        return fail(opened.error().message + u' ' + opened.error().detail);
    const qint64 projectId = options.value(u"project-id"_s).toLongLong();
    const int runs = options.value(u"runs"_s).toInt();
    QString error;
    QList<BenchFigure> figures;
    if (options.value(u"phase"_s) == u"browse") {
        const QList<BrowseCase> cases = BrowseCase::load(options.value(u"cases"_s), &error);
        if (cases.isEmpty())
            return fail(error);
        BrowseBench browse(&store, projectId, cases, runs, options.isSet(u"verbose"_s));
        figures = browse.run(&error);
    } else {
        ExportBench exporter(&store, projectId, options.value(u"work-dir"_s), sqlite3,
                             options.value(u"heavy-runs"_s).toInt());
        figures = exporter.run(&error);
    }
    if (!error.isEmpty())
        return fail(error);
    QTextStream out(stdout);
    for (const BenchFigure &figure : std::as_const(figures))
        out << BenchReport::toJsonLine(figure, true) << '\n';
    return 0;
}

// Issue 4's parts: the CDR ingest, then browse and export in children on the store it made; an
// error in words, or nothing.
QString runCdrParts(const QCommandLineParser &options, const Sqlite3Tool &sqlite3, const QString &workDir,
                    const std::function<bool(const QString &)> &wanted, BenchReport *report)
{
    std::fprintf(stderr, "confero-bench: simulating %s rows...\n", qPrintable(options.value(u"rows"_s)));
    QString storePath;
    qint64 projectId = 0;
    {
        const CdrBenchData data(options.value(u"rows"_s).toLongLong(), options.value(u"busy-rows"_s).toLongLong(),
                                options.value(u"seed"_s).toULongLong());
        // Browse and export need the store the ingest makes, so it always runs.
        std::fprintf(stderr, "confero-bench: ingest (Confero, then sqlite3)...\n");
        IngestBench ingest(data, workDir, sqlite3, options.value(u"runs"_s).toInt());
        QString error;
        const QList<BenchFigure> figures = ingest.run(&error);
        if (!error.isEmpty())
            return u"ingest: "_s + error;
        if (wanted(u"ingest"_s))
            report->add(figures);
        storePath = ingest.conferoStore();
        projectId = ingest.projectId();
    }

    const QStringList common{
        u"--store"_s,      storePath,
        u"--project-id"_s, QString::number(projectId),
        u"--runs"_s,       options.value(u"runs"_s),
        u"--heavy-runs"_s, options.value(u"heavy-runs"_s),
        u"--cases"_s,      options.value(u"cases"_s),
        u"--work-dir"_s,   workDir,
        u"--sqlite3"_s,    sqlite3.path().isEmpty() ? options.value(u"sqlite3"_s) : sqlite3.path()};
    for (const QString &phase : {u"browse"_s, u"export"_s}) {
        if (!wanted(phase))
            continue;
        std::fprintf(stderr, "confero-bench: %s...\n", qPrintable(phase));
        QStringList arguments = QStringList{u"--phase"_s, phase} + common;
        if (options.isSet(u"verbose"_s))
            arguments.append(u"--verbose"_s);
        QString error;
        if (!runChild(arguments, report, &error))
            return phase + u": "_s + error;
    }

    return {};
}

} // namespace

int main(int argc, char *argv[])
{
#ifdef CONFERO_BENCH_GUI
    // The view is measured offscreen: no display is needed, and none is drawn on.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    QCoreApplication::setApplicationName(u"confero-bench"_s);

    QCommandLineParser options;
    options.setApplicationDescription(
        u"Measures Confero's CDR ingest, browse and export against the sqlite3 shell (issue 4), its downloads "
        "against curl (issue 5) and its relay against QHttpServer and nginx (issue 6)."_s);
    options.addHelpOption();
    options.addOptions({
        {u"rows"_s, u"Rows of simulated history (default 1000000)."_s, u"N"_s, u"1000000"_s},
        {u"busy-rows"_s, u"Rows of the busy day (default 10000)."_s, u"N"_s, u"10000"_s},
        {u"runs"_s, u"Runs of the cheap measurements, whose median is shown (default 3)."_s, u"N"_s, u"3"_s},
        {u"heavy-runs"_s, u"Runs of the whole-store export (default 1)."_s, u"N"_s, u"1"_s},
        {u"seed"_s, u"Simulator seed (default 1)."_s, u"S"_s, u"1"_s},
        {u"cases"_s, u"Browse cases (default: bench/browse-cases.json)."_s, u"FILE"_s,
         QStringLiteral(CONFERO_BENCH_CASES)},
        {u"sqlite3"_s, u"The sqlite3 shell (default: sqlite3 on PATH)."_s, u"PROGRAM"_s, u"sqlite3"_s},
        {u"work-dir"_s, u"Where the stores and files go (default: a temporary folder, removed)."_s, u"DIR"_s},
        {u"only"_s,
         u"Comma-separated parts to run: ingest, browse, export, relay, download, player (default all)."_s,
         u"LIST"_s},
        {u"sandbox"_s, u"The confero-sandbox program (default: the one built beside this bench)."_s, u"PROGRAM"_s,
         QStringLiteral(CONFERO_SANDBOX_PROGRAM)},
        {u"download-mib"_s, u"Size of the file of the download figures, in MiB (default 1024)."_s, u"N"_s,
         u"1024"_s},
        {u"relay"_s, u"The confero-relay program (default: the one built beside this bench)."_s, u"PROGRAM"_s,
         QStringLiteral(CONFERO_RELAY_PROGRAM)},
        {u"relay-connections"_s, u"Keep-alive connections of the relay load (default 64)."_s, u"N"_s, u"64"_s},
        {u"relay-seconds"_s, u"Length of each relay throughput round (default 3)."_s, u"S"_s, u"3"_s},
        {u"relay-paced-seconds"_s, u"Length of each round at a set rate (default 4)."_s, u"S"_s, u"4"_s},
        {u"relay-rates"_s, u"The set rates of the 200 -> console store figures (default 500,5000)."_s, u"R,R"_s,
         u"500,5000"_s},
        {u"json"_s, u"One JSON object a line: {\"name\",\"value\",\"unit\",\"baseline\",\"ratio\"}."_s},
        {u"verbose"_s, u"Every browse case's figures on stderr."_s},
        // Internal: the parent runs browse and export in a child on its finished store.
        {u"phase"_s, u"(internal)"_s, u"PHASE"_s},
        {u"store"_s, u"(internal)"_s, u"FILE"_s},
        {u"project-id"_s, u"(internal)"_s, u"ID"_s},
    });
    options.process(app);
    // The core's progress lines (counts, store opened) would bury the figures.
    if (!options.isSet(u"verbose"_s))
        QLoggingCategory::setFilterRules(u"confero.*.info=false\nconfero.*.debug=false"_s);
    const Sqlite3Tool sqlite3(options.value(u"sqlite3"_s));
    if (options.value(u"phase"_s) == u"plain-server")
        return RelayBench::servePlain();
#ifdef CONFERO_BENCH_GUI
    if (options.value(u"phase"_s) == u"player") {
        // At least 5 opens per file, whatever --runs says: a median of 3 is one slow open away.
        PlayerBench bench({options.value(u"work-dir"_s), std::max(5, options.value(u"runs"_s).toInt())});
        QString error;
        const QList<BenchFigure> figures = bench.run(&error);
        if (!error.isEmpty())
            return fail(u"player: "_s + error);
        QTextStream out(stdout);
        for (const BenchFigure &figure : figures)
            out << BenchReport::toJsonLine(figure, true) << '\n';
        return 0;
    }
#endif
    if (options.isSet(u"phase"_s))
        return childMain(options, sqlite3);

    const QStringList only = options.isSet(u"only"_s) ? options.value(u"only"_s).split(u',') : QStringList();
    const auto wanted = [&](const QString &part) { return only.isEmpty() || only.contains(part); };
    if (sqlite3.path().isEmpty())
        std::fprintf(stderr, "confero-bench: no sqlite3 shell; figures without a baseline\n");

    QTemporaryDir temporary;
    QString workDir = options.value(u"work-dir"_s);
    if (workDir.isEmpty()) {
        if (!temporary.isValid())
            return fail(u"no temporary folder: "_s + temporary.errorString());
        workDir = temporary.path();
    } else if (!QDir().mkpath(workDir)) {
        return fail(u"cannot create "_s + workDir);
    }

    BenchReport report;
    QElapsedTimer total;
    total.start();
    const bool cdr = wanted(u"ingest"_s) || wanted(u"browse"_s) || wanted(u"export"_s);
    if (cdr) {
        if (const QString error = runCdrParts(options, sqlite3, workDir, wanted, &report); !error.isEmpty())
            return fail(error);
    }
    if (wanted(u"relay"_s)) {
        RelayBench::Options relay;
        relay.relayProgram = options.value(u"relay"_s);
        relay.benchProgram = QCoreApplication::applicationFilePath();
        relay.workDir = workDir;
        relay.runs = options.value(u"runs"_s).toInt();
        relay.connections = options.value(u"relay-connections"_s).toInt();
        relay.roundMs = int(options.value(u"relay-seconds"_s).toDouble() * 1000);
        relay.pacedMs = int(options.value(u"relay-paced-seconds"_s).toDouble() * 1000);
        relay.rates.clear();
        for (const QString &rate : options.value(u"relay-rates"_s).split(u',', Qt::SkipEmptyParts))
            relay.rates.append(rate.toDouble());
        RelayBench bench(relay);
        QString error;
        const QList<BenchFigure> figures = bench.run(&error);
        if (!error.isEmpty())
            return fail(u"relay: "_s + error);
        report.add(figures);
    }

    if (wanted(u"download"_s)) {
        DownloadBench::Options download;
        download.sandboxProgram = options.value(u"sandbox"_s);
        download.workDir = workDir;
        download.fileMiB = qMax(1LL, options.value(u"download-mib"_s).toLongLong());
        // At least 5 interleaved pairs, whatever --runs says: curl's own rate varies run to run.
        download.runs = std::max(5, options.value(u"runs"_s).toInt());
        DownloadBench bench(download);
        QString error;
        const QList<BenchFigure> figures = bench.run(&error);
        if (!error.isEmpty())
            return fail(u"download: "_s + error);
        report.add(figures);
    }

#ifdef CONFERO_BENCH_GUI
    if (wanted(u"player"_s)) {
        // In a child: its first open is a real cold start (the media backend not loaded yet). Under
        // ASan the child unwinds fully, so tests/lsan.supp can name GStreamer's own frames.
        const QByteArray asan = qgetenv("ASAN_OPTIONS");
        const bool fullStacks = !asan.isEmpty() && !asan.contains("detect_leaks=0"); // slower mallocs
        if (fullStacks)
            qputenv("ASAN_OPTIONS", asan + ":fast_unwind_on_malloc=0");
        QString error;
        const bool ran = runChild({u"--phase"_s, u"player"_s, u"--work-dir"_s, workDir, u"--runs"_s,
                                   options.value(u"runs"_s)},
                                  &report, &error);
        if (fullStacks)
            qputenv("ASAN_OPTIONS", asan);
        if (!ran)
            return fail(u"player: "_s + error);
    }
#endif

    QTextStream out(stdout);
    if (options.isSet(u"json"_s)) {
        report.printJson(out);
    } else {
        if (cdr)
            out << u"Confero bench: %1 rows, busy day %2 rows, medians of %3 runs (%4 for the whole-store export); "
                   "%5 s in all\n\n"_s
                       .arg(options.value(u"rows"_s), options.value(u"busy-rows"_s), options.value(u"runs"_s),
                            options.value(u"heavy-runs"_s))
                       .arg(total.elapsed() / 1000);
        else
            out << u"Confero bench: medians of %1 runs; %2 s in all\n\n"_s.arg(options.value(u"runs"_s))
                       .arg(total.elapsed() / 1000);
        report.printTable(out);
    }
    return 0;
}
