#pragma once

#include "PlatformError.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace confero {

// Reads an answer of the Video API: success <=> 2xx and `result` 0 (a number for rooms, the string
// "0" for CDR/archive). Tolerates the other documented error shape
// {"status":"error","error_code":"...","message":"..."} (video-api.md 10.1 #1).
class PlatformEnvelope
{
public:
    // The JSON object on success, else the error (kind, codes, field, the platform's words).
    static std::optional<QJsonObject> parse(int httpStatus, const QByteArray &body, const QString &operation,
                                            PlatformError *error);
};

} // namespace confero
