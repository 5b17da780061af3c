// The /cdr routes over real loopback sockets: both prefixes, the row schema of video-api.md 5.1,
// `result` as "0", the 1020x codes, bad dates, the window rule, the simulator (deterministic,
// sane distributions), rows of real sessions, simulated sessions, the state file and the drop fault.

#include "SandboxClient.h"
#include "SandboxServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using confero::sandbox::SandboxOptions;
using confero::sandbox::SandboxServer;
using confero::test::SandboxClient;

namespace {

const QString AppId = u"app-cdr"_s;
const QString AppKey = u"key-cdr-0123456789"_s;
const QString EndDate = u"2025-03-10"_s;

QJsonObject simulation(int days, int perDay, qint64 seed)
{
    return {{u"days"_s, days}, {u"sessions_per_day"_s, perDay}, {u"seed"_s, seed}, {u"end_date"_s, EndDate}};
}

QDateTime timeOf(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

// A row's connection length in seconds, from its own timestamps.
double connectionSeconds(const QJsonObject &row)
{
    const QJsonObject room = row.value(u"room").toObject();
    return double(timeOf(room.value(u"connect_dt")).msecsTo(timeOf(room.value(u"disconnect_dt")))) / 1000.0;
}

} // namespace

class TestSandboxCdr final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void everyRouteAnswersUnderBothPrefixes_data();
    void everyRouteAnswersUnderBothPrefixes();
    void rowsFollowTheSchema();
    void missingParametersHaveTheirCodes_data();
    void missingParametersHaveTheirCodes();
    void badDatesAreRefusedClearly_data();
    void badDatesAreRefusedClearly();
    void credentialsAreRequired();
    void windowsSelectWholeSessionsAndIncludeTheirLastDay();
    void simulatorIsDeterministicForASeed();
    void simulatedDistributionsAreSane();
    void realSessionPublishesRowsWhenItEnds();
    void consumeRefusesAnIpThatIsNotOne();
    void simulatedSessionEndsAtOnce();
    void simulateRequestsAreChecked_data();
    void simulateRequestsAreChecked();
    void realRowsSurviveARestartButSimulatedHistoryDoesNot();
    void resetForgetsCdr();
    void dropFaultCutsTheBodyAndTheRetryGetsItAll();

private:
    std::unique_ptr<SandboxServer> startServer(const QString &stateFile = {});
    void simulate(const QJsonObject &plan);
    QJsonArray rowsOf(const QString &path);
    QString createRoom(const QString &name);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxClient> m_client;
};

std::unique_ptr<SandboxServer> TestSandboxCdr::startServer(const QString &stateFile)
{
    SandboxOptions options;
    options.appId = AppId;
    options.appKey = AppKey;
    options.stateFile = stateFile;
    auto server = std::make_unique<SandboxServer>(options);
    QString error;
    if (!server->start(QHostAddress::LocalHost, 0, &error))
        qWarning("cannot start the sandbox: %s", qPrintable(error));
    return server;
}

void TestSandboxCdr::init()
{
    m_server = startServer();
    QVERIFY(m_server->port() != 0);
    m_client = std::make_unique<SandboxClient>(m_server->apiBaseUrl().adjusted(QUrl::RemovePath));
    m_client->setCredentials(AppId, AppKey);
}

void TestSandboxCdr::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void TestSandboxCdr::simulate(const QJsonObject &plan)
{
    const SandboxClient::Reply reply = m_client->sendJson("POST", u"/sandbox/cdr/simulate"_s, plan, false);
    QVERIFY2(reply.status == 200, reply.raw.constData());
    QVERIFY(reply.body.value(u"rows"_s).toInteger() > 0);
}

QJsonArray TestSandboxCdr::rowsOf(const QString &path)
{
    const SandboxClient::Reply reply = m_client->send("GET", path);
    if (reply.status != 200 || reply.body.value(u"result"_s) != QJsonValue(u"0"_s)) {
        qWarning("GET %s answered %d: %s", qPrintable(path), reply.status, reply.raw.left(300).constData());
        return {};
    }
    return reply.body.value(u"cdr"_s).toArray();
}

