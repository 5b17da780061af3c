#pragma once

#include "FieldError.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace confero {

struct TokenRequest
{
    QString name;
    QString role = QStringLiteral("participant"); // moderator, participant, viewer, audience
    QString userRef;
    QJsonObject data;

    QJsonObject toJson() const;
    QList<FieldError> validate() const;
};

// A join token: standard base64 of a JSON object (not a JWT; see video-api.md 4.3).
struct JoinToken
{
    QString raw;
    QJsonObject decoded;
    QString tokenId;
    QString roomId; // roomMeta._id, or room._id in the older variant
    QString roomName;
    QString host;

    // Decodes and checks the shape; nullopt when `raw` is not base64 JSON with a tokenId.
    static std::optional<JoinToken> decode(const QString &raw);
};

} // namespace confero
