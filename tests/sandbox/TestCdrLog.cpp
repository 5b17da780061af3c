// CdrLog, CdrRowWriter and CdrStreamDevice without sockets: timestamps against QDateTime, the
// window's edges, the state-file round trip, and a stream that keeps the rows it started with.

#include "CdrLog.h"
#include "CdrRowWriter.h"
#include "CdrStreamDevice.h"
#include "DeterministicRandom.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace confero::sandbox;

namespace {

constexpr qint64 HourMs = 3'600'000;

qint64 at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// A session in `log` of one room: one row per (connect, disconnect) pair.
void addSession(CdrLog &log, quint32 confNum, std::initializer_list<std::pair<qint64, qint64>> spans)
{
    const quint32 room = log.addRoom({"65a0e1f2c3d4e5f6a7b8c9d0", "Room", R"({"name":"Room"})"});
    std::vector<CdrRow> rows;
    for (const auto &[from, to] : spans) {
        CdrRow row;
        row.connectMs = from;
        row.durationMs = quint32(to - from);
        row.confNum = confNum;
        row.room = room;
        row.name = log.intern("Ann \"the\" \\ Tester\n");
        row.ref = log.intern("ann");
        row.agent = log.intern("okhttp/3.5.0");
        row.ip = 0xC0000207u;
        rows.push_back(row);
    }
    log.appendSession(std::move(rows));
}

QList<quint32> confsOf(const CdrLog &log, const std::vector<quint32> &sessions)
{
    QList<quint32> confs;
    for (const quint32 s : sessions)
        confs.append(log.sessions()[s].confNum);
    return confs;
}

QJsonArray streamed(const std::shared_ptr<const CdrLog> &log, const std::vector<quint32> &sessions)
{
    CdrSelection selection;
    selection.add(log, sessions);
    CdrStreamDevice device(std::move(selection), CdrRowWriter("app"));
    const QJsonDocument document = QJsonDocument::fromJson(device.readAllText());
    return document.object().value(u"cdr").toArray();
}

} // namespace

class TestCdrLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timestampsMatchQDateTime();
    void windowEdges();
    void sessionsStayOrderedByStart();
    void stateRoundTripKeepsRowsAndIds();
    void stringsAreEscaped();
    void aStreamKeepsTheRowsItBeganWith();
    void streamOfNothingIsAnEmptyList();
};

void TestCdrLog::timestampsMatchQDateTime()
{
    DeterministicRandom random(99);
    QList<qint64> samples{0, -1, 951782400000 /* 2000-02-29 */, 4102444799999 /* 2099-12-31T23:59:59.999 */,
                          -2208988800000 /* 1900-01-01 */};
    for (int i = 0; i < 2000; ++i)
        samples.append(qint64(random.next() % 8'000'000'000'000ull) - 2'000'000'000'000);
    for (const qint64 ms : samples) {
        QByteArray written;
        CdrRowWriter::appendTimestamp(written, ms);
        const QByteArray expected =
            '"' + QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s).toLatin1() + '"';
        QCOMPARE(written, expected);
    }
}

void TestCdrLog::windowEdges()
{
    CdrLog log;
    const qint64 day = at("2025-03-10T00:00:00.000Z");
    addSession(log, 1, {{day - 2 * HourMs, day - HourMs}}); // the day before
    addSession(log, 2, {{day - HourMs, day + HourMs}}); // crosses midnight into the day
    addSession(log, 3, {{day + 10 * HourMs, day + 11 * HourMs}}); // inside
    addSession(log, 4, {{day + 24 * HourMs - 1, day + 25 * HourMs}}); // starts in the day's last ms
    addSession(log, 5, {{day + 24 * HourMs, day + 25 * HourMs}}); // the next day
    const std::vector<quint32> picked = log.sessionsOverlapping(day, day + 24 * HourMs);
    QCOMPARE(confsOf(log, picked), (QList<quint32>{2, 3, 4}));
    QCOMPARE(confsOf(log, log.sessionsOverlapping(day, day + 24 * HourMs, "other-room")), QList<quint32>());
    QCOMPARE(confsOf(log, log.sessionsOfConference(4)), QList<quint32>{4});
    QCOMPARE(log.sessionsOfRoom("65a0e1f2c3d4e5f6a7b8c9d0").size(), std::size_t(5));
}