QString TestSandboxCdr::createRoom(const QString &name)
{
    const SandboxClient::Reply reply = m_client->sendJson(
        "POST", u"/video/v2/rooms"_s, {{u"name"_s, name}, {u"owner_ref"_s, u"o"_s}, {u"settings"_s, QJsonObject()}});
    return reply.body.value(u"room").toObject().value(u"room_id").toString();
}

void TestSandboxCdr::everyRouteAnswersUnderBothPrefixes_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::newRow("video/v2") << u"/video/v2"_s;
    QTest::newRow("v1") << u"/v1"_s;
}

void TestSandboxCdr::everyRouteAnswersUnderBothPrefixes()
{
    QFETCH(QString, prefix);
    simulate(simulation(3, 20, 11));
    const QJsonArray period = rowsOf(prefix + u"/cdr/period/2025-03-08/2025-03-10"_s);
    QVERIFY(!period.isEmpty());
    const QJsonObject first = period.first().toObject();
    const QString roomId = first.value(u"room").toObject().value(u"room_id").toString();
    const QString confNum = first.value(u"conf_num").toString();

    const QJsonArray room = rowsOf(prefix + u"/cdr/room/"_s + roomId);
    QVERIFY(!room.isEmpty());
    for (const auto &row : room)
        QCOMPARE(row.toObject().value(u"room").toObject().value(u"room_id").toString(), roomId);

    const QJsonArray roomPeriod = rowsOf(prefix + u"/cdr/room-period/"_s + roomId + u"/2025-03-08/2025-03-10"_s);
    QVERIFY(!roomPeriod.isEmpty());
    QVERIFY(roomPeriod.size() <= period.size());
    for (const auto &row : roomPeriod)
        QCOMPARE(row.toObject().value(u"room").toObject().value(u"room_id").toString(), roomId);
    // The third-party wrapper's form (video-api.md 10.1 item 5) gives the same rows.
    QCOMPARE(rowsOf(prefix + u"/cdr/room-period/"_s + roomId + u"/period/2025-03-08/2025-03-10"_s), roomPeriod);

    const QJsonArray conference = rowsOf(prefix + u"/cdr/conf/"_s + confNum);
    QVERIFY(!conference.isEmpty());
    for (const auto &row : conference)
        QCOMPARE(row.toObject().value(u"conf_num").toString(), confNum);

    // Nothing recorded: an empty list, still with result "0".
    const SandboxClient::Reply none = m_client->send("GET", prefix + u"/cdr/period/2019-01-01/2019-01-31"_s);
    QCOMPARE(none.status, 200);
    QCOMPARE(none.body.value(u"result"_s), QJsonValue(u"0"_s));
    QVERIFY(none.body.value(u"cdr"_s).isArray());
    QVERIFY(none.body.value(u"cdr"_s).toArray().isEmpty());
    QVERIFY(rowsOf(prefix + u"/cdr/room/no-such-room"_s).isEmpty());
    QVERIFY(rowsOf(prefix + u"/cdr/conf/987654321"_s).isEmpty());
}

