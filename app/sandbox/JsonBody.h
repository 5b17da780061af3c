#pragma once

#include "SandboxError.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace confero::sandbox {

// Reads a request body that must be one JSON object. The emulator does its own JSON handling on
// purpose: it never shares the client's parsing code (DESIGN.md, "the relay and the sandbox never
// link confero_core").
class JsonBody
{
public:
    // The object, or a MalformedRequest error whose desc says what was wrong and where.
    static std::optional<QJsonObject> parseObject(const QByteArray &body, SandboxError *error);

    // A JSON number that is a whole number, or a string holding one ("5", " 5"): the platform's own
    // samples send numeric settings as strings (video-api.md 1.4).
    static std::optional<qint64> wholeNumber(const QJsonValue &value);
};

} // namespace confero::sandbox
