#include "CdrTestRows.h"
#include "domain/CdrRowParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace confero;
using namespace confero::test;
using namespace Qt::StringLiterals;

class TestCdrRow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wellFormedRow()
    {
        CdrRowSpec spec;
        spec.cdrId = u"65a0f1"_s;
        spec.callNum = u"2"_s;
        spec.callLogId = u"log-7"_s;
        const CdrRow row = CdrRowParser::parse(cdrRow(spec));
        QVERIFY2(row.problems.isEmpty(), qPrintable(row.problems.join(u"; "_s)));
        QCOMPARE(row.cdrId, u"65a0f1"_s);
        QCOMPARE(row.confNum, u"913"_s);
        QCOMPARE(row.roomId, u"65a0e1f2c3d4e5f6a7b8c9d0"_s);
        QCOMPARE(row.roomName, u"Daily stand-up"_s);
        QCOMPARE(row.name, u"Alice"_s);
        QCOMPARE(row.userRef, u"u-1"_s);
        QCOMPARE(row.role, u"participant"_s);
        QCOMPARE(row.connectMs, spec.connect.toMSecsSinceEpoch());
        QCOMPARE(row.disconnectMs, spec.disconnect.toMSecsSinceEpoch());
        QCOMPARE(row.durationS, 1805.86);
        QCOMPARE(row.key(), u"id:65a0f1"_s);
        QCOMPARE(row.naturalKey(), u"64f0c0ffee0000000000a11d|913|2|log-7"_s);
    }

    void keyFallsBackToNaturalKeyThenHash()
    {
        CdrRowSpec spec;
        spec.callNum = u"2"_s;
        QVERIFY(CdrRowParser::parse(cdrRow(spec)).key().startsWith(u"nk:"_s));
        spec.callNum.clear();
        const CdrRow row = CdrRowParser::parse(cdrRow(spec));
        QVERIFY(row.naturalKey().isEmpty());
        QCOMPARE(row.key(), u"h:"_s + QString::fromLatin1(row.rowSha256));
        QCOMPARE(row.rowSha256.size(), 64);
        // The hash leaves cdr_id out: the same row with its cdr_id hashes the same.
        spec.cdrId = u"c-1"_s;
        QCOMPARE(CdrRowParser::parse(cdrRow(spec)).rowSha256, row.rowSha256);
    }

    void classicStringsAndNumbers()
    {
        // The classic schema: booleans as strings, numbers as strings, result "0".
        QJsonObject object = cdrRow({});
        object.insert(u"conf_num"_s, 913);
        QJsonObject room = object.value(u"room").toObject();
        room.insert(u"duration"_s, u"9999.5"_s);
        QJsonObject details = room.value(u"room_details").toObject();
        details.insert(u"settings"_s, QJsonObject{{u"auto_recording"_s, u"true"_s}});
        room.insert(u"room_details"_s, details);
        object.insert(u"room"_s, room);
        object.insert(u"published_track"_s,
                      QJsonObject{{u"audio"_s, u"true"_s}, {u"video"_s, u"false"_s}, {u"url"_s, u"rtmp://x"_s}});
        object.insert(u"usage"_s, QJsonObject{{u"published_minutes"_s, u"12.5"_s}});
        const CdrRow row = CdrRowParser::parse(object);
        QVERIFY2(row.problems.isEmpty(), qPrintable(row.problems.join(u"; "_s)));
        QCOMPARE(row.confNum, u"913"_s);
        QCOMPARE(row.durationS, 9999.5);
        QVERIFY(row.recorded);
        QCOMPARE(row.publishedMinutes, 12.5);
    }

    void malformedFieldsAreReportedAndTheRestKept()
    {
        QJsonObject object = cdrRow({});
        QJsonObject room = object.value(u"room").toObject();
        room.remove(u"connect_dt"_s);
        room.insert(u"disconnect_dt"_s, u"yesterday"_s);
        room.insert(u"duration"_s, QJsonArray{1});
        object.insert(u"room"_s, room);
        object.insert(u"published_track"_s, QJsonObject{{u"audio"_s, u"maybe"_s}});
        object.insert(u"user"_s, QJsonObject{{u"name"_s, 42}, {u"role"_s, QJsonObject{}}, {u"ref"_s, u"u-9"_s}});
        object.insert(u"surprise"_s, QJsonObject{{u"new_field"_s, true}});
        const CdrRow row = CdrRowParser::parse(object);
        const QString problems = row.problems.join(u"\n"_s);
        QVERIFY2(problems.contains(u"room.connect_dt: missing"_s), qPrintable(problems));
        QVERIFY2(problems.contains(u"room.disconnect_dt: not a date (\"yesterday\")"_s), qPrintable(problems));
        QVERIFY2(problems.contains(u"room.duration: not a number"_s), qPrintable(problems));
        QVERIFY2(problems.contains(u"published_track.audio: not true or false"_s), qPrintable(problems));
        QVERIFY2(problems.contains(u"user.role: not text"_s), qPrintable(problems));
        QCOMPARE(row.problems.size(), 5);
        // What could be read is kept, and so is every field in the raw row.
        QCOMPARE(row.name, u"42"_s);
        QCOMPARE(row.userRef, u"u-9"_s);
        QCOMPARE(row.roomId, u"65a0e1f2c3d4e5f6a7b8c9d0"_s);
        QCOMPARE(row.connectMs, 0);
        const QJsonObject raw = QJsonDocument::fromJson(row.rawJson).object();
        QCOMPARE(raw.value(u"surprise"_s).toObject().value(u"new_field"_s).toBool(), true);
    }

    void missingEverything()
    {
        const CdrRow row = CdrRowParser::parse(QJsonObject{{u"conf_num"_s, u"1"_s}});
        QVERIFY(row.problems.contains(u"room: missing"_s));
        QVERIFY(row.problems.contains(u"user: missing"_s));
        QCOMPARE(row.confNum, u"1"_s);
    }

    void windowWithANonObjectRowKeepsTheRest()
    {
        const QJsonArray window{cdrRow({}), u"garbage"_s, QJsonValue(), cdrRow({})};
        const QList<CdrRow> rows = CdrRowParser::parse(window);
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows.at(0).problems.isEmpty());
        QCOMPARE(rows.at(1).problems, QStringList{u"row 2 is not an object"_s});
        QCOMPARE(rows.at(1).rawJson, QByteArray("\"garbage\""));
        QCOMPARE(rows.at(2).problems, QStringList{u"row 3 is not an object"_s});
        QVERIFY(rows.at(3).problems.isEmpty());
    }

    void isoTimesAgreeWithQDateTime()
    {
        QRandomGenerator random(7);
        for (int i = 0; i < 2000; ++i) {
            const qint64 ms = static_cast<qint64>(random.bounded(4'000'000'000.0)) * 1000 + random.bounded(1000);
            const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
            QCOMPARE(CdrRowParser::parseIsoUtcMs(time.toString(Qt::ISODateWithMs)), std::optional<qint64>(ms));
        }
        QCOMPARE(CdrRowParser::parseIsoUtcMs(u"2025-01-10 09:31:05"), std::optional<qint64>(1736501465000));
        QCOMPARE(CdrRowParser::parseIsoUtcMs(u"2025-01-10T11:31:05.5+02:00"), std::optional<qint64>(1736501465500));
        QCOMPARE(CdrRowParser::parseIsoUtcMs(u"2024-02-29T00:00:00Z"), std::optional<qint64>(1709164800000));
        QCOMPARE(CdrRowParser::parseIsoUtcMs(u"1969-12-31T23:59:59Z"), std::optional<qint64>(-1000));
        QVERIFY(!CdrRowParser::parseIsoUtcMs(u""));
        QVERIFY(!CdrRowParser::parseIsoUtcMs(u"2025-13-10T00:00:00Z"));
        QVERIFY(!CdrRowParser::parseIsoUtcMs(u"2025-01-10T00:00:00Zjunk"));
        QVERIFY(!CdrRowParser::parseIsoUtcMs(u"2025-01-10T00:00:00."));
        QVERIFY(!CdrRowParser::parseIsoUtcMs(u"2025-01-10"));
    }
};

QTEST_GUILESS_MAIN(TestCdrRow)
#include "tst_cdrrow.moc"