void TestSandboxCdr::rowsFollowTheSchema()
{
    simulate(simulation(4, 25, 3));
    const QJsonArray rows = rowsOf(u"/video/v2/cdr/period/2025-03-07/2025-03-10"_s);
    QVERIFY(rows.size() > 50);
    static const QRegularExpression objectId(u"^[0-9a-f]{24}$"_s);
    static const QStringList roles{u"moderator"_s, u"participant"_s, u"viewer"_s, u"audience"_s};
    QSet<QString> cdrIds;
    int classic = 0;
    int newer = 0;
    for (const auto &value : rows) {
        const QJsonObject row = value.toObject();
        QVERIFY(timeOf(row.value(u"trans_date")).isValid());
        QVERIFY(row.value(u"conf_num").isString());
        QVERIFY(row.value(u"call_num").isString());
        QVERIFY(objectId.match(row.value(u"call_log_id").toString()).hasMatch());
        QVERIFY(objectId.match(row.value(u"cdr_id").toString()).hasMatch());
        cdrIds.insert(row.value(u"cdr_id").toString());
        QCOMPARE(row.value(u"app_id").toString(), AppId);

        const QJsonObject room = row.value(u"room").toObject();
        QVERIFY(objectId.match(room.value(u"room_id").toString()).hasMatch());
        QVERIFY(timeOf(room.value(u"connect_dt")).isValid());
        QVERIFY(timeOf(room.value(u"disconnect_dt")) >= timeOf(room.value(u"connect_dt")));
        QVERIFY(room.value(u"duration").isDouble());
        QVERIFY(qAbs(room.value(u"duration").toDouble() - connectionSeconds(row)) <= 1.0);
        QVERIFY(timeOf(row.value(u"trans_date")) >= timeOf(room.value(u"disconnect_dt")));

        const QJsonObject user = row.value(u"user").toObject();
        for (const char16_t *key : {u"ip", u"name", u"ref", u"agent", u"role"})
            QVERIFY2(user.value(key).isString() && !user.value(key).toString().isEmpty(),
                     qPrintable(QString::fromUtf16(key)));
        QVERIFY(roles.contains(user.value(u"role").toString()));

        const QJsonObject sigserver = row.value(u"sigserver").toObject();
        QVERIFY(timeOf(sigserver.value(u"connect_dt")) <= timeOf(room.value(u"connect_dt")));
        QVERIFY(sigserver.value(u"ip").isString());
        QVERIFY(sigserver.value(u"duration").isDouble());
        QVERIFY(sigserver.value(u"hold_duration").isDouble());

        const QJsonObject usage = row.value(u"usage").toObject();
        QVERIFY(usage.value(u"subscribed_minutes").isDouble());
        QVERIFY(usage.value(u"published_minutes").isDouble());
        QVERIFY(usage.value(u"published_minutes").toDouble() <= connectionSeconds(row) / 60.0 + 0.01);

        const QJsonObject track = row.value(u"published_track").toObject();
        QCOMPARE(track.size(), 5);
        if (track.value(u"audio").isString()) {
            ++classic;
            for (const auto &flag : track)
                QVERIFY(flag == QJsonValue(u"true"_s) || flag == QJsonValue(u"false"_s));
        } else {
            ++newer;
            for (const auto &flag : track)
                QVERIFY(flag.isBool());
            QVERIFY(row.value(u"sip").isBool());
            QVERIFY(room.value(u"room_details").toObject().value(u"name").isString());
            QVERIFY(qAbs(usage.value(u"connect_minutes").toDouble() - connectionSeconds(row) / 60.0) <= 0.01);
            QVERIFY(usage.value(u"connect_minutes_cal").toDouble() >= usage.value(u"connect_minutes").toDouble());
            const QJsonObject stats = row.value(u"stats_quality").toObject();
            const QJsonObject sendVideo = stats.value(u"send").toObject().value(u"video").toObject();
            QVERIFY(sendVideo.value(u"avg_bitrate").isDouble());
            const QString quality = sendVideo.value(u"avg_bitrate_quality").toString();
            QVERIFY(quality == u"Good" || quality == u"Bad");
            QVERIFY(stats.value(u"receive")
                        .toObject()
                        .value(u"video")
                        .toObject()
                        .value(u"bitrate_good_percent")
                        .isDouble());
        }
    }
    QCOMPARE(cdrIds.size(), rows.size());
    QVERIFY2(classic > 0 && newer > 0, "both row shapes occur");
}

void TestSandboxCdr::missingParametersHaveTheirCodes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("code");
    QTest::newRow("conf without number") << u"/video/v2/cdr/conf"_s << 10201;
    QTest::newRow("conf slash") << u"/v1/cdr/conf/"_s << 10201;
    QTest::newRow("conf not a number") << u"/video/v2/cdr/conf/abc"_s << 10205;
    QTest::newRow("room without id") << u"/video/v2/cdr/room/"_s << 10202;
    QTest::newRow("room-period without id") << u"/v1/cdr/room-period"_s << 10204;
    QTest::newRow("room-period without dates") << u"/video/v2/cdr/room-period/abc"_s << 10203;
    QTest::newRow("room-period without to") << u"/video/v2/cdr/room-period/abc/2025-01-01"_s << 10203;
    QTest::newRow("period without dates") << u"/video/v2/cdr/period"_s << 10203;
    QTest::newRow("period without to") << u"/v1/cdr/period/2025-01-01/"_s << 10203;
}

