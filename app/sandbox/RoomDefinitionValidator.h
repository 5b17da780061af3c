#pragma once

#include "SandboxError.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace confero::sandbox {

class SandboxClock;

// Checks a room definition the way the platform does (video-api.md 3.2, 3.5, 8) and builds the
// stored record: what the client sent (numbers sent as strings stay strings, as the platform stores
// them) plus the server-side defaults. Socket-free; the rooms controller calls it.
class RoomDefinitionValidator
{
public:
    // strictSettings: an unknown key in `settings` is refused with 10009; otherwise it is stored as
    // sent (the platform has undocumented keys, video-api.md 10.3).
    RoomDefinitionValidator(const SandboxClock &clock, bool strictSettings);

    // POST /rooms: the room to store (without room_id and created), or the refusal.
    std::optional<QJsonObject> validateCreate(const QJsonObject &body, SandboxError *error) const;

    // PATCH/PUT /rooms/{id}: `current` merged with the permissible keys of `patch`, or the refusal.
    std::optional<QJsonObject> validateUpdate(const QJsonObject &current, const QJsonObject &patch,
                                              SandboxError *error) const;

    // "YYYY-MM-DD HH:II:SS" in UTC, or an invalid QDateTime.
    static QDateTime parseScheduledTime(const QString &text);

private:
    std::optional<SandboxError> checkSettingsKey(const QString &key, const QJsonValue &value) const;
    std::optional<SandboxError> checkScheduledTime(const QJsonValue &value) const;
    std::optional<SandboxError> checkRoomType(const QJsonObject &settings) const;
    static std::optional<SandboxError> checkTopLevel(const QJsonObject &body, bool creating);
    static void addDefaults(QJsonObject *settings);

    const SandboxClock &m_clock;
    bool m_strictSettings;
};

} // namespace confero::sandbox
