#include "TokenRecord.h"

using namespace Qt::StringLiterals;

namespace confero::sandbox {

bool TokenRecord::isUsed() const
{
    return usedAt.isValid();
}

bool TokenRecord::isExpired(const QDateTime &now) const
{
    return issuedAt.secsTo(now) >= LifetimeSeconds;
}

QJsonObject TokenRecord::toJson() const
{
    QJsonObject object{{u"token_id"_s, tokenId},
                       {u"room_id"_s, roomId},
                       {u"name"_s, name},
                       {u"role"_s, role},
                       {u"user_ref"_s, userRef},
                       {u"data"_s, data},
                       {u"issued_at"_s, issuedAt.toString(Qt::ISODateWithMs)}};
    if (usedAt.isValid())
        object.insert(u"used_at"_s, usedAt.toString(Qt::ISODateWithMs));
    return object;
}

TokenRecord TokenRecord::fromJson(const QJsonObject &object)
{
    TokenRecord record;
    record.tokenId = object.value(u"token_id").toString();
    record.roomId = object.value(u"room_id").toString();
    record.name = object.value(u"name").toString();
    record.role = object.value(u"role").toString();
    record.userRef = object.value(u"user_ref").toString();
    record.data = object.value(u"data");
    record.issuedAt = QDateTime::fromString(object.value(u"issued_at").toString(), Qt::ISODateWithMs);
    record.usedAt = QDateTime::fromString(object.value(u"used_at").toString(), Qt::ISODateWithMs);
    return record;
}

} // namespace confero::sandbox