void TestSandboxCdr::missingParametersHaveTheirCodes()
{
    QFETCH(QString, path);
    QFETCH(int, code);
    const SandboxClient::Reply reply = m_client->send("GET", path);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), code);
    QVERIFY(!reply.body.value(u"desc").toString().isEmpty());
}

void TestSandboxCdr::badDatesAreRefusedClearly_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("named");
    QTest::newRow("month 13") << u"/video/v2/cdr/period/2025-13-01/2025-12-31"_s << u"2025-13-01"_s;
    QTest::newRow("no such day") << u"/video/v2/cdr/period/2025-02-01/2025-02-30"_s << u"2025-02-30"_s;
    QTest::newRow("short form") << u"/v1/cdr/period/2025-1-01/2025-01-31"_s << u"2025-1-01"_s;
    QTest::newRow("with a time") << u"/v1/cdr/period/2025-01-01/2025-01-31T10:00"_s << u"2025-01-31T10:00"_s;
    QTest::newRow("room-period words") << u"/video/v2/cdr/room-period/abc/yesterday/today"_s << u"yesterday"_s;
    QTest::newRow("end before start") << u"/video/v2/cdr/period/2025-02-01/2025-01-31"_s << u"2025-01-31"_s;
}

void TestSandboxCdr::badDatesAreRefusedClearly()
{
    QFETCH(QString, path);
    QFETCH(QString, named);
    const SandboxClient::Reply reply = m_client->send("GET", path);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.result(), 40010);
    QCOMPARE(reply.body.value(u"error").toString(), u"Invalid date"_s);
    QVERIFY2(reply.body.value(u"desc").toString().contains(named), reply.raw.constData());
}

void TestSandboxCdr::credentialsAreRequired()
{
    const SandboxClient::Reply reply =
        m_client->send("GET", u"/video/v2/cdr/period/2025-01-01/2025-01-02"_s, {}, false);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.result(), 10000);
}

void TestSandboxCdr::windowsSelectWholeSessionsAndIncludeTheirLastDay()
{
    simulate(simulation(6, 40, 21));
    const QJsonArray all = rowsOf(u"/video/v2/cdr/period/2025-03-05/2025-03-10"_s);
    QVERIFY(!all.isEmpty());
    QHash<QString, int> rowsPerConf;
    for (const auto &row : all)
        ++rowsPerConf[row.toObject().value(u"conf_num").toString()];

    QSet<QString> fromDays;
    bool crossingSeenTwice = false;
    QDate day(2025, 3, 5);
    for (; day <= QDate(2025, 3, 10); day = day.addDays(1)) {
        const QString date = day.toString(Qt::ISODate);
        // `to` is inclusive: a one-day window is that whole day.
        const QJsonArray rows = rowsOf(u"/video/v2/cdr/period/"_s + date + u'/' + date);
        QVERIFY(!rows.isEmpty());
        QHash<QString, int> perConf;
        QHash<QString, QPair<QDateTime, QDateTime>> span;
        for (const auto &value : rows) {
            const QJsonObject row = value.toObject();
            const QString conf = row.value(u"conf_num").toString();
            ++perConf[conf];
            const QJsonObject room = row.value(u"room").toObject();
            auto &[first, last] = span[conf];
            const QDateTime connect = timeOf(room.value(u"connect_dt"));
            const QDateTime disconnect = timeOf(room.value(u"disconnect_dt"));
            first = first.isValid() ? std::min(first, connect) : connect;
            last = last.isValid() ? std::max(last, disconnect) : disconnect;
            if (fromDays.contains(row.value(u"cdr_id").toString()))
                crossingSeenTwice = true;
        }
        const QDateTime dayStart(day, QTime(0, 0), Qt::UTC);
        const QDateTime dayEnd(day.addDays(1), QTime(0, 0), Qt::UTC);
        for (auto it = perConf.cbegin(); it != perConf.cend(); ++it) {
            // Whole sessions only: every row of a selected session comes along.
            QCOMPARE(it.value(), rowsPerConf.value(it.key()));
            // ... and only sessions that touch the day.
            QVERIFY(span[it.key()].first < dayEnd && span[it.key()].second >= dayStart);
        }
        for (const auto &value : rows)
            fromDays.insert(value.toObject().value(u"cdr_id").toString());
    }
    // Day windows together give exactly the long window, and a session crossing midnight UTC is
    // returned by the windows of both its days.
    QCOMPARE(fromDays.size(), all.size());
    QVERIFY2(crossingSeenTwice, "a session crossing midnight appears in two day windows");
}

