#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace confero {

struct LiveUser
{
    QString name;
    QString userRef;
    QString role;
    QJsonObject permissions;

    static std::optional<LiveUser> fromJson(const QJsonObject &user);
};

} // namespace confero
