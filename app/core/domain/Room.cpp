#include "Room.h"

#include "JsonRead.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrl>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

// Gives the messages of this file one translation context.
class RoomText
{
    Q_DECLARE_TR_FUNCTIONS(confero::Room)
};

void putOptionalBool(QJsonObject &object, const QString &key, const std::optional<bool> &value)
{
    if (value)
        object.insert(key, *value);
}

void readOptionalBool(const QJsonObject &object, const QString &key, std::optional<bool> &target)
{
    if (object.contains(key))
        target = json::toBool(object.value(key));
}

bool isOneOf(const QString &value, std::initializer_list<const char16_t *> allowed)
{
    for (const char16_t *candidate : allowed) {
        if (value == QStringView(candidate))
            return true;
    }
    return false;
}

} // namespace

QJsonObject RoomSettings::toJson() const
{
    QJsonObject s;
    if (!description.isEmpty())
        s.insert(u"description"_s, description);
    s.insert(u"mode"_s, mode == Mode::Lecture ? u"lecture"_s : u"group"_s);
    s.insert(u"scheduled"_s, kind == Kind::Scheduled);
    s.insert(u"adhoc"_s, kind == Kind::AdHoc);
    if (kind == Kind::Scheduled && scheduledTime.isValid())
        s.insert(u"scheduled_time"_s, json::scheduledTimeText(scheduledTime));
    if (durationMinutes)
        s.insert(u"duration"_s, QString::number(*durationMinutes));
    s.insert(u"moderators"_s, QString::number(moderators));
    s.insert(u"participants"_s, QString::number(participants));
    s.insert(u"auto_recording"_s, autoRecording);
    if (!quality.isEmpty())
        s.insert(u"quality"_s, quality);
    putOptionalBool(s, u"screen_share"_s, screenShare);
    putOptionalBool(s, u"canvas"_s, canvas);
    putOptionalBool(s, u"knock"_s, knock);
    putOptionalBool(s, u"wait_for_moderator"_s, waitForModerator);
    if (!billingCode.isEmpty())
        s.insert(u"billing_code"_s, billingCode);
    putOptionalBool(s, u"abwd"_s, abwd);
    putOptionalBool(s, u"facex"_s, facex);
    if (maxActiveTalkers)
        s.insert(u"max_active_talkers"_s, *maxActiveTalkers);
    putOptionalBool(s, u"single_file_recording"_s, singleFileRecording);
    if (!recordingModerator.isEmpty() || !recordingParticipant.isEmpty()) {
        QJsonObject roles;
        if (!recordingModerator.isEmpty())
            roles.insert(u"moderator"_s, recordingModerator);
        if (!recordingParticipant.isEmpty())
            roles.insert(u"participant"_s, recordingParticipant);
        s.insert(u"role_based_recording"_s, roles);
    }
    if (liveRecordingAuto || !liveRecordingUrl.isEmpty()) {
        QJsonObject live;
        if (liveRecordingAuto)
            live.insert(u"auto_recording"_s, *liveRecordingAuto);
        if (!liveRecordingUrl.isEmpty())
            live.insert(u"url"_s, liveRecordingUrl);
        s.insert(u"live_recording"_s, live);
    }
    if (!mediaZone.isEmpty())
        s.insert(u"media_zone"_s, mediaZone);
    putOptionalBool(s, u"watermark"_s, watermark);
    return s;
}

RoomSettings RoomSettings::fromJson(const QJsonObject &s)
{
    RoomSettings settings;
    settings.description = json::toString(s.value(u"description"));
    settings.mode =
        s.value(u"mode").toString().compare(u"lecture", Qt::CaseInsensitive) == 0 ? Mode::Lecture : Mode::Group;
    if (json::toBool(s.value(u"scheduled")).value_or(false))
        settings.kind = Kind::Scheduled;
    else if (json::toBool(s.value(u"adhoc")).value_or(false))
        settings.kind = Kind::AdHoc;
    settings.scheduledTime = json::toUtcDateTime(s.value(u"scheduled_time"));
    settings.durationMinutes = json::toInt(s.value(u"duration"));
    settings.moderators = json::toInt(s.value(u"moderators")).value_or(1);
    settings.participants = json::toInt(s.value(u"participants")).value_or(0);
    settings.autoRecording = json::toBool(s.value(u"auto_recording")).value_or(false);
    settings.quality = s.value(u"quality").toString().toUpper();
    readOptionalBool(s, u"screen_share"_s, settings.screenShare);
    readOptionalBool(s, u"canvas"_s, settings.canvas);
    readOptionalBool(s, u"knock"_s, settings.knock);
    // `wait_moderator` is the legacy spelling (result code 10013 still names it).
    readOptionalBool(s, u"wait_moderator"_s, settings.waitForModerator);
    readOptionalBool(s, u"wait_for_moderator"_s, settings.waitForModerator);
    settings.billingCode = json::toString(s.value(u"billing_code"));
    readOptionalBool(s, u"abwd"_s, settings.abwd);
    readOptionalBool(s, u"facex"_s, settings.facex);
    // Some documented responses carry `max_active_talkers: true`, a copy error: only numbers count.
    if (!s.value(u"max_active_talkers").isBool())
        settings.maxActiveTalkers = json::toInt(s.value(u"max_active_talkers"));
    readOptionalBool(s, u"single_file_recording"_s, settings.singleFileRecording);
    const QJsonObject roles = s.value(u"role_based_recording").toObject();
    settings.recordingModerator = roles.value(u"moderator").toString();
    settings.recordingParticipant = roles.value(u"participant").toString();
    // The table calls live_recording a boolean, the examples an object (video-api.md 10.1 #6).
    const QJsonValue live = s.value(u"live_recording");
    if (live.isObject()) {
        const QJsonObject liveObject = live.toObject();
        readOptionalBool(liveObject, u"auto_recording"_s, settings.liveRecordingAuto);
        settings.liveRecordingUrl = liveObject.value(u"url").toString();
    } else if (!live.isUndefined() && !live.isNull()) {
        settings.liveRecordingAuto = json::toBool(live);
    }
    settings.mediaZone = s.value(u"media_zone").toString().toUpper();
    readOptionalBool(s, u"watermark"_s, settings.watermark);
    return settings;
}