void TestSandboxCdr::simulatorIsDeterministicForASeed()
{
    const QString path = u"/video/v2/cdr/period/2025-03-08/2025-03-10"_s;
    simulate(simulation(3, 15, 42));
    const QByteArray first = m_client->send("GET", path).raw;
    QVERIFY(first.size() > 1000);

    // Another sandbox (its own rooms, created from the seed) gives the same bytes.
    std::unique_ptr<SandboxServer> other = startServer();
    SandboxClient otherClient(other->apiBaseUrl().adjusted(QUrl::RemovePath));
    otherClient.setCredentials(AppId, AppKey);
    QCOMPARE(otherClient.sendJson("POST", u"/sandbox/cdr/simulate"_s, simulation(3, 15, 42), false).status, 200);
    QCOMPARE(otherClient.send("GET", path).raw, first);

    // Simulating again replaces the history; the same seed gives it back.
    simulate(simulation(3, 15, 43));
    const QByteArray different = m_client->send("GET", path).raw;
    QVERIFY(different.size() > 1000);
    QVERIFY(different != first);
    simulate(simulation(3, 15, 42));
    QCOMPARE(m_client->send("GET", path).raw, first);
}

void TestSandboxCdr::simulatedDistributionsAreSane()
{
    simulate(simulation(10, 60, 7));
    const QJsonArray rows = rowsOf(u"/video/v2/cdr/period/2025-03-01/2025-03-10"_s);
    QHash<QString, QSet<QString>> people;
    QHash<QString, int> connections;
    QHash<QString, QPair<QDateTime, QDateTime>> span;
    QSet<QString> roles;
    QSet<QString> agents;
    int rejoins = 0;
    QHash<QPair<QString, QString>, int> perUser;
    for (const auto &value : rows) {
        const QJsonObject row = value.toObject();
        const QString conf = row.value(u"conf_num").toString();
        const QJsonObject user = row.value(u"user").toObject();
        people[conf].insert(user.value(u"ref").toString());
        ++connections[conf];
        if (++perUser[{conf, user.value(u"ref").toString()}] == 2)
            ++rejoins;
        roles.insert(user.value(u"role").toString());
        agents.insert(user.value(u"agent").toString());
        const QJsonObject room = row.value(u"room").toObject();
        auto &[first, last] = span[conf];
        const QDateTime connect = timeOf(room.value(u"connect_dt"));
        const QDateTime disconnect = timeOf(room.value(u"disconnect_dt"));
        first = first.isValid() ? std::min(first, connect) : connect;
        last = last.isValid() ? std::max(last, disconnect) : disconnect;
    }
    QVERIFY(people.size() >= 590); // 600 sessions, a few of the first day's may start before the window

    QList<int> sizes;
    QList<qint64> lengths;
    int crossing = 0;
    int lateJoiners = 0;
    for (auto it = people.cbegin(); it != people.cend(); ++it) {
        const int n = int(it.value().size());
        QVERIFY2(n >= 2 && n <= 50, qPrintable(u"session %1 has %2 participants"_s.arg(it.key()).arg(n)));
        sizes.append(n);
        const auto &[first, last] = span.value(it.key());
        lengths.append(first.secsTo(last));
        if (first.date() != last.date())
            ++crossing;
    }
    for (const auto &value : rows) {
        const QJsonObject row = value.toObject();
        const QDateTime connect = timeOf(row.value(u"room").toObject().value(u"connect_dt"));
        const auto &[first, last] = span.value(row.value(u"conf_num").toString());
        if (first.secsTo(connect) > first.secsTo(last) / 4)
            ++lateJoiners;
    }
    std::sort(sizes.begin(), sizes.end());
    std::sort(lengths.begin(), lengths.end());
    // Most sessions are small, a few are large.
    QVERIFY2(sizes.at(sizes.size() / 2) <= 4, qPrintable(QString::number(sizes.at(sizes.size() / 2))));
    QVERIFY(sizes.last() >= 15);
    // Lognormal lengths: median near 25 minutes, a long right tail, nothing under 2 minutes.
    const qint64 median = lengths.at(lengths.size() / 2);
    QVERIFY2(median >= 15 * 60 && median <= 40 * 60, qPrintable(QString::number(median)));
    QVERIFY(lengths.first() >= 119);
    QVERIFY(lengths.last() >= 2 * 3600);
    QVERIFY2(rejoins >= 10, qPrintable(QString::number(rejoins)));
    QVERIFY2(crossing >= 3, qPrintable(QString::number(crossing)));
    QVERIFY(lateJoiners >= 20);
    QVERIFY(roles.contains(u"moderator"_s) && roles.contains(u"participant"_s) && roles.contains(u"viewer"_s));
    QVERIFY(agents.size() >= 5);
}

