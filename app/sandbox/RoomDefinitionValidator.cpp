#include "RoomDefinitionValidator.h"

#include "JsonBody.h"
#include "SandboxClock.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringList>
#include <QTimeZone>

#include <limits>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

namespace {

SandboxError refusal(int code, const QString &error, const QString &desc)
{
    return SandboxError{code, error, desc};
}

// [INFERRED] Keys whose bad values have no documented code of their own are refused with 10018
// ("parameter not valid"), the closest documented meaning.
SandboxError invalidValue(const QString &key, const QString &expected)
{
    return refusal(ResultCode::NotValidForRoomType, u"Invalid settings.%1"_s.arg(key),
                   u"settings.%1 must be %2."_s.arg(key, expected));
}

bool isNonEmptyString(const QJsonValue &value)
{
    return value.isString() && !value.toString().trimmed().isEmpty();
}

bool isOneOf(const QJsonValue &value, const QStringList &allowed)
{
    return value.isString() && allowed.contains(value.toString());
}

bool isWholeNumberInRange(const QJsonValue &value, qint64 low, qint64 high)
{
    const std::optional<qint64> number = JsonBody::wholeNumber(value);
    return number && *number >= low && *number <= high;
}

const QStringList &plainBooleanKeys()
{
    // Documented booleans without an error code of their own (video-api.md 3.2), and server-side
    // keys a stored room carries (a client echoing a fetched room back must not be refused).
    static const QStringList keys{
        u"screen_share"_s,          u"canvas"_s,    u"wait_for_moderator"_s,   u"abwd"_s,      u"facex"_s,
        u"single_file_recording"_s, u"watermark"_s, u"send_audiences_stats"_s, u"encryption"_s};
    return keys;
}

const QStringList &readOnlyRoomKeys()
{
    static const QStringList keys{u"room_id"_s, u"_id"_s, u"created"_s, u"service_id"_s};
    return keys;
}

} // namespace

RoomDefinitionValidator::RoomDefinitionValidator(const SandboxClock &clock, bool strictSettings)
    : m_clock(clock)
    , m_strictSettings(strictSettings)
{
}

