// FaultInjector without sockets: which faults one request takes, and how counts run down.

#include "FaultInjector.h"

#include <QJsonArray>
#include <QtTest>

using namespace Qt::StringLiterals;
using confero::sandbox::Fault;
using confero::sandbox::FaultInjector;
using confero::sandbox::FaultPlan;

class TestFaultInjector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneRequestTakesALatencyAndAnOutcome();
    void countsRunDownAndMinusOneStays();
    void defaultsOfEachKind();
    void aSlowFaultPacesAlongsideTheOthers();
};

void TestFaultInjector::oneRequestTakesALatencyAndAnOutcome()
{
    FaultInjector faults;
    QString error;
    QVERIFY2(faults.replace(
                 QJsonObject{{u"faults"_s,
                              QJsonArray{QJsonObject{{u"kind"_s, u"latency"_s}, {u"ms"_s, 300}, {u"count"_s, 1}},
                                         QJsonObject{{u"kind"_s, u"status"_s}, {u"status"_s, 502}, {u"count"_s, 1}},
                                         QJsonObject{{u"kind"_s, u"rate_limit"_s}, {u"count"_s, 1}}}}},
                 &error),
             qPrintable(error));
    FaultPlan plan = faults.take(u"/video/v2/rooms"_s);
    QCOMPARE(plan.latencyMs, 300);
    QVERIFY(plan.outcome);
    QCOMPARE(plan.outcome->kind, Fault::Kind::Status);
    QCOMPARE(plan.outcome->status, 502);
    // The rate limit was not used up by the first request: it is the next one's.
    plan = faults.take(u"/video/v2/rooms"_s);
    QCOMPARE(plan.latencyMs, 0);
    QVERIFY(plan.outcome);
    QCOMPARE(plan.outcome->kind, Fault::Kind::RateLimit);
    plan = faults.take(u"/video/v2/rooms"_s);
    QVERIFY(!plan.outcome);
}

void TestFaultInjector::countsRunDownAndMinusOneStays()
{
    FaultInjector faults;
    QString error;
    QVERIFY(faults.replace(
        QJsonObject{{u"faults"_s,
                     QJsonArray{QJsonObject{{u"kind"_s, u"drop"_s}, {u"count"_s, -1}, {u"match"_s, u"/users"_s}}}}},
        &error));
    for (int i = 0; i < 50; ++i)
        QVERIFY(faults.take(u"/v1/rooms/65a0e1f2c3d4e5f6a7b8c9d0/users"_s).outcome);
    QVERIFY(!faults.take(u"/v1/rooms"_s).outcome);
    QCOMPARE(faults.toJson().at(0).toObject().value(u"applied"_s).toInt(), 50);
    QCOMPARE(faults.toJson().at(0).toObject().value(u"count"_s).toInt(), -1);
    faults.clear();
    QVERIFY(faults.isEmpty());
    QVERIFY(!faults.take(u"/v1/rooms/x/users"_s).outcome);
}

void TestFaultInjector::defaultsOfEachKind()
{
    QString error;
    const std::optional<Fault> status = Fault::fromJson({{u"kind"_s, u"status"_s}}, &error);
    QVERIFY(status);
    QCOMPARE(status->status, 503);
    QCOMPARE(status->result, 50000);
    QCOMPARE(status->count, 1);
    const std::optional<Fault> limit = Fault::fromJson({{u"kind"_s, u"rate_limit"_s}}, &error);
    QVERIFY(limit);
    QCOMPARE(limit->retryAfterSeconds, 1);
    const std::optional<Fault> drop = Fault::fromJson({{u"kind"_s, u"drop"_s}, {u"after_bytes"_s, u"10"_s}}, &error);
    QVERIFY(drop);
    QCOMPARE(drop->afterBytes, 10);
    QVERIFY(!Fault::fromJson({{u"kind"_s, u"latency"_s}}, &error));
    QVERIFY(error.contains(u"ms"_s));
}

void TestFaultInjector::aSlowFaultPacesAlongsideTheOthers()
{
    FaultInjector faults;
    QString error;
    QVERIFY2(faults.replace(QJsonObject{{u"faults"_s,
                                         QJsonArray{QJsonObject{{u"kind"_s, u"slow"_s},
                                                                {u"bytes_per_s"_s, 4096},
                                                                {u"match"_s, u"/files/"_s},
                                                                {u"count"_s, -1}},
                                                    QJsonObject{{u"kind"_s, u"slow"_s}, {u"bytes_per_s"_s, 1}},
                                                    QJsonObject{{u"kind"_s, u"drop"_s}, {u"after_bytes"_s, 7}}}}},
                            &error),
             qPrintable(error));
    // The first matching slow fault paces; a drop still applies beside it.
    FaultPlan plan = faults.take(u"/files/abc/r/1/transcoded.mp4"_s);
    QCOMPARE(plan.bytesPerSecond, qint64(4096));
    QVERIFY(plan.outcome);
    QCOMPARE(plan.outcome->kind, Fault::Kind::Drop);
    plan = faults.take(u"/files/abc/r/1/transcoded.mp4"_s);
    QCOMPARE(plan.bytesPerSecond, qint64(4096));
    QVERIFY(!plan.outcome);
    // Elsewhere only the unmatched one, once.
    QCOMPARE(faults.take(u"/video/v2/rooms"_s).bytesPerSecond, qint64(1));
    QCOMPARE(faults.take(u"/video/v2/rooms"_s).bytesPerSecond, qint64(0));
    QCOMPARE(faults.toJson().at(0).toObject().value(u"bytes_per_s"_s).toInteger(), qint64(4096));

    QVERIFY(!Fault::fromJson({{u"kind"_s, u"slow"_s}}, &error));
    QVERIFY2(error.contains(u"bytes_per_s"_s), qPrintable(error));
    QVERIFY(!Fault::fromJson({{u"kind"_s, u"slow"_s}, {u"bytes_per_s"_s, 0}}, &error));
    QVERIFY(!Fault::fromJson({{u"kind"_s, u"slow"_s}, {u"bytes_per_s"_s, 1.5}}, &error));
    QVERIFY(!Fault::fromJson({{u"kind"_s, u"sluggish"_s}}, &error));
    QVERIFY2(error.contains(u"\"slow\""_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestFaultInjector)
#include "TestFaultInjector.moc"