void TestSandboxCdr::realSessionPublishesRowsWhenItEnds()
{
    const QString roomId = createRoom(u"Real session"_s);
    QVERIFY(!roomId.isEmpty());
    const auto tokenFor = [&](const QString &ref, const QString &role) {
        return m_client
            ->sendJson("POST", u"/video/v2/rooms/"_s + roomId + u"/tokens"_s,
                       {{u"name"_s, QString(u"User "_s + ref)}, {u"role"_s, role}, {u"user_ref"_s, ref}})
            .body.value(u"token")
            .toString();
    };
    const QString agent = u"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"_s;
    const SandboxClient::Reply joined = m_client->sendJson(
        "POST", u"/sandbox/tokens/consume"_s,
        {{u"token"_s, tokenFor(u"alice"_s, u"moderator"_s)}, {u"agent"_s, agent}, {u"ip"_s, u"192.0.2.44"_s}}, false);
    QCOMPARE(joined.status, 200);
    const QString confNum = joined.body.value(u"conf_num").toString();
    QCOMPARE(
        m_client->sendJson("POST", u"/sandbox/tokens/consume"_s, {{u"token"_s, tokenFor(u"bob"_s, u"viewer"_s)}}, false)
            .status,
        200);
    const QDateTime joinedAt = m_server->clock().now();

    // Ten minutes pass on the sandbox clock; bob leaves, the session goes on: no rows yet.
    QCOMPARE(m_client->sendJson("POST", u"/sandbox/clock"_s, {{u"offset_s"_s, 600}}, false).status, 200);
    QCOMPARE(
        m_client
            ->sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}, {u"user_ref"_s, u"bob"_s}}, false)
            .status,
        200);
    QVERIFY(rowsOf(u"/video/v2/cdr/conf/"_s + confNum).isEmpty());

    // Alice leaves five minutes later: the session ends, one row per connection.
    QCOMPARE(m_client->sendJson("POST", u"/sandbox/clock"_s, {{u"offset_s"_s, 900}}, false).status, 200);
    QCOMPARE(
        m_client
            ->sendJson("POST", u"/sandbox/users/leave"_s, {{u"room_id"_s, roomId}, {u"user_ref"_s, u"alice"_s}}, false)
            .status,
        200);
    const QJsonArray rows = rowsOf(u"/v1/cdr/conf/"_s + confNum);
    QCOMPARE(rows.size(), 2);
    QHash<QString, QJsonObject> byRef;
    for (const auto &row : rows)
        byRef.insert(row.toObject().value(u"user").toObject().value(u"ref").toString(), row.toObject());
    const QJsonObject alice = byRef.value(u"alice"_s);
    const QJsonObject bob = byRef.value(u"bob"_s);
    QCOMPARE(alice.value(u"user").toObject().value(u"agent").toString(), agent);
    QCOMPARE(alice.value(u"user").toObject().value(u"ip").toString(), u"192.0.2.44"_s);
    QCOMPARE(alice.value(u"user").toObject().value(u"role").toString(), u"moderator"_s);
    QCOMPARE(bob.value(u"user").toObject().value(u"role").toString(), u"viewer"_s);
    QVERIFY(qAbs(connectionSeconds(alice) - 900) <= 5);
    QVERIFY(qAbs(connectionSeconds(bob) - 600) <= 5);
    QVERIFY(qAbs(timeOf(alice.value(u"room").toObject().value(u"connect_dt")).secsTo(joinedAt)) <= 5);
    QCOMPARE(alice.value(u"published_track").toObject().value(u"video"), QJsonValue(true));
    QCOMPARE(bob.value(u"published_track").toObject().value(u"video"), QJsonValue(false));
    QCOMPARE(bob.value(u"usage").toObject().value(u"published_minutes").toDouble(), 0.0);
    QCOMPARE(alice.value(u"room").toObject().value(u"room_details").toObject().value(u"name").toString(),
             u"Real session"_s);

    // The same rows through the room and period routes.
    QCOMPARE(rowsOf(u"/video/v2/cdr/room/"_s + roomId).size(), 2);
    const QString today = m_server->clock().now().toUTC().date().toString(Qt::ISODate);
    QCOMPARE(rowsOf(u"/video/v2/cdr/room-period/"_s + roomId + u'/' + today + u'/' + today).size(), 2);
}

