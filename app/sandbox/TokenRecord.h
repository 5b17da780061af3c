#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace confero::sandbox {

// What the sandbox remembers about an issued token. Expiry and single use are enforced here, on the
// server side, as the platform does: the token itself carries no `exp` (video-api.md 4.3).
class TokenRecord
{
public:
    QString tokenId;
    QString roomId;
    QString name;
    QString role;
    QString userRef;
    QJsonValue data;
    QDateTime issuedAt;
    QDateTime usedAt; // invalid while unused

    static constexpr qint64 LifetimeSeconds = 15 * 60;

    bool isUsed() const;
    bool isExpired(const QDateTime &now) const;

    QJsonObject toJson() const;
    static TokenRecord fromJson(const QJsonObject &object);
};

} // namespace confero::sandbox
