// Fuzzes the sandbox's checks of room bodies from outside: JsonBody::parseObject, then
// RoomDefinitionValidator::validateCreate and validateUpdate (video-api.md 3.2, 3.5).
//
// Byte 0 picks strict or tolerant settings; the rest is the request body. A room the validator
// accepted and stored must be accepted again unchanged (a client PUTs back what it fetched), and every
// refusal must carry a platform result code and words for a person.

#include "FuzzCheck.h"

#include "JsonBody.h"
#include "RoomDefinitionValidator.h"
#include "SandboxClock.h"
#include "SandboxError.h"

#include <QByteArray>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;
using confero::sandbox::JsonBody;
using confero::sandbox::RoomDefinitionValidator;
using confero::sandbox::SandboxClock;
using confero::sandbox::SandboxError;
namespace ResultCode = confero::sandbox::ResultCode;

namespace {

void checkRefusal(const SandboxError &error)
{
    CONFERO_FUZZ_CHECK(error.result != ResultCode::Success && error.result != ResultCode::InternalError);
    CONFERO_FUZZ_CHECK(!error.error.isEmpty() && !error.desc.isEmpty());
    const int status = error.httpStatus();
    CONFERO_FUZZ_CHECK(status >= 400 && status < 500);
}

// A stored permanent room as validateCreate makes it, to update with the fuzzed body as the patch.
const QJsonObject &storedRoom()
{
    static const QJsonObject room{
        {u"name"_s, u"Daily stand-up"_s},
        {u"owner_ref"_s, u"user-42"_s},
        {u"settings"_s,
         QJsonObject{{u"mode"_s, u"group"_s},
                     {u"scheduled"_s, false},
                     {u"adhoc"_s, false},
                     {u"moderators"_s, u"1"_s},
                     {u"participants"_s, u"5"_s},
                     {u"quality"_s, u"SD"_s},
                     {u"auto_recording"_s, false}}},
        {u"sip"_s, QJsonObject{{u"enabled"_s, false}}},
        {u"data"_s, QJsonObject{}},
    };
    return room;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const bool strict = data[0] & 1;
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));

    SandboxError error;
    const std::optional<QJsonObject> object = JsonBody::parseObject(body, &error);
    if (!object) {
        CONFERO_FUZZ_CHECK(error.result == ResultCode::MalformedRequest);
        checkRefusal(error);
        return 0;
    }

    const SandboxClock clock;
    const RoomDefinitionValidator validator(clock, strict);

    SandboxError updateError;
    const std::optional<QJsonObject> updated = validator.validateUpdate(storedRoom(), *object, &updateError);
    if (!updated)
        checkRefusal(updateError);

    SandboxError createError;
    const std::optional<QJsonObject> created = validator.validateCreate(*object, &createError);
    if (!created) {
        checkRefusal(createError);
        return 0;
    }
    CONFERO_FUZZ_CHECK(created->value(u"settings").isObject() && created->value(u"sip").isObject());

    SandboxError againError;
    const std::optional<QJsonObject> again = validator.validateCreate(*created, &againError);
    // The only way a stored room can stop being valid is its scheduled start passing between the calls.
    if (!again) {
        CONFERO_FUZZ_CHECK(againError.result == ResultCode::ScheduledTimeIllegible);
        return 0;
    }
    CONFERO_FUZZ_CHECK(*again == *created);

    SandboxError unchangedError;
    const std::optional<QJsonObject> unchanged = validator.validateUpdate(*created, *created, &unchangedError);
    CONFERO_FUZZ_CHECK(unchanged.has_value());
    CONFERO_FUZZ_CHECK(*unchanged == *created);
    return 0;
}
