#include "WebhookCheck.h"

#include "StreamFrameCodec.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace confero::relay {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("confero::relay::WebhookCheck", text);
}

WebhookCheck::Result refuse(int status, const QString &error)
{
    return {status, {}, error};
}

} // namespace

WebhookCheck::Result WebhookCheck::check(QByteArrayView body)
{
    if (body.size() > MaxBodyBytes)
        return refuse(413, tr("the webhook body is larger than 1 MiB"));
    if (body.trimmed().isEmpty())
        return refuse(400, tr("the webhook body is empty"));
    // Checked before JSON: Qt's parser replaces bad sequences instead of failing, and the stream
    // carries the body as a JSON string, which must be valid UTF-8 byte for byte.
    if (!protocol::StreamFrameCodec::isValidUtf8(body))
        return refuse(400, tr("the webhook body is not valid UTF-8"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refuse(
            400,
            tr("the webhook body is not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return refuse(400, tr("the webhook body is not a JSON object"));
    const QJsonValue type = document.object().value("type"_L1);
    if (!type.isString() || type.toString().trimmed().isEmpty())
        return refuse(400, tr("the webhook has no \"type\" text"));
    if (type.toString().size() > 128)
        return refuse(400, tr("the webhook's \"type\" is longer than 128 characters"));
    return {200, type.toString(), {}};
}

} // namespace confero::relay
