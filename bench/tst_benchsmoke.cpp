#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace Qt::StringLiterals;

// confero-bench on a few thousand rows, every part of it: the output must be what people and
// scripts read (a table; one JSON object a line with exactly name, value, unit, baseline, ratio).
// Speed is never asserted here: the figures of a loaded test machine mean nothing.
class TestBenchSmoke final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonLines();
    void table();
    void relay();
    void download();
    void player();

private:
    QByteArray runBench(const QStringList &arguments);
    static bool figuresOf(const QByteArray &output, QHash<QString, QJsonObject> *figures);

    QTemporaryDir m_dir;
};

// The bench's --json output by figure name; false (with the line said) when a line is not a figure.
bool TestBenchSmoke::figuresOf(const QByteArray &output, QHash<QString, QJsonObject> *figures)
{
    for (const QByteArray &line : output.trimmed().split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.isEmpty()) {
            qWarning("not a figure: %s", line.constData());
            return false;
        }
        figures->insert(object.value(u"name").toString(), object);
    }
    return true;
}

QByteArray TestBenchSmoke::runBench(const QStringList &arguments)
{
    QProcess bench;
    bench.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    bench.start(QStringLiteral(CONFERO_BENCH_PROGRAM), arguments + QStringList{u"--work-dir"_s, m_dir.path()});
    if (!bench.waitForFinished(600'000)) {
        bench.kill();
        bench.waitForFinished(5'000);
        qWarning() << "confero-bench did not finish";
        return {};
    }
    if (bench.exitStatus() != QProcess::NormalExit || bench.exitCode() != 0) {
        qWarning() << "confero-bench exit" << bench.exitCode();
        return {};
    }
    return bench.readAllStandardOutput();
}

void TestBenchSmoke::jsonLines()
{
    QVERIFY(m_dir.isValid());
    const QByteArray output =
        runBench({u"--rows"_s, u"3000"_s, u"--busy-rows"_s, u"300"_s, u"--runs"_s, u"1"_s, u"--json"_s, u"--only"_s,
                  u"ingest,browse,export"_s}); // the relay's part has its own test, at a size fit for one
    QVERIFY(!output.isEmpty());
    const bool haveSqlite3 = !QStandardPaths::findExecutable(u"sqlite3"_s).isEmpty();

    QStringList names;
    const QList<QByteArray> lines = output.trimmed().split('\n');
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QVERIFY2(document.isObject(), line.constData());
        const QJsonObject object = document.object();
        QCOMPARE(object.keys(), (QStringList{u"baseline"_s, u"name"_s, u"ratio"_s, u"unit"_s, u"value"_s}));
        QVERIFY2(object.value(u"name").isString() && !object.value(u"name").toString().isEmpty(), line.constData());
        QVERIFY2(object.value(u"unit").isString() && !object.value(u"unit").toString().isEmpty(), line.constData());
        QVERIFY2(object.value(u"value").isDouble(), line.constData());
        const double value = object.value(u"value").toDouble();
        QVERIFY2(std::isfinite(value) && value >= 0, line.constData());
        const QJsonValue baseline = object.value(u"baseline");
        const QJsonValue ratio = object.value(u"ratio");
        QVERIFY2(baseline.isNull() || (baseline.isDouble() && baseline.toDouble() > 0), line.constData());
        QCOMPARE(ratio.isNull(), baseline.isNull());
        if (baseline.isDouble())
            QVERIFY2(std::abs(ratio.toDouble() - value / baseline.toDouble()) <= 1e-9 * std::max(1.0, ratio.toDouble()),
                     line.constData());
        names.append(object.value(u"name").toString());
    }

    // Every figure of issue 4 is there, and where sqlite3 is the reference, its figure too.
    const auto find = [&](const QString &prefix) -> qsizetype {
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (names.at(i).startsWith(prefix))
                return i;
        }
        return -1;
    };
    const QStringList expected{u"ingest 3000 rows into an empty store"_s,
                               u"ingest a busy day (300 rows) into 3000"_s,
                               u"browse: first page ready, p50"_s,
                               u"browse: first page ready, p95"_s,
                               u"browse: first page ready, max"_s,
                               u"browse: exact count ready, p95"_s,
                               u"browse: longest GUI-thread stall"_s,
                               u"browse: RSS, store open, scrolled end to end"_s,
                               u"export 3000 rows to CSV"_s,
                               u"export: RSS growth"_s};
    for (const QString &prefix : expected)
        QVERIFY2(find(prefix) >= 0, qPrintable(prefix + u" missing from:\n"_s + names.join(u'\n')));
    if (haveSqlite3) {
        for (const QString &prefix : {expected.at(0), expected.at(1), expected.at(8)}) {
            const QJsonObject object = QJsonDocument::fromJson(lines.at(find(prefix))).object();
            QVERIFY2(object.value(u"baseline").isDouble(), qPrintable(prefix + u": no sqlite3 figure"_s));
        }
    } else {
        qWarning("sqlite3 is not installed: the baselines were not checked");
    }
}

