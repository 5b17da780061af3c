#pragma once

#include "CommandLine.h"
#include "domain/Room.h"

#include <QJsonObject>

namespace confero::cli {

// Turns the room flags of `rooms create` and `rooms update` into what the platform takes.
class RoomOptions
{
public:
    static QStringList createOptions();
    static QStringList updateOptions();

    // The definition for POST /rooms, or the first problem with a flag (named as typed).
    static std::optional<RoomDefinition> definition(const CommandLine &line, QString *error);
    // The partial body for PATCH /rooms/ID (counts as strings, like the create body), or an error.
    static std::optional<QJsonObject> changes(const CommandLine &line, const QDateTime &nowUtc, QString *error);

    // "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS", read as UTC.
    static QDateTime parseTime(const QString &text);
};

} // namespace confero::cli
