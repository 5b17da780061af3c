// ArchiveParser: the entry of video-api.md 6 read strictly; anything malformed refuses the answer
// with a sentence saying where.

#include "recordings/ArchiveParser.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using namespace confero;

class tst_ArchiveParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheDocumentedExample();
    void emptyAnswers_data();
    void emptyAnswers();
    void malformedAnswersAreRefused_data();
    void malformedAnswersAreRefused();
    void boundsAreEnforced();
};

void tst_ArchiveParser::readsTheDocumentedExample()
{
    const QByteArray json =
        R"({"result":"0","archive":[{"_id":"65a0f2","trans_date":"2025-01-10T10:20:00.000Z","conf_num":"913",
 "app_id":"64f0c0ffee0000000000a11d","room_id":"65a0e1f2c3d4e5f6a7b8c9d0",
 "recording":[{"url":"https://portal.enablex.io/rec/65a0e1f2/913/u1.mkv"},{"url":"https://portal.enablex.io/rec/65a0e1f2/913/u2.mkv"}],
 "transcoded":[{"url":"https://portal.enablex.io/rec/65a0e1f2/913/out.mp4"}],
 "chatdata":"https://portal.enablex.io/rec/65a0e1f2/913/chatdata.json",
 "metadata":"https://portal.enablex.io/rec/65a0e1f2/913/metadata.json"}]})";
    QString error;
    const std::optional<QList<ArchiveEntry>> entries = ArchiveParser::parseDocument(json, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 1);
    const ArchiveEntry &entry = entries->first();
    QCOMPARE(entry.id, u"65a0f2"_s);
    QCOMPARE(entry.confNum, u"913"_s);
    QCOMPARE(entry.roomId, u"65a0e1f2c3d4e5f6a7b8c9d0"_s);
    QCOMPARE(entry.appId, u"64f0c0ffee0000000000a11d"_s);
    QCOMPARE(entry.transDate, QDateTime(QDate(2025, 1, 10), QTime(10, 20), Qt::UTC));
    QCOMPARE(entry.files.size(), 5);
    QCOMPARE(entry.files.at(0).kind, ArchiveFile::Kind::Recording);
    QCOMPARE(entry.files.at(1).url.fileName(), u"u2.mkv"_s);
    QCOMPARE(entry.files.at(2).kind, ArchiveFile::Kind::Transcoded);
    QCOMPARE(entry.files.at(3).kind, ArchiveFile::Kind::ChatData);
    QCOMPARE(entry.files.at(4).kind, ArchiveFile::Kind::Metadata);
}

void tst_ArchiveParser::emptyAnswers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty array") << QByteArray(R"({"result":"0","archive":[]})");
    QTest::newRow("missing") << QByteArray(R"({"result":"0"})");
    QTest::newRow("null") << QByteArray(R"({"result":"0","archive":null})");
    QTest::newRow("entry without files") << QByteArray(
        R"({"archive":[{"room_id":"r","conf_num":7,"recording":null,"chatdata":""}]})");
}

void tst_ArchiveParser::emptyAnswers()
{
    QFETCH(QByteArray, json);
    QString error;
    const std::optional<QList<ArchiveEntry>> entries = ArchiveParser::parseDocument(json, &error);
    QVERIFY2(entries, qPrintable(error));
    for (const ArchiveEntry &entry : *entries) {
        QVERIFY(entry.files.isEmpty());
        QCOMPARE(entry.confNum, u"7"_s); // a number is read as its text
    }
}

void tst_ArchiveParser::malformedAnswersAreRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::newRow("not json") << QByteArray("{") << u"JSON"_s;
    QTest::newRow("archive an object") << QByteArray(R"({"archive":{}})") << u"not an array"_s;
    QTest::newRow("entry a string") << QByteArray(R"({"archive":["x"]})") << u"archive[0]"_s;
    QTest::newRow("no room") << QByteArray(R"({"archive":[{"conf_num":"1"}]})") << u"room_id"_s;
    QTest::newRow("no conf") << QByteArray(R"({"archive":[{"room_id":"r"}]})") << u"conf_num"_s;
    QTest::newRow("fractional conf") << QByteArray(R"({"archive":[{"room_id":"r","conf_num":1.5}]})") << u"conf_num"_s;
    QTest::newRow("recording an object") << QByteArray(R"({"archive":[{"room_id":"r","conf_num":"1","recording":{}}]})")
                                         << u"recording"_s;
    QTest::newRow("file without url") << QByteArray(R"({"archive":[{"room_id":"r","conf_num":"1","transcoded":[{}]}]})")
                                      << u"transcoded[0].url"_s;
    QTest::newRow("file scheme") << QByteArray(
        R"({"archive":[{"room_id":"r","conf_num":"1","transcoded":[{"url":"file:///etc/passwd"}]}]})")
                                 << u"http(s)"_s;
    QTest::newRow("relative url") << QByteArray(
        R"({"archive":[{"room_id":"r","conf_num":"1","chatdata":"chat.json"}]})")
                                  << u"chatdata"_s;
    QTest::newRow("bad time") << QByteArray(R"({"archive":[{"room_id":"r","conf_num":"1","trans_date":"yesterday"}]})")
                              << u"trans_date"_s;
    QTest::newRow("second entry") << QByteArray(R"({"archive":[{"room_id":"r","conf_num":"1"},{"room_id":"r"}]})")
                                  << u"archive[1]"_s;
}

void tst_ArchiveParser::malformedAnswersAreRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    QString error;
    QVERIFY(!ArchiveParser::parseDocument(json, &error));
    QVERIFY2(error.contains(where), qPrintable(error));
}

void tst_ArchiveParser::boundsAreEnforced()
{
    QJsonArray files;
    for (qsizetype i = 0; i <= ArchiveParser::MaxFilesPerEntry; ++i)
        files.append(QJsonObject{{u"url"_s, u"https://h/%1.mkv"_s.arg(i)}});
    QString error;
    QVERIFY(!ArchiveParser::parse(
        QJsonArray{QJsonObject{{u"room_id"_s, u"r"_s}, {u"conf_num"_s, u"1"_s}, {u"recording"_s, files}}}, &error));
    QVERIFY2(error.contains(u"more than"), qPrintable(error));

    const QString longUrl = u"https://h/"_s + QString(ArchiveParser::MaxUrlLength, u'a');
    QVERIFY(!ArchiveParser::parse(
        QJsonArray{QJsonObject{{u"room_id"_s, u"r"_s}, {u"conf_num"_s, u"1"_s}, {u"chatdata"_s, longUrl}}}, &error));
    QVERIFY2(error.contains(u"longer than"), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_ArchiveParser)
#include "tst_archiveparser.moc"
