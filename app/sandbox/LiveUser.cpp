#include "LiveUser.h"

using namespace Qt::StringLiterals;

namespace confero::sandbox {

QJsonObject LiveUser::toApiJson() const
{
    // [INFERRED] Permissions by role: the docs show only a participant's set; moderators also record,
    // viewers and HLS audience members cannot publish or use the control handlers.
    const bool moderator = role == u"moderator";
    const bool publisher = moderator || role == u"participant";
    const QJsonObject permissions{{u"publish"_s, publisher},
                                  {u"subscribe"_s, true},
                                  {u"record"_s, moderator},
                                  {u"stats"_s, true},
                                  {u"controlhandlers"_s, publisher}};
    return QJsonObject{{u"name"_s, name},
                       {u"user_ref"_s, userRef},
                       {u"role"_s, role},
                       {u"clientId"_s, clientId},
                       {u"permissions"_s, permissions}};
}

QJsonObject LiveUser::toStateJson() const
{
    QJsonObject object = toApiJson();
    object.insert(u"room_id"_s, roomId);
    object.insert(u"conf_num"_s, confNum);
    object.insert(u"token_id"_s, tokenId);
    object.insert(u"data"_s, data);
    object.insert(u"joined_at"_s, joinedAt.toString(Qt::ISODateWithMs));
    return object;
}

} // namespace confero::sandbox
