#include "CdrTestRows.h"
#include "domain/CdrRowParser.h"
#include "export/CdrExporter.h"
#include "export/CsvWriter.h"
#include "store/CdrIngest.h"
#include "store/Store.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

// CdrExporter over a real SQLite store: pages streamed in order, progress, cancel, empty results.
class TestCdrExporter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Store m_store;
    qint64 m_projectId = 0;

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
        for (int i = 0; i < 250; ++i) {
            rows.append(cdrRow(CdrRowSpec()
                                   .withCdrId(u"e-%1"_s.arg(i))
                                   .withConf(QString::number(i / 10))
                                   .withName(u"Person %1"_s.arg(i))
                                   .during(start.addSecs(i * 60), start.addSecs(i * 60 + 30))));
        }
        CdrIngest ingest(m_store.database(), m_projectId);
        QVERIFY(ingest.ingest(CdrRowParser::parse(rows)));
    }

    void csvInPagesWithProgress()
    {
        CdrQuery query(&m_store, m_projectId);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CdrExporter::Options options;
        options.pageSize = 100;
        QList<qint64> progress;
        const StoreResult<qint64> written =
            CdrExporter::write(query, {}, {}, &buffer, options, [&progress](qint64 n) { progress.append(n); });
        QVERIFY(written);
        QCOMPARE(written.value(), 250);
        QCOMPARE(progress, (QList<qint64>{100, 200, 250}));
        const QList<QByteArray> lines = buffer.data().split('\n');
        QCOMPARE(lines.size(), 252); // header, 250 rows, and the empty rest after the last CRLF
        QCOMPARE(lines.at(0), CdrExporter::columns().join(u',').toUtf8() + '\r');
        QVERIFY(lines.at(1).contains(",Person 0,"));
        QVERIFY(lines.at(1).contains(",2025-05-01T08:00:00.000Z,2025-05-01T08:00:30.000Z,30,"));
        QVERIFY(lines.at(250).contains(",Person 249,"));
    }

    // Every exported line is what the cells and CsvWriter::writeRow make of the stored row; times
    // are Qt's own ISO text, at the edges of days, months, leap years and the 9999 limit too.
    void csvLinesAreTheCellsAndTimesAreQtsText()
    {
        CdrQuery query(&m_store, m_projectId);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(CdrExporter::write(query, {}, {}, &buffer, CdrExporter::Options{}));
        const StoreResult<CdrPage> page = query.page({}, {}, 1000);
        QVERIFY(page);
        QBuffer expected;
        expected.open(QIODevice::WriteOnly);
        CsvWriter csv(&expected, true);
        QVERIFY(csv.writeRow(CdrExporter::columns()));
        for (const CdrStoredRow &row : page.value().rows)
            QVERIFY(csv.writeRow(CdrExporter::toCells(row)));
        QCOMPARE(buffer.data(), expected.data());

        auto qtText = [](qint64 ms) {
            return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"_s);
        };
        QList<qint64> times{1,
                            999,
                            86'399'999,
                            86'400'000,
                            951'782'400'000 /* 2000-02-29 */,
                            4'107'542'399'999 /* 2100-02-28T23:59:59.999 */,
                            253'402'300'799'999,
                            253'402'300'800'000,
                            -1,
                            -86'400'001};
        QRandomGenerator random(7);
        for (int i = 0; i < 20'000; ++i)
            times.append(qint64(random.generate64() % 253'402'300'800'000ULL));
        for (const qint64 ms : std::as_const(times))
            QCOMPARE(CdrExporter::isoTime(ms), qtText(ms));
        QCOMPARE(CdrExporter::isoTime(0), QString());
    }

    void jsonSortedAndFiltered()
    {
        CdrQuery query(&m_store, m_projectId);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CdrExporter::Options options;
        options.format = CdrExporter::Format::Json;
        options.pageSize = 7;
        CdrFilter filter;
        filter.confNum = u"3"_s;
        CdrSort sort;
        sort.column = u"name"_s;
        sort.descending = true;
        const StoreResult<qint64> written = CdrExporter::write(query, filter, sort, &buffer, options);
        QVERIFY(written);
        QCOMPARE(written.value(), 10);
        const QJsonArray array = QJsonDocument::fromJson(buffer.data()).array();
        QCOMPARE(array.size(), 10);
        QCOMPARE(array.first()[u"name"].toString(), u"Person 39"_s);
        QCOMPARE(array.last()[u"name"].toString(), u"Person 30"_s);
    }

    void nothingSelected()
    {
        CdrQuery query(&m_store, m_projectId);
        CdrFilter filter;
        filter.roomId = u"no-such-room"_s;
        QBuffer json;
        json.open(QIODevice::WriteOnly);
        CdrExporter::Options options;
        options.format = CdrExporter::Format::Json;
        QCOMPARE(CdrExporter::write(query, filter, {}, &json, options).value(), 0);
        QCOMPARE(json.data(), QByteArray("[]\n"));
        QBuffer csv;
        csv.open(QIODevice::WriteOnly);
        QCOMPARE(CdrExporter::write(query, filter, {}, &csv, {}).value(), 0);
        QCOMPARE(csv.data(), CdrExporter::columns().join(u',').toUtf8() + "\r\n");
    }

    void cancelStopsBetweenPages()
    {
        CdrQuery query(&m_store, m_projectId);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        CdrExporter::Options options;
        options.pageSize = 50;
        std::atomic<bool> cancelled = false;
        const StoreResult<qint64> written = CdrExporter::write(
            query, {}, {}, &buffer, options, [&cancelled](qint64 n) { cancelled = n >= 100; }, &cancelled);
        QVERIFY(!written);
        QVERIFY2(written.error().message.contains(u"100"_s), qPrintable(written.error().message));
        QCOMPARE(buffer.data().count('\n'), 101);
    }
};

QTEST_GUILESS_MAIN(TestCdrExporter)
#include "tst_cdrexporter.moc"
