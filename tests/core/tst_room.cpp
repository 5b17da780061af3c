#include "domain/Room.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace confero;
using namespace Qt::StringLiterals;

namespace {

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QDateTime utc(int y, int mo, int d, int h, int mi)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), QTimeZone::utc());
}

QStringList fields(const QList<FieldError> &errors)
{
    QStringList list;
    for (const FieldError &e : errors)
        list << e.field;
    return list;
}

RoomDefinition validDefinition()
{
    RoomDefinition d;
    d.name = u"Daily stand-up, team #3 (EMEA)"_s; // spaces and punctuation are fine
    d.ownerRef = u"user-42"_s;
    d.settings.participants = 5;
    d.settings.quality = u"SD"_s;
    return d;
}

} // namespace

class TestRoom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void definitionToJsonMatchesTheDocumentedBody()
    {
        const QJsonObject body = validDefinition().toJson();
        QCOMPARE(body.value(u"name").toString(), u"Daily stand-up, team #3 (EMEA)"_s);
        QCOMPARE(body.value(u"owner_ref").toString(), u"user-42"_s);
        const QJsonObject s = body.value(u"settings").toObject();
        QCOMPARE(s.value(u"mode").toString(), u"group"_s);
        QCOMPARE(s.value(u"scheduled").toBool(true), false);
        QCOMPARE(s.value(u"adhoc").toBool(true), false);
        QCOMPARE(s.value(u"moderators").toString(), u"1"_s); // counts as strings, like the samples
        QCOMPARE(s.value(u"participants").toString(), u"5"_s);
        QCOMPARE(s.value(u"quality").toString(), u"SD"_s);
        QVERIFY(!s.contains(u"scheduled_time"));
        QVERIFY(!s.contains(u"screen_share")); // unset optionals are left out
        QCOMPARE(body.value(u"sip").toObject().value(u"enabled").toBool(true), false);
    }

    void scheduledTimeIsSentInPlatformFormatUtc()
    {
        RoomDefinition d = validDefinition();
        d.settings.kind = RoomSettings::Kind::Scheduled;
        // 16:30 at +02:00 is 14:30 UTC.
        d.settings.scheduledTime = QDateTime(QDate(2031, 5, 31), QTime(16, 30), QTimeZone(2 * 3600));
        d.settings.durationMinutes = 45;
        const QJsonObject s = d.toJson().value(u"settings").toObject();
        QCOMPARE(s.value(u"scheduled").toBool(), true);
        QCOMPARE(s.value(u"scheduled_time").toString(), u"2031-05-31 14:30:00"_s);
        QCOMPARE(s.value(u"duration").toString(), u"45"_s);
    }

    void roundTripThroughJson()
    {
        RoomDefinition d = validDefinition();
        d.settings.kind = RoomSettings::Kind::Scheduled;
        d.settings.mode = RoomSettings::Mode::Lecture;
        d.settings.scheduledTime = utc(2031, 1, 2, 3, 4);
        d.settings.durationMinutes = 30;
        d.settings.moderators = 3;
        d.settings.autoRecording = true;
        d.settings.maxActiveTalkers = 9;
        d.settings.screenShare = false;
        d.settings.waitForModerator = true;
        d.settings.recordingModerator = u"audio"_s;
        d.settings.liveRecordingAuto = true;
        d.settings.liveRecordingUrl = u"https://view.example/live"_s;
        d.settings.mediaZone = u"SG"_s;
        d.settings.description = u"Weekly: plan & review"_s;

        QJsonObject room = d.toJson();
        room.insert(u"room_id"_s, u"65a0e1f2c3d4e5f6a7b8c9d0"_s);
        room.insert(u"created"_s, u"2025-01-10T09:15:02.117Z"_s);
        const std::optional<Room> parsed = Room::fromJson(room);
        QVERIFY(parsed);
        QCOMPARE(parsed->id, u"65a0e1f2c3d4e5f6a7b8c9d0"_s);
        QCOMPARE(parsed->created, QDateTime(QDate(2025, 1, 10), QTime(9, 15, 2, 117), QTimeZone::utc()));
        const RoomDefinition back = parsed->definition();
        QCOMPARE(back.toJson(), d.toJson());
        QCOMPARE(parsed->raw, room);
    }

    void tolerantReading_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("moderators");
        QTest::addColumn<int>("participants");
        QTest::addColumn<bool>("autoRecording");
        QTest::addColumn<int>("duration");
        QTest::addRow("strings") << QByteArray(
            R"({"moderators":"2","participants":"5","auto_recording":"true","duration":"30"})")
                                 << 2 << 5 << true << 30;
        QTest::addRow("numbers") << QByteArray(
            R"({"moderators":2,"participants":5,"auto_recording":true,"duration":30})")
                                 << 2 << 5 << true << 30;
        QTest::addRow("missing") << QByteArray(R"({})") << 1 << 0 << false << -1;
    }

    void tolerantReading()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, moderators);
        QFETCH(int, participants);
        QFETCH(bool, autoRecording);
        QFETCH(int, duration);
        const RoomSettings s = RoomSettings::fromJson(QJsonDocument::fromJson(json).object());
        QCOMPARE(s.moderators, moderators);
        QCOMPARE(s.participants, participants);
        QCOMPARE(s.autoRecording, autoRecording);
        QCOMPARE(s.durationMinutes.value_or(-1), duration);
    }

    void legacyAndConflictingKeys()
    {
        // `wait_moderator` (legacy), `max_active_talkers: true` (a copy error in the docs),
        // `live_recording` as a boolean (the table) rather than an object (the examples).
        const RoomSettings s = RoomSettings::fromJson(parse(
            R"({"wait_moderator":true,"max_active_talkers":true,"live_recording":true,
                "scheduled":"true","scheduled_time":"2025-01-12 14:00:00","mode":"LECTURE",
                "quality":"hd","media_zone":"xx"})"));
        QCOMPARE(s.waitForModerator, std::optional<bool>(true));
        QVERIFY(!s.maxActiveTalkers);
        QCOMPARE(s.liveRecordingAuto, std::optional<bool>(true));
        QCOMPARE(s.kind, RoomSettings::Kind::Scheduled);
        QCOMPARE(s.scheduledTime, utc(2025, 1, 12, 14, 0));
        QCOMPARE(s.mode, RoomSettings::Mode::Lecture);
        QCOMPARE(s.quality, u"HD"_s);
        QCOMPARE(s.mediaZone, u"XX"_s);
    }

    void adhocRoomAndUnknownKeysKeptInRaw()
    {
        const std::optional<Room> room = Room::fromJson(parse(
            R"({"room_id":"abc","name":"Quick","owner_ref":"o","settings":{"adhoc":true,"scheduled":false,
                "future_key":1},"sip":{"enabled":"false"},"data":{"k":"v"},"extra":[1,2]})"));
        QVERIFY(room);
        QCOMPARE(room->settings.kind, RoomSettings::Kind::AdHoc);
        QCOMPARE(room->sipEnabled, false);
        QCOMPARE(room->data.value(u"k").toString(), u"v"_s);
        QCOMPARE(room->raw.value(u"extra").toArray().size(), 2);
        QCOMPARE(room->raw.value(u"settings").toObject().value(u"future_key").toInt(), 1);
    }

    void roomWithoutIdIsRefused()
    {
        QVERIFY(!Room::fromJson(parse(R"({"name":"no id"})")));
        // The stored record's key, as in a token's roomMeta.
        QCOMPARE(Room::fromJson(parse(R"({"_id":"x1","name":"meta"})"))->id, u"x1"_s);
    }

    void validDefinitionPasses() { QVERIFY(validDefinition().validate(utc(2030, 1, 1, 0, 0)).isEmpty()); }

    void validation_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("field");
        QTest::addRow("name") << 0 << u"name"_s;
        QTest::addRow("owner") << 1 << u"owner_ref"_s;
        QTest::addRow("moderators 0") << 2 << u"settings.moderators"_s;
        QTest::addRow("moderators 6") << 3 << u"settings.moderators"_s;
        QTest::addRow("participants") << 4 << u"settings.participants"_s;
        QTest::addRow("no time") << 5 << u"settings.scheduled_time"_s;
        QTest::addRow("past time") << 6 << u"settings.scheduled_time"_s;
        QTest::addRow("no duration") << 7 << u"settings.duration"_s;
        QTest::addRow("zero duration") << 8 << u"settings.duration"_s;
        QTest::addRow("talkers") << 9 << u"settings.max_active_talkers"_s;
        QTest::addRow("quality") << 10 << u"settings.quality"_s;
        QTest::addRow("zone") << 11 << u"settings.media_zone"_s;
        QTest::addRow("live url") << 12 << u"settings.live_recording.url"_s;
        QTest::addRow("recording role") << 13 << u"settings.role_based_recording.moderator"_s;
    }

    void validation()
    {
        QFETCH(int, which);
        QFETCH(QString, field);
        const QDateTime now = utc(2030, 6, 1, 12, 0);
        RoomDefinition d = validDefinition();
        RoomSettings &s = d.settings;
        const auto scheduled = [&s, &now] {
            s.kind = RoomSettings::Kind::Scheduled;
            s.scheduledTime = now.addDays(1);
            s.durationMinutes = 30;
        };
        switch (which) {
        case 0:
            d.name = u"   "_s;
            break;
        case 1:
            d.ownerRef.clear();
            break;
        case 2:
            s.moderators = 0;
            break;
        case 3:
            s.moderators = 6;
            break;
        case 4:
            s.participants = -1;
            break;
        case 5:
            scheduled();
            s.scheduledTime = {};
            break;
        case 6:
            scheduled();
            s.scheduledTime = now.addSecs(-60);
            break;
        case 7:
            scheduled();
            s.durationMinutes.reset();
            break;
        case 8:
            scheduled();
            s.durationMinutes = 0;
            break;
        case 9:
            s.maxActiveTalkers = 17;
            break;
        case 10:
            s.quality = u"4K"_s;
            break;
        case 11:
            s.mediaZone = u"EU"_s;
            break;
        case 12:
            s.liveRecordingUrl = u"http://view.example/"_s;
            break;
        case 13:
            s.recordingModerator = u"video"_s;
            break;
        }
        const QList<FieldError> errors = d.validate(now);
        QCOMPARE(fields(errors), QStringList{field});
        QVERIFY(!errors.constFirst().message.isEmpty());
    }

    void boundariesAreAccepted()
    {
        RoomDefinition d = validDefinition();
        d.settings.moderators = 5;
        d.settings.participants = 0;
        d.settings.maxActiveTalkers = 16;
        QVERIFY(d.validate(utc(2030, 1, 1, 0, 0)).isEmpty());
        d.settings.moderators = 1;
        d.settings.maxActiveTalkers = 1;
        QVERIFY(d.validate(utc(2030, 1, 1, 0, 0)).isEmpty());
    }

    void kindAndModeNames()
    {
        QCOMPARE(roomKindName(RoomSettings::Kind::AdHoc), u"Ad hoc"_s);
        QCOMPARE(roomModeName(RoomSettings::Mode::Lecture), u"Lecture"_s);
    }
};

QTEST_GUILESS_MAIN(TestRoom)
#include "tst_room.moc"
