#include "CdrTestRows.h"
#include "CliRunner.h"
#include "SandboxFixture.h"
#include "domain/CdrRowParser.h"
#include "store/CdrIngest.h"
#include "store/Store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

namespace {

QByteArray describe(const CliRun &run)
{
    return "exit " + QByteArray::number(run.exitCode) + "\nstdout: " + run.out + "\nstderr: " + run.err;
}

QJsonObject object(const CliRun &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

} // namespace

// conferoctl cdr sync / query / export: the built binary against the real sandbox's simulated
// history, its store in the test's data folder.
class TestCdrCli : public QObject
{
    Q_OBJECT

    SandboxFixture m_sandbox;
    std::unique_ptr<CliRunner> m_cli;
    QTemporaryDir m_out;
    QTemporaryDir m_data; // conferoctl's data folder, fresh on every run
    qint64 m_simulatedRows = 0;
    qint64 m_simulatedSessions = 0;

    CliRun ok(const QStringList &arguments)
    {
        CliRun run = m_cli->run(arguments);
        if (run.exitCode != 0 || !run.err.isEmpty())
            qWarning().noquote() << QString::fromUtf8(describe(run));
        return run;
    }

    // Adds rows to the store conferoctl uses, as a sync would, for cases the simulator never makes.
    bool ingestIntoCliStore(const QJsonArray &rows)
    {
        Store store;
        if (!store.open(Store::defaultLocation(m_data.path())))
            return false;
        QSqlQuery query(store.database());
        if (!query.exec(u"SELECT id FROM projects"_s) || !query.next())
            return false;
        CdrIngest ingest(store.database(), query.value(0).toLongLong());
        query = QSqlQuery();
        return ingest.ingest(CdrRowParser::parse(rows)).ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_out.isValid());
        QVERIFY(m_data.isValid());
        QString error;
        QVERIFY2(m_sandbox.start(&error), qPrintable(error));
        const QJsonObject answer = m_sandbox.control(
            "POST", u"cdr/simulate"_s, R"({"days": 4, "sessions_per_day": 25, "seed": 3, "end_date": "2025-03-04"})");
        QCOMPARE(answer.value(u"result").toInt(-1), 0);
        m_simulatedRows = answer.value(u"rows").toInteger();
        m_simulatedSessions = answer.value(u"sessions").toInteger();
        QVERIFY(m_simulatedRows > 100);

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"CONFERO_API_URL"_s, m_sandbox.apiBaseUrl().toString());
        environment.insert(u"CONFERO_APP_ID"_s, QString::fromLatin1(SandboxFixture::kAppId));
        environment.insert(u"CONFERO_APP_KEY"_s, QString::fromLatin1(SandboxFixture::kAppKey));
        environment.remove(u"QT_LOGGING_RULES"_s);
        environment.insert(u"CONFERO_DATA_DIR"_s, m_data.path());
        m_cli = std::make_unique<CliRunner>(environment);
    }

    void syncTwiceHoldsTheSameRows()
    {
        const QStringList sync{u"--json"_s,     u"cdr"_s,  u"sync"_s,      u"--from"_s,
                               u"2025-03-01"_s, u"--to"_s, u"2025-03-04"_s};
        CliRun run = ok(sync);
        QVERIFY2(run.exitCode == 0, describe(run).constData());
        QCOMPARE(object(run), (QJsonObject{{u"rows"_s, m_simulatedRows}, {u"sessions"_s, m_simulatedSessions}}));
        run = ok(sync);
        QVERIFY2(run.exitCode == 0, describe(run).constData());
        QCOMPARE(object(run), (QJsonObject{{u"rows"_s, m_simulatedRows}, {u"sessions"_s, m_simulatedSessions}}));

        // A sub-period holds fewer.
        run = ok({u"--json"_s, u"cdr"_s, u"sync"_s, u"--from"_s, u"2025-03-02"_s, u"--to"_s, u"2025-03-02"_s});
        QVERIFY2(run.exitCode == 0, describe(run).constData());
        QVERIFY(object(run).value(u"rows"_s).toInteger() < m_simulatedRows);
        QVERIFY(object(run).value(u"rows"_s).toInteger() > 0);

        // Human output says what happened.
        run = ok({u"cdr"_s, u"sync"_s, u"--from"_s, u"2025-03-01"_s, u"--to"_s, u"2025-03-04"_s});
        QVERIFY2(run.out.contains("call records"), describe(run).constData());
    }

    void queryFiltersSortsAndCounts()
    {
        CliRun run = ok({u"--json"_s, u"cdr"_s, u"query"_s, u"--limit"_s, u"7"_s, u"--sort"_s, u"duration_s:desc"_s,
                         u"--min-duration"_s, u"60"_s});
        QVERIFY2(run.exitCode == 0, describe(run).constData());
        const QJsonObject answer = object(run);
        const QJsonArray rows = answer.value(u"rows"_s).toArray();
        QCOMPARE(rows.size(), 7);
        QVERIFY(answer.value(u"total"_s).toInteger() >= 7);
        QVERIFY(answer.value(u"total"_s).toInteger() <= m_simulatedRows);
        QVERIFY(answer.contains(u"first_page_ms"_s));
        QVERIFY(answer.contains(u"count_ms"_s));
        for (qsizetype i = 1; i < rows.size(); ++i)
            QVERIFY(rows.at(i - 1)[u"duration_s"].toDouble() >= rows.at(i)[u"duration_s"].toDouble());
        QVERIFY(rows.at(0)[u"connect"].toString().endsWith(u'Z'));

        run = ok({u"--json"_s, u"cdr"_s, u"query"_s});
        QCOMPARE(object(run).value(u"total"_s).toInteger(), m_simulatedRows);
        const QString role = object(run).value(u"rows"_s).toArray().at(0)[u"role"].toString();
        run = ok({u"--json"_s, u"cdr"_s, u"query"_s, u"--role"_s, role, u"--limit"_s, u"100000"_s});
        const QJsonArray sameRole = object(run).value(u"rows"_s).toArray();
        QCOMPARE(sameRole.size(), object(run).value(u"total"_s).toInteger());
        for (const auto &row : sameRole)
            QCOMPARE(row[u"role"].toString(), role);

        run = ok({u"cdr"_s, u"query"_s, u"--limit"_s, u"3"_s});
        QVERIFY2(run.exitCode == 0 && run.out.contains("SESSION"), describe(run).constData());
    }

    void exportEscapesFormulasByDefault()
    {
        QJsonObject evil = cdrRow(CdrRowSpec()
                                      .withCdrId(u"evil-1"_s)
                                      .withConf(u"999999"_s)
                                      .withName(u"=HYPERLINK(\"http://x\",\"y\")"_s)
                                      .withRef(u"+1, \"quoted\""_s));
        QVERIFY(ingestIntoCliStore({evil}));

        const QString csvPath = m_out.filePath(u"out.csv"_s);
        CliRun run = ok({u"--json"_s, u"cdr"_s, u"export"_s, u"--format"_s, u"csv"_s, u"--conf"_s, u"999999"_s,
                         u"--output"_s, csvPath});
        QVERIFY2(run.exitCode == 0, describe(run).constData());
        QCOMPARE(object(run).value(u"rows"_s).toInteger(), 1);
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QVERIFY(lines.at(0).startsWith("id,cdr_id,conf_num,"));
        QVERIFY(lines.at(0).endsWith("\r"));
        QVERIFY2(lines.at(1).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'+1, \"\"quoted\"\"\","),
                 lines.at(1).constData());
        QVERIFY(lines.at(1).contains(",2025-01-10T09:31:05.120Z,"));
        csv.close();

        run = ok({u"cdr"_s, u"export"_s, u"--format"_s, u"csv"_s, u"--conf"_s, u"999999"_s, u"--no-escape-formulas"_s,
                  u"--output"_s, csvPath});
        QVERIFY2(run.exitCode == 0, describe(run).constData());
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readAll().contains(",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"+1, \"\"quoted\"\"\","));
    }

    void exportJsonIsOneArrayOfEveryFilteredRow()
    {
        const QString path = m_out.filePath(u"all.json"_s);
        CliRun run = ok({u"--json"_s, u"cdr"_s, u"export"_s, u"--format"_s, u"json"_s, u"--from"_s, u"2025-03-01"_s,
                         u"--to"_s, u"2025-03-04"_s, u"--output"_s, path});
        QVERIFY2(run.exitCode == 0, describe(run).constData());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document.array().size(), m_simulatedRows);
        QCOMPARE(object(run).value(u"rows"_s).toInteger(), m_simulatedRows);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("sync without a period") << QStringList{u"cdr"_s, u"sync"_s};
        QTest::newRow("bad day") << QStringList{u"cdr"_s,      u"sync"_s, u"--from"_s,
                                                u"2025-3-1"_s, u"--to"_s, u"2025-03-02"_s};
        QTest::newRow("to before from") << QStringList{u"cdr"_s,        u"query"_s, u"--from"_s,
                                                       u"2025-03-02"_s, u"--to"_s,  u"2025-03-01"_s};
        QTest::newRow("unknown sort") << QStringList{u"cdr"_s, u"query"_s, u"--sort"_s, u"raw_json"_s};
        QTest::newRow("bad direction") << QStringList{u"cdr"_s, u"query"_s, u"--sort"_s, u"name:up"_s};
        QTest::newRow("export without format") << QStringList{u"cdr"_s, u"export"_s, u"--output"_s, u"x.csv"_s};
        QTest::newRow("unknown option") << QStringList{u"cdr"_s, u"query"_s, u"--colour"_s, u"red"_s};
        QTest::newRow("unknown action") << QStringList{u"cdr"_s, u"purge"_s};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const CliRun run = m_cli->run(arguments);
        QVERIFY2(run.exitCode == 2, describe(run).constData());
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCdrCli)
#include "tst_cdrcli.moc"
