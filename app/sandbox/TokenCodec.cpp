#include "TokenCodec.h"

#include "ConstantTime.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

using namespace Qt::StringLiterals;

namespace confero::sandbox {

TokenCodec::TokenCodec(QByteArray secret)
    : m_secret(std::move(secret))
{
}

QByteArray TokenCodec::sign(const QJsonObject &payload) const
{
    const QByteArray canonical = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    return QMessageAuthenticationCode::hash(canonical, m_secret, QCryptographicHash::Sha256).toBase64();
}

QByteArray TokenCodec::encode(QJsonObject payload) const
{
    payload.remove(u"signature"_s);
    payload.insert(u"signature"_s, QString::fromLatin1(sign(payload)));
    return QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64();
}

std::optional<QJsonObject> TokenCodec::decode(const QByteArray &token) const
{
    const QByteArray::FromBase64Result decoded =
        QByteArray::fromBase64Encoding(token.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    QJsonObject payload = document.object();
    const QByteArray signature = payload.value(u"signature").toString().toLatin1();
    payload.remove(u"signature"_s);
    if (signature.isEmpty() || !ConstantTime::equals(signature, sign(payload)))
        return std::nullopt;
    return payload;
}

} // namespace confero::sandbox
