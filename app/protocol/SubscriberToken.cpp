#include "SubscriberToken.h"

using namespace Qt::StringLiterals;

namespace confero::protocol {

namespace {

constexpr auto Encoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr QLatin1StringView Prefix("crs_");

} // namespace

QString SubscriberToken::toString() const
{
    return Prefix + QString::fromLatin1(secret.toBase64(Encoding)) + u'.' + QString::fromLatin1(key.toBase64(Encoding));
}

std::optional<SubscriberToken> SubscriberToken::parse(QStringView text)
{
    text = text.trimmed();
    if (!text.startsWith(Prefix) || text.size() > 256)
        return std::nullopt;
    const QStringView rest = text.sliced(Prefix.size());
    const qsizetype dot = rest.indexOf(u'.');
    if (dot <= 0 || dot == rest.size() - 1)
        return std::nullopt;
    const auto secret =
        QByteArray::fromBase64Encoding(rest.first(dot).toLatin1(), Encoding | QByteArray::AbortOnBase64DecodingErrors);
    const auto key = QByteArray::fromBase64Encoding(rest.sliced(dot + 1).toLatin1(),
                                                    Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!secret || !key || secret.decoded.size() != 32 || key.decoded.size() != 32)
        return std::nullopt;
    return SubscriberToken{secret.decoded, key.decoded};
}

} // namespace confero::protocol