void TestBenchSmoke::table()
{
    const QString output = QString::fromUtf8(
        runBench({u"--rows"_s, u"2000"_s, u"--busy-rows"_s, u"200"_s, u"--runs"_s, u"1"_s, u"--only"_s, u"ingest"_s}));
    const QStringList lines = output.split(u'\n', Qt::SkipEmptyParts);
    // A title, the header, a rule, then one line per figure.
    QVERIFY2(lines.size() >= 4, qPrintable(output));
    QVERIFY2(lines.at(0).startsWith(u"Confero bench: 2000 rows"_s), qPrintable(output));
    QVERIFY2(lines.at(1).split(u' ', Qt::SkipEmptyParts)
                 == (QStringList{u"figure"_s, u"value"_s, u"unit"_s, u"baseline"_s, u"ratio"_s, u"goal"_s}),
             qPrintable(output));
    QVERIFY2(lines.at(2).startsWith(u"---"_s), qPrintable(output));
    QVERIFY2(lines.at(3).startsWith(u"ingest 2000 rows into an empty store"_s), qPrintable(output));
    for (const QString &line : lines)
        QVERIFY2(!line.startsWith(u"browse"_s) && !line.startsWith(u"export"_s), qPrintable(output));
}

// The relay part, tiny: the real confero-relay with a console streaming from it, the plain
// QHttpServer and (when installed) nginx. Every webhook answered 200 must reach the console's store
// or the bench fails; here only the figures' presence and sense are checked.
void TestBenchSmoke::relay()
{
    const QByteArray output = runBench({u"--only"_s, u"relay"_s, u"--runs"_s, u"1"_s, u"--relay-connections"_s,
                                        u"8"_s, u"--relay-seconds"_s, u"0.3"_s, u"--relay-paced-seconds"_s, u"0.5"_s,
                                        u"--relay-rates"_s, u"100,400"_s, u"--json"_s});
    QVERIFY(!output.isEmpty());
    QHash<QString, QJsonObject> figures;
    QVERIFY(figuresOf(output, &figures));
    const auto figure = [&](const QString &name) { return figures.value(name); };
    const QJsonObject accepted = figure(u"relay: webhooks durably accepted, 8 connections (vs QHttpServer)"_s);
    QVERIFY2(!accepted.isEmpty(), qPrintable(QString::fromUtf8(output)));
    QVERIFY(accepted.value(u"value").toDouble() > 0);
    QVERIFY(accepted.value(u"baseline").toDouble() > 0); // the QHttpServer figure
    QCOMPARE(accepted.value(u"unit").toString(), u"req/s"_s);
    for (const QString &name : {u"relay: webhook answer, p50 (vs QHttpServer)"_s,
                                u"relay: webhook answer, p99 (vs QHttpServer)"_s,
                                u"relay: 200 -> console store at 100/s, p50"_s,
                                u"relay: 200 -> console store at 100/s, p99"_s,
                                u"relay: 200 -> console store at 400/s, p50"_s,
                                u"relay: 200 -> console store at 400/s, p99"_s}) {
        QVERIFY2(figures.contains(name), qPrintable(name));
        QCOMPARE(figure(name).value(u"unit").toString(), u"ms"_s);
    }
    QVERIFY(figure(u"relay: webhook answer, p50 (vs QHttpServer)"_s).value(u"value").toDouble()
            <= figure(u"relay: webhook answer, p99 (vs QHttpServer)"_s).value(u"value").toDouble());
    // At least one event per sync; more than one whenever webhooks overlap.
    QVERIFY(figure(u"relay: events per fsync"_s).value(u"value").toDouble() >= 1);
    QVERIFY(figure(u"QHttpServer answering 200, 8 connections"_s).value(u"value").toDouble() > 0);
    if (QStandardPaths::findExecutable(u"nginx"_s).isEmpty()
        && QStandardPaths::findExecutable(u"nginx"_s, {u"/usr/sbin"_s}).isEmpty())
        qWarning("nginx is not installed: its reference figures were not checked");
    else
        QVERIFY2(figure(u"nginx answering 200, 8 connections"_s).value(u"value").toDouble() > 0,
                 qPrintable(QString::fromUtf8(output)));
}

