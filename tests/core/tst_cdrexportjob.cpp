#include "CdrTestRows.h"
#include "domain/CdrRowParser.h"
#include "export/CdrExportJob.h"
#include "store/CdrIngest.h"
#include "store/Store.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

// CdrExportJob over a real SQLite store: the rows a filter selects, streamed on the job's thread
// into "<file>.part" and renamed when complete; progress from the count; cancel and write errors
// leave no part file and an existing target as it was.
class TestCdrExportJob : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Store m_store;
    qint64 m_projectId = 0;
    static constexpr int kRows = 2000;

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static void write(const QString &path, const QByteArray &data)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(data), data.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_store.open(m_dir.filePath(u"export.sqlite"_s)));
        QSqlQuery query(m_store.database());
        QVERIFY(query.exec(u"INSERT INTO projects (name, api_base_url, app_id, is_sandbox, created_at) "
                           "VALUES ('P', 'http://127.0.0.1/', 'app', 0, 0)"_s));
        QVERIFY(query.exec(u"SELECT id FROM projects"_s) && query.next());
        m_projectId = query.value(0).toLongLong();
        QJsonArray rows;
        const QDateTime start(QDate(2025, 5, 1), QTime(8, 0), QTimeZone::utc());
        for (int i = 0; i < kRows; ++i) {
            // Every tenth name starts with "=", which a spreadsheet would run.
            rows.append(cdrRow(CdrRowSpec()
                                   .withCdrId(u"x-%1"_s.arg(i))
                                   .withConf(QString::number(i / 20))
                                   .withName(i % 10 == 0 ? u"=Person %1"_s.arg(i) : u"Person %1"_s.arg(i))
                                   .during(start.addSecs(i * 60), start.addSecs(i * 60 + 45))));
        }
        CdrIngest ingest(m_store.database(), m_projectId);
        QVERIFY(ingest.ingest(CdrRowParser::parse(rows)));
    }

    void csvOfTheFilteredRowsWithProgress()
    {
        const QString path = m_dir.filePath(u"conf.csv"_s);
        CdrExportJob job(&m_store, m_projectId);
        QSignalSpy progress(&job, &CdrExportJob::progressed);
        QSignalSpy done(&job, &CdrExportJob::succeeded);
        QSignalSpy failed(&job, &CdrExportJob::failed);
        CdrExportJob::Request request;
        request.filter.confNum = u"7"_s; // rows 140..159
        request.options.pageSize = 8;
        request.path = path;
        QVERIFY(job.start(request));
        QVERIFY(job.isRunning());
        QVERIFY(!job.start(request)); // one at a time
        QVERIFY2(done.wait(30000), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(!job.isRunning());
        QCOMPARE(done.first().at(0).toLongLong(), 20);
        QCOMPARE(done.first().at(1).toString(), path);
        // The count first, then a report after each page of 8: 8, 16, 20.
        QCOMPARE(progress.size(), 4);
        QCOMPARE(progress.at(0), (QVariantList{0, 20}));
        QCOMPARE(progress.at(1), (QVariantList{8, 20}));
        QCOMPARE(progress.at(3), (QVariantList{20, 20}));
        QVERIFY(!QFile::exists(CdrExportJob::partPath(path)));
        const QList<QByteArray> lines = read(path).split('\n');
        QCOMPARE(lines.size(), 22); // header, 20 rows, nothing after the last CRLF
        QVERIFY(lines.at(1).contains(",'=Person 140,")); // escaped by default
        QVERIFY(lines.at(2).contains(",Person 141,"));
        QVERIFY(lines.at(20).contains(",Person 159,"));
    }

    void jsonReplacesAnExistingFile()
    {
        const QString path = m_dir.filePath(u"all.json"_s);
        write(path, "old");
        CdrExportJob job(&m_store, m_projectId);
        QSignalSpy done(&job, &CdrExportJob::succeeded);
        CdrExportJob::Request request;
        request.options.format = CdrExporter::Format::Json;
        request.path = path;
        QVERIFY(job.start(request));
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().at(0).toLongLong(), kRows);
        const QJsonArray array = QJsonDocument::fromJson(read(path)).array();
        QCOMPARE(array.size(), kRows);
        QCOMPARE(array.at(10)[u"name"].toString(), u"=Person 10"_s); // JSON is data, not a sheet
    }

    // Cancelled before the first page is read (one row a page, so the export cannot finish first):
    // no part file, and the file that was there is untouched.
    void cancelLeavesTheTargetAlone()
    {
        const QString path = m_dir.filePath(u"keep.csv"_s);
        write(path, "previous export");
        CdrExportJob job(&m_store, m_projectId);
        QSignalSpy cancelled(&job, &CdrExportJob::cancelled);
        QSignalSpy done(&job, &CdrExportJob::succeeded);
        CdrExportJob::Request request;
        request.options.pageSize = 1;
        request.path = path;
        QVERIFY(job.start(request));
        job.cancel();
        QVERIFY(cancelled.wait(30000));
        QVERIFY(done.isEmpty());
        QCOMPARE(read(path), QByteArray("previous export"));
        QVERIFY(!QFile::exists(CdrExportJob::partPath(path)));
    }

    // Destroying a running job stops it and cleans up without signalling.
    void destroyedWhileRunning()
    {
        const QString path = m_dir.filePath(u"gone.csv"_s);
        {
            CdrExportJob job(&m_store, m_projectId);
            CdrExportJob::Request request;
            request.options.pageSize = 1;
            request.path = path;
            QVERIFY(job.start(request));
        }
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(CdrExportJob::partPath(path)));
    }

    void unwritableFolderInWords()
    {
        CdrExportJob job(&m_store, m_projectId);
        QSignalSpy failed(&job, &CdrExportJob::failed);
        CdrExportJob::Request request;
        request.path = m_dir.filePath(u"no/such/folder/out.csv"_s);
        QVERIFY(job.start(request));
        QVERIFY(failed.wait(30000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.startsWith(u"Could not create "_s), qPrintable(message));
        QVERIFY2(message.contains(u"out.csv.part"_s), qPrintable(message));
        QVERIFY2(message.contains(u"Choose a folder you can write to."_s), qPrintable(message));
    }

    // A full disk: the part file is a link to /dev/full, whose every write fails with ENOSPC.
    void diskFullInWords()
    {
        if (!QFileInfo::exists(u"/dev/full"_s))
            QSKIP("no /dev/full here");
        const QString path = m_dir.filePath(u"full.csv"_s);
        write(path, "earlier");
        QVERIFY(QFile::link(u"/dev/full"_s, CdrExportJob::partPath(path)));
        CdrExportJob job(&m_store, m_projectId);
        QSignalSpy failed(&job, &CdrExportJob::failed);
        CdrExportJob::Request request;
        request.path = path;
        QVERIFY(job.start(request));
        QVERIFY(failed.wait(30000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.startsWith(u"The disk is full: "_s), qPrintable(message));
        QVERIFY2(message.endsWith(u"Free some space or choose another folder."_s), qPrintable(message));
        QCOMPARE(read(path), QByteArray("earlier"));
        QVERIFY(!QFileInfo(CdrExportJob::partPath(path)).isSymLink());
        QVERIFY(QFileInfo::exists(u"/dev/full"_s));
    }

    // A write the operating system refuses half-way (here the process's file size limit, EFBIG;
    // a full disk goes the same way with its own words): the error in words, no part file, and
    // the previous file untouched.
    void writeRefusedHalfWay()
    {
        const QString path = m_dir.filePath(u"limited.csv"_s);
        write(path, "before");
        rlimit previous{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &previous), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = previous;
        limited.rlim_cur = 64 * 1024; // the full export is about 400 KB
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
        CdrExportJob job(&m_store, m_projectId);
        QSignalSpy failed(&job, &CdrExportJob::failed);
        CdrExportJob::Request request;
        request.path = path;
        QVERIFY(job.start(request));
        const bool answered = failed.wait(60000);
        setrlimit(RLIMIT_FSIZE, &previous);
        std::signal(SIGXFSZ, oldHandler);
        QVERIFY(answered);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.startsWith(u"Could not write "_s) && message.contains(u"limited.csv.part: "_s),
                 qPrintable(message));
        QVERIFY2(message.contains(u"too large"_s, Qt::CaseInsensitive), qPrintable(message));
        QCOMPARE(read(path), QByteArray("before"));
        QVERIFY(!QFile::exists(CdrExportJob::partPath(path)));
    }
};

QTEST_GUILESS_MAIN(TestCdrExportJob)
#include "tst_cdrexportjob.moc"