void TestCdrLog::sessionsStayOrderedByStart()
{
    // A long session that started first but ended last is inserted in its place, and a window is
    // still found by binary search across it.
    CdrLog log;
    const qint64 t = at("2025-01-01T12:00:00.000Z");
    addSession(log, 7, {{t + HourMs, t + 2 * HourMs}});
    addSession(log, 8, {{t, t + 30 * HourMs}, {t + 5 * HourMs, t + 6 * HourMs}});
    QCOMPARE(log.sessions().front().confNum, 8u);
    QCOMPARE(log.sessions().front().endMs, t + 30 * HourMs);
    QCOMPARE(confsOf(log, log.sessionsOverlapping(t + 29 * HourMs, t + 31 * HourMs)), QList<quint32>{8});
}

void TestCdrLog::stateRoundTripKeepsRowsAndIds()
{
    auto log = std::make_shared<CdrLog>(0x1234abcd);
    const qint64 t = at("2025-05-05T08:00:00.000Z");
    addSession(*log, 3, {{t, t + HourMs}, {t + 60'000, t + 120'000}});
    addSession(*log, 4, {{t + 2 * HourMs, t + 3 * HourMs}});
    QString error;
    const std::optional<CdrLog> loaded = CdrLog::fromJson(log->toJson(), &error);
    QVERIFY2(loaded, qPrintable(error));
    auto copy = std::make_shared<CdrLog>(*loaded);
    QCOMPARE(streamed(copy, {0, 1}), streamed(log, {0, 1}));

    QJsonObject broken = log->toJson();
    QJsonArray sessions = broken.value(u"sessions").toArray();
    QJsonObject first = sessions.first().toObject();
    first.remove(u"room_id"_s);
    sessions.replace(0, first);
    broken.insert(u"sessions"_s, sessions);
    QVERIFY(!CdrLog::fromJson(broken, &error));
    QVERIFY(error.contains(u"room_id"_s));
}

void TestCdrLog::stringsAreEscaped()
{
    auto log = std::make_shared<CdrLog>();
    addSession(*log, 1, {{0, 60'000}});
    const QJsonArray rows = streamed(log, {0});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().toObject().value(u"user").toObject().value(u"name").toString(), u"Ann \"the\" \\ Tester\n"_s);
    QCOMPARE(rows.first().toObject().value(u"user").toObject().value(u"ip").toString(), u"192.0.2.7"_s);
}

void TestCdrLog::aStreamKeepsTheRowsItBeganWith()
{
    auto log = std::make_shared<CdrLog>();
    const qint64 t = at("2025-05-05T08:00:00.000Z");
    for (quint32 conf = 1; conf <= 200; ++conf)
        addSession(*log, conf, {{t + conf * 60'000, t + conf * 60'000 + 30'000}});
    CdrSelection selection;
    selection.add(log, log->sessionsOverlapping(t, t + 24 * HourMs));
    CdrStreamDevice device(std::move(selection), CdrRowWriter("app"));
    QByteArray text = device.read(100);
    QCOMPARE(text.size(), 100);
    // The owner drops its copy (as a new simulation would); the stream still holds the old rows.
    log.reset();
    text += device.readAllText();
    const QJsonDocument document = QJsonDocument::fromJson(text);
    QVERIFY(!document.isNull());
    QCOMPARE(document.object().value(u"cdr").toArray().size(), 200);
    QVERIFY(device.read(10).isEmpty());
}

void TestCdrLog::streamOfNothingIsAnEmptyList()
{
    CdrStreamDevice device(CdrSelection(), CdrRowWriter("app"));
    QCOMPARE(device.readAllText(), R"({"result":"0","cdr":[]})"_ba);
}

QTEST_GUILESS_MAIN(TestCdrLog)
#include "TestCdrLog.moc"