// The download part, with a small file: both servers (nginx when installed, and the sandbox), the
// pair ratio against curl, the ceilings and the memory figures, each present and sensible.
void TestBenchSmoke::download()
{
    if (QStandardPaths::findExecutable(u"curl"_s).isEmpty())
        QSKIP("curl is not installed: the download part has no reference client");
    const QByteArray output =
        runBench({u"--only"_s, u"download"_s, u"--download-mib"_s, u"8"_s, u"--runs"_s, u"1"_s, u"--json"_s});
    QVERIFY(!output.isEmpty());
    QHash<QString, QJsonObject> figures;
    QVERIFY(figuresOf(output, &figures));
    const bool haveNginx = !QStandardPaths::findExecutable(u"nginx"_s).isEmpty()
        || !QStandardPaths::findExecutable(u"nginx"_s, {u"/usr/sbin"_s}).isEmpty();
    QStringList servers{u"the sandbox"_s};
    if (haveNginx)
        servers.prepend(u"nginx"_s);
    else
        qWarning("nginx is not installed: its figures were not checked");
    for (const QString &server : std::as_const(servers)) {
        const QString prefix = u"download from %1, 8 MiB: "_s.arg(server);
        const QJsonObject ours = figures.value(prefix + u"Confero, median (vs curl -o)"_s);
        QVERIFY2(!ours.isEmpty(), qPrintable(prefix + u'\n' + QString::fromUtf8(output)));
        QCOMPARE(ours.value(u"unit").toString(), u"MB/s"_s);
        QVERIFY(ours.value(u"value").toDouble() > 0);
        QVERIFY(ours.value(u"baseline").toDouble() > 0); // curl's
        // At least five pairs, whatever --runs says.
        const QJsonObject ratio = figures.value(prefix + u"Confero / curl -o, median of 5 pair ratios"_s);
        QVERIFY2(!ratio.isEmpty(), qPrintable(QString::fromUtf8(output)));
        QVERIFY(ratio.value(u"value").toDouble() > 0);
        QVERIFY(figures.value(prefix + u"server ceiling (curl to /dev/null)"_s).value(u"value").toDouble() > 0);
        const double bound = figures.value(prefix + u"server-bound (1 = yes)"_s).value(u"value").toDouble(-1);
        QVERIFY(bound == 0 || bound == 1);
    }
    for (const QString &name : {u"download: RSS growth, one 8 MiB file"_s,
                                u"download: RSS growth, one 8 MiB file, writer held back"_s,
                                u"download: RSS growth, four 8 MiB files at once"_s}) {
        QVERIFY2(figures.contains(name), qPrintable(name + u'\n' + QString::fromUtf8(output)));
        QCOMPARE(figures.value(name).value(u"unit").toString(), u"MB"_s);
    }
}

// The player part: the console's player opens the sandbox's media and its first frame arrives; the
// figures are there, in ms, with the goal (only in the table), and the slowest open is no
// faster than the median.
void TestBenchSmoke::player()
{
#ifndef CONFERO_BENCH_GUI
    QSKIP("the GUI-free build has no player: its bench has no player part");
#endif
    const QByteArray output = runBench({u"--only"_s, u"player"_s, u"--runs"_s, u"1"_s, u"--json"_s});
    QVERIFY(!output.isEmpty());
    QHash<QString, QJsonObject> figures;
    QVERIFY(figuresOf(output, &figures));
    for (const QString &name : {u"player first frame, first open in a process (MP4, loads the media backend)"_s,
                                u"player first frame (MP4, median of 5)"_s, u"player first frame (MP4, slowest)"_s,
                                u"player first frame (Matroska, median of 5)"_s,
                                u"player first frame (Matroska, slowest)"_s}) {
        QVERIFY2(figures.contains(name), qPrintable(name + u'\n' + QString::fromUtf8(output)));
        QCOMPARE(figures.value(name).value(u"unit").toString(), u"ms"_s);
        QVERIFY(figures.value(name).value(u"value").toDouble() > 0);
    }
    for (const QString &format : {u"MP4"_s, u"Matroska"_s})
        QVERIFY(figures.value(u"player first frame (%1, median of 5)"_s.arg(format)).value(u"value").toDouble()
                <= figures.value(u"player first frame (%1, slowest)"_s.arg(format)).value(u"value").toDouble());
    const QByteArray table = runBench({u"--only"_s, u"player"_s, u"--runs"_s, u"1"_s});
    QVERIFY2(table.contains("player first frame (MP4, median of 5)") && table.contains("<= 500 ms"), table.constData());
}

QTEST_GUILESS_MAIN(TestBenchSmoke)
#include "tst_benchsmoke.moc"
