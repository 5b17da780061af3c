#include "JsonBody.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

std::optional<QJsonObject> JsonBody::parseObject(const QByteArray &body, SandboxError *error)
{
    if (body.trimmed().isEmpty()) {
        *error = {ResultCode::MalformedRequest, u"Malformed request"_s,
                  u"The request body is empty; a JSON object was expected."_s};
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = {ResultCode::MalformedRequest, u"Malformed request"_s,
                  u"The request body is not valid JSON (%1 at offset %2)."_s.arg(parseError.errorString())
                      .arg(parseError.offset)};
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = {ResultCode::MalformedRequest, u"Malformed request"_s,
                  u"The request body must be a JSON object, not an array or a value."_s};
        return std::nullopt;
    }
    return document.object();
}

std::optional<qint64> JsonBody::wholeNumber(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (!std::isfinite(number) || std::floor(number) != number || std::abs(number) > 9.0e15)
            return std::nullopt;
        return qint64(number);
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return number;
    }
    return std::nullopt;
}

} // namespace confero::sandbox
