// Fuzzes the core's reading of rooms as the platform returns them (RoomSettings::fromJson,
// Room::fromJson), writing them back (toJson) and validating them (RoomDefinition::validate).
//
// The input is JSON text. It is read both as a room and as a bare settings object. Reading what
// toJson wrote must give back the same JSON: what the console shows and edits is what it sends.

#include "FuzzCheck.h"

#include "domain/Room.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cstddef>
#include <cstdint>

using confero::Room;
using confero::RoomDefinition;
using confero::RoomSettings;

namespace {

// A fixed "now", so whether a scheduled time is in the future follows from the input alone.
const QDateTime &fixedNow()
{
    static const QDateTime now(QDate(2026, 1, 1), QTime(12, 0), QTimeZone::utc());
    return now;
}

void checkFieldErrors(const QList<confero::FieldError> &errors)
{
    for (const confero::FieldError &error : errors)
        CONFERO_FUZZ_CHECK(!error.field.isEmpty() && !error.message.isEmpty());
}

void checkSettings(const QJsonObject &object)
{
    const RoomSettings settings = RoomSettings::fromJson(object);
    const QJsonObject written = settings.toJson();
    const RoomSettings reread = RoomSettings::fromJson(written);
    CONFERO_FUZZ_CHECK(reread.toJson() == written);
    CONFERO_FUZZ_CHECK(reread.kind == settings.kind && reread.mode == settings.mode);
    CONFERO_FUZZ_CHECK(reread.moderators == settings.moderators);
    CONFERO_FUZZ_CHECK(reread.participants == settings.participants);
    CONFERO_FUZZ_CHECK(reread.durationMinutes == settings.durationMinutes);
    // Validation reads only the settings: it must not depend on which of the two it was given.
    CONFERO_FUZZ_CHECK(settings.validate(fixedNow()).size() == reread.validate(fixedNow()).size());
    checkFieldErrors(settings.validate(fixedNow()));
}

void checkRoom(const QJsonObject &object)
{
    const std::optional<Room> room = Room::fromJson(object);
    if (!room)
        return;
    CONFERO_FUZZ_CHECK(!room->id.isEmpty());
    CONFERO_FUZZ_CHECK(room->raw == object);
    const RoomDefinition definition = room->definition();
    const QList<confero::FieldError> errors = definition.validate(fixedNow());
    checkFieldErrors(errors);

    // The definition sent back to the platform, read as the platform's answer, is the same definition.
    QJsonObject echoed = definition.toJson();
    echoed.insert(QStringLiteral("room_id"), room->id);
    const std::optional<Room> again = Room::fromJson(echoed);
    CONFERO_FUZZ_CHECK(again.has_value());
    CONFERO_FUZZ_CHECK(again->definition().toJson() == definition.toJson());
    CONFERO_FUZZ_CHECK(again->definition().validate(fixedNow()).size() == errors.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QJsonObject object = document.object();
    checkSettings(object);
    checkSettings(object.value(u"settings").toObject());
    checkRoom(object);
    return 0;
}
