#include "LiveUser.h"

namespace confero {

std::optional<LiveUser> LiveUser::fromJson(const QJsonObject &user)
{
    LiveUser live;
    live.name = user.value(u"name").toString();
    live.userRef = user.value(u"user_ref").toString();
    live.role = user.value(u"role").toString();
    live.permissions = user.value(u"permissions").toObject();
    if (live.name.isEmpty() && live.userRef.isEmpty())
        return std::nullopt;
    return live;
}

} // namespace confero