void TestSandboxCdr::consumeRefusesAnIpThatIsNotOne()
{
    const QString roomId = createRoom(u"Addresses"_s);
    const QString token =
        m_client
            ->sendJson("POST", u"/video/v2/rooms/"_s + roomId + u"/tokens"_s,
                       {{u"name"_s, u"Eve"_s}, {u"role"_s, u"participant"_s}, {u"user_ref"_s, u"eve"_s}})
            .body.value(u"token")
            .toString();
    const SandboxClient::Reply refused = m_client->sendJson(
        "POST", u"/sandbox/tokens/consume"_s, {{u"token"_s, token}, {u"ip"_s, u"not-an-address"_s}}, false);
    QCOMPARE(refused.status, 400);
    QVERIFY(refused.body.value(u"desc").toString().contains(u"not-an-address"_s));
    // Refused before the token was looked at: it still joins.
    QCOMPARE(m_client->sendJson("POST", u"/sandbox/tokens/consume"_s, {{u"token"_s, token}}, false).status, 200);
}

void TestSandboxCdr::simulatedSessionEndsAtOnce()
{
    const QString roomId = createRoom(u"Simulated"_s);
    const SandboxClient::Reply reply = m_client->sendJson(
        "POST", u"/sandbox/sessions/simulate"_s,
        {{u"room_id"_s, roomId}, {u"participants"_s, 6}, {u"duration_s"_s, 1200}, {u"recorded"_s, false}}, false);
    QCOMPARE(reply.status, 200);
    const QString confNum = reply.body.value(u"conf_num").toString();
    QVERIFY(!confNum.isEmpty());
    const QJsonArray rows = rowsOf(u"/video/v2/cdr/conf/"_s + confNum);
    QVERIFY(rows.size() >= 6);
    QSet<QString> refs;
    double longest = 0;
    for (const auto &row : rows) {
        refs.insert(row.toObject().value(u"user").toObject().value(u"ref").toString());
        longest = std::max(longest, connectionSeconds(row.toObject()));
        QCOMPARE(row.toObject().value(u"room").toObject().value(u"room_id").toString(), roomId);
    }
    QCOMPARE(refs.size(), 6);
    QVERIFY(qAbs(longest - 1200) <= 1);
    // It ended: the room is idle and a second one gets the next conf_num.
    const SandboxClient::Reply next =
        m_client->sendJson("POST", u"/sandbox/sessions/simulate"_s, {{u"room_id"_s, roomId}}, false);
    QCOMPARE(next.status, 200);
    QCOMPARE(next.body.value(u"conf_num").toString().toInt(), confNum.toInt() + 1);
}

void TestSandboxCdr::simulateRequestsAreChecked_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("session: unknown room") << u"/sandbox/sessions/simulate"_s << R"({"room_id":"nope"})"_ba << 404;
    QTest::newRow("session: no room") << u"/sandbox/sessions/simulate"_s << R"({"participants":3})"_ba << 400;
    QTest::newRow("session: zero participants")
        << u"/sandbox/sessions/simulate"_s << R"({"room_id":"x","participants":0})"_ba << 400;
    QTest::newRow("cdr: no days") << u"/sandbox/cdr/simulate"_s << R"({"sessions_per_day":3})"_ba << 400;
    QTest::newRow("cdr: negative seed") << u"/sandbox/cdr/simulate"_s
                                        << R"({"days":1,"sessions_per_day":3,"seed":-1})"_ba << 400;
    QTest::newRow("cdr: bad end date") << u"/sandbox/cdr/simulate"_s
                                       << R"({"days":1,"sessions_per_day":3,"end_date":"2025-02-30"})"_ba << 400;
    QTest::newRow("cdr: too many") << u"/sandbox/cdr/simulate"_s << R"({"days":3650,"sessions_per_day":10000})"_ba
                                   << 400;
}