QDateTime RoomDefinitionValidator::parseScheduledTime(const QString &text)
{
    // Date and time parsed apart and joined as UTC: parsing the whole as local time would refuse a
    // moment that falls into the machine's daylight-saving gap.
    const QStringList parts = text.split(u' ');
    if (parts.size() != 2)
        return {};
    const QDate date = QDate::fromString(parts.at(0), u"yyyy-MM-dd"_s);
    const QTime time = QTime::fromString(parts.at(1), u"HH:mm:ss"_s);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

std::optional<SandboxError> RoomDefinitionValidator::checkScheduledTime(const QJsonValue &value) const
{
    static const QRegularExpression shape(u"^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"_s);
    if (!value.isString() || !shape.match(value.toString()).hasMatch())
        return refusal(ResultCode::ScheduledTimeFormat, u"Invalid date/time format of settings.scheduled_time"_s,
                       u"settings.scheduled_time must be \"YYYY-MM-DD HH:II:SS\" in UTC."_s);
    const QDateTime when = parseScheduledTime(value.toString());
    if (!when.isValid())
        return refusal(ResultCode::ScheduledTimeIllegible, u"Illegible date/time of settings.scheduled_time"_s,
                       u"settings.scheduled_time \"%1\" is not a real date and time."_s.arg(value.toString()));
    // [INFERRED] A time in the past is "illegible" too: the docs say it must be in the future but give
    // it no code of its own. Measured on the sandbox clock, so tests can move "now".
    if (when <= m_clock.now())
        return refusal(ResultCode::ScheduledTimeIllegible, u"Illegible date/time of settings.scheduled_time"_s,
                       u"settings.scheduled_time \"%1\" is not in the future."_s.arg(value.toString()));
    return std::nullopt;
}

std::optional<SandboxError> RoomDefinitionValidator::checkSettingsKey(const QString &key, const QJsonValue &value) const
{
    if (key == u"mode") {
        if (!isOneOf(value, {u"group"_s, u"lecture"_s}))
            return refusal(ResultCode::InvalidMode, u"Invalid settings.mode"_s,
                           u"settings.mode must be \"group\" or \"lecture\"."_s);
    } else if (key == u"scheduled") {
        if (!value.isBool())
            return refusal(ResultCode::InvalidScheduled, u"Invalid settings.scheduled"_s,
                           u"settings.scheduled must be true or false."_s);
    } else if (key == u"adhoc") {
        if (!value.isBool())
            return refusal(ResultCode::IllegibleAdhoc, u"Illegible settings.adhoc"_s,
                           u"settings.adhoc must be true or false."_s);
    } else if (key == u"scheduled_time") {
        return checkScheduledTime(value);
    } else if (key == u"duration") {
        if (!isWholeNumberInRange(value, 0, std::numeric_limits<qint32>::max()))
            return refusal(ResultCode::InvalidDuration, u"Invalid settings.duration"_s,
                           u"settings.duration must be a whole number of minutes (0 or more)."_s);
    } else if (key == u"moderators") {
        const std::optional<qint64> count = JsonBody::wholeNumber(value);
        if (!count)
            return refusal(ResultCode::IllegibleModerators, u"Illegible settings.moderators"_s,
                           u"settings.moderators must be a number."_s);
        if (*count < 1 || *count > 5)
            return refusal(ResultCode::InvalidModerators, u"Invalid settings.moderators"_s,
                           u"settings.moderators must be between 1 and 5."_s);
    } else if (key == u"participants") {
        if (!isWholeNumberInRange(value, 0, std::numeric_limits<qint32>::max()))
            return refusal(ResultCode::InvalidParticipants, u"Invalid settings.participants"_s,
                           u"settings.participants must be a whole number, 0 or more (0 = unlimited)."_s);
    } else if (key == u"auto_recording") {
        if (!value.isBool())
            return refusal(ResultCode::InvalidAutoRecording, u"Invalid settings.auto_recording"_s,
                           u"settings.auto_recording must be true or false."_s);
    } else if (key == u"quality") {
        if (!isOneOf(value, {u"HD"_s, u"SD"_s, u"LD"_s}))
            return refusal(ResultCode::InvalidQuality, u"Invalid settings.quality"_s,
                           u"settings.quality must be \"HD\", \"SD\" or \"LD\"."_s);
    } else if (key == u"knock") {
        if (!value.isBool())
            return refusal(ResultCode::IllegibleKnock, u"Illegible settings.knock"_s,
                           u"settings.knock must be true or false."_s);
    } else if (key == u"active_talker") {
        if (!value.isBool())
            return refusal(ResultCode::InvalidActiveTalker, u"Invalid settings.active_talker"_s,
                           u"settings.active_talker must be true or false."_s);
    } else if (key == u"wait_moderator") {
        if (!value.isBool())
            return refusal(ResultCode::InvalidWaitModerator, u"Invalid settings.wait_moderator"_s,
                           u"settings.wait_moderator must be true or false."_s);
    } else if (key == u"peep") {
        if (!value.isBool())
            return refusal(ResultCode::IllegiblePeep, u"Illegible settings.peep"_s,
                           u"settings.peep must be true or false."_s);
    } else if (key == u"aor") {
        if (!value.isString() || !value.toString().startsWith(u"sip:"))
            return refusal(ResultCode::InvalidAor, u"Invalid SIP URI in settings.aor"_s,
                           u"settings.aor must be a SIP URI such as \"sip:room@example.com\"."_s);
    } else if (plainBooleanKeys().contains(key)) {
        if (!value.isBool())
            return invalidValue(key, u"true or false"_s);
    } else if (key == u"max_active_talkers") {
        if (!isWholeNumberInRange(value, 1, 16))
            return invalidValue(key, u"a number from 1 to 16"_s);
    } else if (key == u"description" || key == u"billing_code" || key == u"media_configuration") {
        if (!value.isString())
            return invalidValue(key, u"a string"_s);
    } else if (key == u"hls_view_url") {
        if (!value.isString() || (value.toString() != u"DEFAULT" && !value.toString().startsWith(u"https://")))
            return invalidValue(key, u"\"DEFAULT\" or an https:// URL"_s);
    } else if (key == u"media_zone") {
        if (!isOneOf(value, {u"IN"_s, u"SG"_s, u"US"_s, u"XX"_s}))
            return invalidValue(key, u"one of \"IN\", \"SG\", \"US\", \"XX\""_s);
    } else if (key == u"audiences" || key == u"viewers") {
        if (!isWholeNumberInRange(value, 0, std::numeric_limits<qint32>::max()))
            return invalidValue(key, u"a whole number, 0 or more"_s);
    } else if (key == u"role_based_recording") {
        const QStringList kinds{u"audiovideo"_s, u"audio"_s};
        const QJsonObject roles = value.toObject();
        bool ok = value.isObject();
        for (auto it = roles.begin(); ok && it != roles.end(); ++it)
            ok = (it.key() == u"moderator" || it.key() == u"participant") && isOneOf(it.value(), kinds);
        if (!ok)
            return invalidValue(key, u"{\"moderator\": \"audiovideo\"|\"audio\", \"participant\": ...}"_s);
    } else if (key == u"live_recording") {
        // The docs' table calls it a boolean, their examples an object (video-api.md 10.1): take both.
        const QJsonObject live = value.toObject();
        const bool ok = value.isBool()
            || (value.isObject() && (!live.contains(u"auto_recording") || live.value(u"auto_recording").isBool())
                && (!live.contains(u"url") || live.value(u"url").isString()));
        if (!ok)
            return invalidValue(key, u"true/false or {\"auto_recording\": bool, \"url\": string}"_s);
    } else if (key == u"live_transcription") {
        const QJsonObject live = value.toObject();
        const bool ok = value.isObject() && isNonEmptyString(live.value(u"language"))
            && (!live.contains(u"auto_transcribe") || live.value(u"auto_transcribe").isBool())
            && (!live.contains(u"enable") || live.value(u"enable").isBool());
        if (!ok)
            return invalidValue(key, u"{\"language\": string, \"auto_transcribe\": bool, \"enable\": bool}"_s);
    } else if (m_strictSettings) {
        return refusal(ResultCode::UnknownSettingsKey, u"Unrecognised key in settings"_s,
                       u"settings.%1 is not a setting this API knows."_s.arg(key));
    }
    return std::nullopt;
}

std::optional<SandboxError> RoomDefinitionValidator::checkRoomType(const QJsonObject &settings) const
{
    const bool scheduled = settings.value(u"scheduled").toBool();
    if (scheduled && settings.value(u"adhoc").toBool())
        return refusal(ResultCode::InvalidAdhoc, u"Invalid settings.adhoc"_s,
                       u"An ad-hoc room cannot be scheduled: settings.adhoc needs settings.scheduled false."_s);
    if (scheduled) {
        if (!settings.contains(u"scheduled_time"))
            return refusal(ResultCode::ScheduledTimeMissing, u"settings.scheduled_time missing"_s,
                           u"A scheduled room needs settings.scheduled_time (\"YYYY-MM-DD HH:II:SS\", UTC)."_s);
        const std::optional<qint64> duration = JsonBody::wholeNumber(settings.value(u"duration"));
        if (!duration || *duration <= 0)
            return refusal(ResultCode::InvalidDuration, u"Invalid settings.duration"_s,
                           u"A scheduled room needs settings.duration, a positive number of minutes."_s);
    } else if (settings.contains(u"scheduled_time")) {
        return refusal(ResultCode::NotValidForRoomType, u"Parameter not valid for this room type"_s,
                       u"settings.scheduled_time applies only to scheduled rooms (settings.scheduled true)."_s);
    }
    return std::nullopt;
}

std::optional<SandboxError> RoomDefinitionValidator::checkTopLevel(const QJsonObject &body, bool creating)
{
    if ((creating || body.contains(u"name")) && !isNonEmptyString(body.value(u"name")))
        return refusal(ResultCode::NameMissing, u"Room name missing"_s,
                       u"The room needs a non-empty string \"name\"."_s);
    const QJsonValue owner = body.value(u"owner_ref");
    if ((creating || body.contains(u"owner_ref")) && !isNonEmptyString(owner) && !owner.isDouble())
        return refusal(ResultCode::OwnerRefMissing, u"owner_ref missing"_s,
                       u"The room needs an \"owner_ref\", your own reference for its owner."_s);
    // [INFERRED] `settings` must be an object when present; when absent the server-side defaults make
    // a permanent group room (the table marks the type keys both required and defaulted).
    if (body.contains(u"settings") && !body.value(u"settings").isObject())
        return refusal(ResultCode::MalformedRequest, u"Malformed request"_s, u"\"settings\" must be a JSON object."_s);
    if (body.contains(u"sip")) {
        const QJsonValue sip = body.value(u"sip");
        if (!sip.isObject() || (sip.toObject().contains(u"enabled") && !sip.toObject().value(u"enabled").isBool()))
            return refusal(ResultCode::NotValidForRoomType, u"Invalid sip"_s,
                           u"\"sip\" must be an object such as {\"enabled\": false}."_s);
    }
    if (body.contains(u"data") && !body.value(u"data").isObject())
        return refusal(ResultCode::NotValidForRoomType, u"Invalid data"_s,
                       u"\"data\" must be a JSON object of your own keys."_s);
    return std::nullopt;
}

void RoomDefinitionValidator::addDefaults(QJsonObject *settings)
{
    // video-api.md 3.2 defaults, plus the server-side keys seen in a real stored room (decoded token).
    // [INFERRED] quality defaults to the sandbox "subscription" quality, HD; facex to false (the docs'
    // `true` is marked suspicious); participants to 0 (unlimited, v1 docs).
    const QList<QPair<QString, QJsonValue>> defaults{
        {u"mode"_s, u"group"_s}, {u"scheduled"_s, false},          {u"adhoc"_s, false},
        {u"moderators"_s, 1},    {u"participants"_s, 0},           {u"auto_recording"_s, false},
        {u"quality"_s, u"HD"_s}, {u"screen_share"_s, true},        {u"canvas"_s, false},
        {u"knock"_s, false},     {u"wait_for_moderator"_s, false}, {u"abwd"_s, true},
        {u"facex"_s, false},     {u"max_active_talkers"_s, 6},     {u"single_file_recording"_s, false},
        {u"watermark"_s, false}, {u"media_zone"_s, u"XX"_s},       {u"media_configuration"_s, u"default"_s},
        {u"viewers"_s, 0},       {u"active_talker"_s, true},       {u"encryption"_s, false},
    };
    for (const auto &[key, value] : defaults) {
        if (!settings->contains(key))
            settings->insert(key, value);
    }
}

std::optional<QJsonObject> RoomDefinitionValidator::validateCreate(const QJsonObject &body, SandboxError *error) const
{
    if (std::optional<SandboxError> refused = checkTopLevel(body, true)) {
        *error = *refused;
        return std::nullopt;
    }
    QJsonObject settings = body.value(u"settings").toObject();
    for (auto it = settings.constBegin(); it != settings.constEnd(); ++it) {
        if (std::optional<SandboxError> refused = checkSettingsKey(it.key(), it.value())) {
            *error = *refused;
            return std::nullopt;
        }
    }
    addDefaults(&settings);
    if (std::optional<SandboxError> refused = checkRoomType(settings)) {
        *error = *refused;
        return std::nullopt;
    }

    QJsonObject sip = body.contains(u"sip") ? body.value(u"sip").toObject() : QJsonObject{{u"enabled"_s, false}};
    if (!sip.contains(u"enabled"))
        sip.insert(u"enabled"_s, false);
    if (sip.value(u"enabled").toBool()) {
        // The docs say an enabled room's answer adds a numeric `pin` and `meeting_id`.
        if (!sip.contains(u"pin"))
            sip.insert(u"pin"_s, qint64(QRandomGenerator::global()->bounded(100000, 1000000)));
        if (!sip.contains(u"meeting_id"))
            sip.insert(u"meeting_id"_s, qint64(QRandomGenerator::global()->bounded(100000000, 1000000000)));
    }

    QJsonObject room;
    room.insert(u"name"_s, body.value(u"name"));
    room.insert(u"owner_ref"_s, body.value(u"owner_ref"));
    room.insert(u"settings"_s, settings);
    room.insert(u"sip"_s, sip);
    room.insert(u"data"_s, body.value(u"data").toObject());
    return room;
}

std::optional<QJsonObject> RoomDefinitionValidator::validateUpdate(const QJsonObject &current, const QJsonObject &patch,
                                                                   SandboxError *error) const
{
    if (std::optional<SandboxError> refused = checkTopLevel(patch, false)) {
        *error = *refused;
        return std::nullopt;
    }
    const QJsonObject currentSettings = current.value(u"settings").toObject();
    const QJsonObject patchSettings = patch.value(u"settings").toObject();

    // Room type cannot change (video-api.md 3.5). [INFERRED] Sending the unchanged value is allowed,
    // so a client that PUTs back the whole room it fetched is not refused.
    if (patchSettings.contains(u"mode") && patchSettings.value(u"mode") != currentSettings.value(u"mode")) {
        *error = refusal(ResultCode::IllegibleMode, u"Room mode cannot be changed"_s,
                         u"settings.mode is fixed when the room is created."_s);
        return std::nullopt;
    }
    for (const QString &key : {u"scheduled"_s, u"adhoc"_s}) {
        if (patchSettings.contains(key) && patchSettings.value(key) != currentSettings.value(key)) {
            *error = refusal(ResultCode::RoomTypeUpdate, u"Room type update not allowed"_s,
                             u"settings.%1 is fixed when the room is created."_s.arg(key));
            return std::nullopt;
        }
    }

    QJsonObject settings = currentSettings;
    for (auto it = patchSettings.constBegin(); it != patchSettings.constEnd(); ++it) {
        // An unchanged scheduled_time of a room whose start has passed is not re-checked for "future".
        if (it.key() == u"scheduled_time" && it.value() == currentSettings.value(u"scheduled_time"))
            continue;
        if (std::optional<SandboxError> refused = checkSettingsKey(it.key(), it.value())) {
            *error = *refused;
            return std::nullopt;
        }
        settings.insert(it.key(), it.value());
    }
    if (std::optional<SandboxError> refused = checkRoomType(settings)) {
        *error = *refused;
        return std::nullopt;
    }

    QJsonObject room = current;
    for (auto it = patch.constBegin(); it != patch.constEnd(); ++it) {
        if (it.key() == u"settings" || readOnlyRoomKeys().contains(it.key()))
            continue;
        // [INFERRED] Only the documented top-level keys are permissible; others are ignored.
        if (it.key() == u"name" || it.key() == u"owner_ref" || it.key() == u"sip" || it.key() == u"data")
            room.insert(it.key(), it.value());
    }
    room.insert(u"settings"_s, settings);
    return room;
}

} // namespace confero::sandbox