QList<FieldError> RoomSettings::validate(const QDateTime &nowUtc) const
{
    QList<FieldError> errors;
    const auto add = [&errors](const char *field, const QString &message) {
        errors.append({QString::fromLatin1(field), message});
    };

    if (moderators < 1 || moderators > 5)
        add("settings.moderators", RoomText::tr("Moderators must be between 1 and 5."));
    if (participants < 0)
        add("settings.participants", RoomText::tr("Participants must be 0 (no limit) or more."));

    if (kind == Kind::Scheduled) {
        if (!scheduledTime.isValid())
            add("settings.scheduled_time", RoomText::tr("A scheduled room needs a start time."));
        else if (scheduledTime.toUTC() <= nowUtc.toUTC())
            add("settings.scheduled_time", RoomText::tr("The start time must be in the future."));
        if (!durationMinutes)
            add("settings.duration", RoomText::tr("A scheduled room needs a duration in minutes."));
        else if (*durationMinutes <= 0)
            add("settings.duration", RoomText::tr("The duration must be a positive number of minutes."));
    } else if (durationMinutes && *durationMinutes < 0) {
        add("settings.duration", RoomText::tr("The duration cannot be negative."));
    }

    if (maxActiveTalkers && (*maxActiveTalkers < 1 || *maxActiveTalkers > 16))
        add("settings.max_active_talkers", RoomText::tr("Active talkers must be between 1 and 16."));
    if (!quality.isEmpty() && !isOneOf(quality, {u"HD", u"SD", u"LD"}))
        add("settings.quality", RoomText::tr("Quality must be HD, SD or LD."));
    if (!mediaZone.isEmpty() && !isOneOf(mediaZone, {u"IN", u"SG", u"US", u"XX"}))
        add("settings.media_zone", RoomText::tr("Media zone must be IN, SG, US or XX."));
    if (!recordingModerator.isEmpty() && !isOneOf(recordingModerator, {u"audiovideo", u"audio"}))
        add("settings.role_based_recording.moderator",
            RoomText::tr("Moderator recording must be \"audiovideo\" or \"audio\"."));
    if (!recordingParticipant.isEmpty() && !isOneOf(recordingParticipant, {u"audiovideo", u"audio"}))
        add("settings.role_based_recording.participant",
            RoomText::tr("Participant recording must be \"audiovideo\" or \"audio\"."));
    if (!liveRecordingUrl.isEmpty()) {
        const QUrl url(liveRecordingUrl, QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != u"https" || url.host().isEmpty())
            add("settings.live_recording.url", RoomText::tr("The live recording view must be an https:// address."));
    }
    return errors;
}

QJsonObject RoomDefinition::toJson() const
{
    QJsonObject body;
    body.insert(u"name"_s, name.trimmed());
    body.insert(u"owner_ref"_s, ownerRef.trimmed());
    body.insert(u"settings"_s, settings.toJson());
    body.insert(u"sip"_s, QJsonObject{{u"enabled"_s, sipEnabled}});
    if (!data.isEmpty())
        body.insert(u"data"_s, data);
    return body;
}

QList<FieldError> RoomDefinition::validate(const QDateTime &nowUtc) const
{
    QList<FieldError> errors;
    if (name.trimmed().isEmpty())
        errors.append({u"name"_s, RoomText::tr("The room needs a name.")});
    if (ownerRef.trimmed().isEmpty())
        errors.append({u"owner_ref"_s, RoomText::tr("The room needs an owner reference.")});
    errors.append(settings.validate(nowUtc));
    return errors;
}

std::optional<Room> Room::fromJson(const QJsonObject &object)
{
    Room room;
    room.id = json::toString(object.value(u"room_id"));
    if (room.id.isEmpty())
        room.id = json::toString(object.value(u"_id")); // the stored record's key (token roomMeta)
    if (room.id.isEmpty())
        return std::nullopt;
    room.name = json::toString(object.value(u"name"));
    room.ownerRef = json::toString(object.value(u"owner_ref"));
    room.settings = RoomSettings::fromJson(object.value(u"settings").toObject());
    room.sipEnabled = json::toBool(object.value(u"sip").toObject().value(u"enabled")).value_or(false);
    room.data = object.value(u"data").toObject();
    room.created = json::toUtcDateTime(object.value(u"created"));
    room.raw = object;
    return room;
}

RoomDefinition Room::definition() const
{
    RoomDefinition definition;
    definition.name = name;
    definition.ownerRef = ownerRef;
    definition.settings = settings;
    definition.sipEnabled = sipEnabled;
    definition.data = data;
    return definition;
}

QString roomKindName(RoomSettings::Kind kind)
{
    switch (kind) {
    case RoomSettings::Kind::Permanent:
        return RoomText::tr("Permanent");
    case RoomSettings::Kind::Scheduled:
        return RoomText::tr("Scheduled");
    case RoomSettings::Kind::AdHoc:
        return RoomText::tr("Ad hoc");
    }
    return {};
}

QString roomModeName(RoomSettings::Mode mode)
{
    return mode == RoomSettings::Mode::Lecture ? RoomText::tr("Lecture") : RoomText::tr("Group");
}

} // namespace confero