void TestSandboxCdr::simulateRequestsAreChecked()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const SandboxClient::Reply reply = m_client->send("POST", path, body, false);
    QCOMPARE(reply.status, status);
    QVERIFY(!reply.body.value(u"desc").toString().isEmpty());
}

void TestSandboxCdr::realRowsSurviveARestartButSimulatedHistoryDoesNot()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString stateFile = dir.filePath(u"state.json"_s);
    cleanup();
    m_server = startServer(stateFile);
    m_client = std::make_unique<SandboxClient>(m_server->apiBaseUrl().adjusted(QUrl::RemovePath));
    m_client->setCredentials(AppId, AppKey);
    const QString roomId = createRoom(u"Persisted"_s);
    const QString confNum =
        m_client
            ->sendJson("POST", u"/sandbox/sessions/simulate"_s, {{u"room_id"_s, roomId}, {u"participants"_s, 3}}, false)
            .body.value(u"conf_num")
            .toString();
    simulate(simulation(2, 5, 9));
    const QByteArray before = m_client->send("GET", u"/video/v2/cdr/conf/"_s + confNum).raw;
    QVERIFY(!rowsOf(u"/video/v2/cdr/period/2025-03-09/2025-03-10"_s).isEmpty());

    cleanup();
    m_server = startServer(stateFile);
    m_client = std::make_unique<SandboxClient>(m_server->apiBaseUrl().adjusted(QUrl::RemovePath));
    m_client->setCredentials(AppId, AppKey);
    QCOMPARE(m_client->send("GET", u"/video/v2/cdr/conf/"_s + confNum).raw, before);
    QVERIFY(rowsOf(u"/video/v2/cdr/period/2025-03-09/2025-03-10"_s).isEmpty());
}

void TestSandboxCdr::resetForgetsCdr()
{
    simulate(simulation(1, 5, 2));
    QVERIFY(!rowsOf(u"/video/v2/cdr/period/2025-03-10/2025-03-11"_s).isEmpty());
    QCOMPARE(m_client->send("POST", u"/sandbox/reset"_s, {}, false).status, 200);
    QVERIFY(rowsOf(u"/video/v2/cdr/period/2025-03-10/2025-03-11"_s).isEmpty());
}

void TestSandboxCdr::dropFaultCutsTheBodyAndTheRetryGetsItAll()
{
    simulate(simulation(3, 30, 5));
    const QString path = u"/video/v2/cdr/period/2025-03-08/2025-03-10"_s;
    const QByteArray whole = m_client->send("GET", path).raw;
    QVERIFY(whole.size() > 100000);

    const QJsonObject drop{
        {u"kind"_s, u"drop"_s}, {u"after_bytes"_s, 70000}, {u"count"_s, 1}, {u"match"_s, u"/cdr/"_s}};
    QCOMPARE(m_client->sendJson("POST", u"/sandbox/faults"_s, {{u"faults"_s, QJsonArray{drop}}}, false).status, 200);
    const SandboxClient::Reply dropped = m_client->send("GET", path);
    QVERIFY(dropped.finished);
    QVERIFY2(dropped.error != QNetworkReply::NoError, "the connection closed mid-body");
    QVERIFY(dropped.raw.size() <= 70000);
    QVERIFY(whole.startsWith(dropped.raw));
    QVERIFY(QJsonDocument::fromJson(dropped.raw).isNull());

    // The fault is used up: the retry gets the whole window, the same bytes.
    const SandboxClient::Reply retry = m_client->send("GET", path);
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.raw, whole);
}

QTEST_GUILESS_MAIN(TestSandboxCdr)
#include "TestSandboxCdr.moc"
