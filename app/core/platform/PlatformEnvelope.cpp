#include "PlatformEnvelope.h"

#include <QJsonDocument>

namespace confero {

using namespace Qt::StringLiterals;

namespace {

std::optional<int> resultCode(const QJsonValue &value)
{
    if (value.isDouble())
        return static_cast<int>(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const int code = value.toString().trimmed().toInt(&ok);
        if (ok)
            return code;
    }
    return std::nullopt;
}

PlatformError::Kind kindForErrorCode(const QString &code, PlatformError::Kind fallback)
{
    if (code == u"UNAUTHORIZED" || code == u"CREDENTIAL_EXPIRED" || code == u"PROJECT_SUSPENDED"
        || code == u"FORBIDDEN")
        return PlatformError::Kind::Auth;
    if (code == u"RATE_LIMITED")
        return PlatformError::Kind::RateLimited;
    if (code == u"INVALID_PARAM" || code == u"VALIDATION_ERROR")
        return PlatformError::Kind::Validation;
    if (code == u"NOT_FOUND")
        return PlatformError::Kind::NotFound;
    return fallback;
}

} // namespace

std::optional<QJsonObject> PlatformEnvelope::parse(int httpStatus, const QByteArray &body, const QString &operation,
                                                   PlatformError *error)
{
    const bool is2xx = httpStatus >= 200 && httpStatus < 300;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject object = document.object();

    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // No envelope: the HTTP status alone says what happened (a proxy's 502 page, a 401 from a
        // gateway); a 2xx without JSON is not the documented API.
        PlatformError e = PlatformError::fromAnswer(httpStatus, 0, QString::fromUtf8(body.left(200)), operation);
        if (is2xx)
            e.kind = PlatformError::Kind::Protocol;
        if (error)
            *error = e;
        return std::nullopt;
    }

    if (object.value(u"status").toString() == u"error" || object.contains(u"error_code")) {
        const QString code = object.value(u"error_code").toString();
        PlatformError e =
            PlatformError::fromAnswer(httpStatus, 0, code + u": "_s + object.value(u"message").toString(), operation);
        e.kind = kindForErrorCode(code, is2xx ? PlatformError::Kind::Protocol : e.kind);
        if (error)
            *error = e;
        return std::nullopt;
    }

    const std::optional<int> code = resultCode(object.value(u"result"));
    if (is2xx && code && *code == 0)
        return object;

    QString detail = object.value(u"error").toString();
    const QString desc = object.value(u"desc").toString();
    if (!desc.isEmpty())
        detail += (detail.isEmpty() ? QString() : u" - "_s) + desc;
    PlatformError e = PlatformError::fromAnswer(httpStatus, code.value_or(0), detail, operation);
    if (!code && is2xx)
        e.kind = PlatformError::Kind::Protocol; // 2xx without `result`: not the documented envelope
    else if (code && *code == 0) // result 0 with a non-2xx status: trust the status
        e = PlatformError::fromAnswer(httpStatus, 0, detail, operation);
    if (error)
        *error = e;
    return std::nullopt;
}

} // namespace confero
