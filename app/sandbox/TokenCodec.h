#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace confero::sandbox {

// The platform's token format (video-api.md 4.3): standard base64 of a JSON object, not a JWT.
// `signature` is base64 HMAC-SHA256, with the sandbox's secret, over the compact JSON of every other
// key ([INFERRED]: the platform's own signature scheme is not public). QJsonObject keeps keys
// sorted, so the signed bytes are canonical.
class TokenCodec
{
public:
    explicit TokenCodec(QByteArray secret);

    QByteArray encode(QJsonObject payload) const;
    // The payload (signature removed) when the token is well-formed and its signature verifies.
    std::optional<QJsonObject> decode(const QByteArray &token) const;

private:
    QByteArray sign(const QJsonObject &payload) const;

    QByteArray m_secret;
};

} // namespace confero::sandbox
