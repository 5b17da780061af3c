#pragma once

#include "Command.h"

#include <QStringList>

namespace confero {
struct Room;
struct RoomDefinition;
class VideoPlatform;
} // namespace confero

namespace confero::cli {

// conferoctl rooms list | show ID | create ... | update ID ... | delete ID [ID...]
class RoomsCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomsCommand)

public:
    using Command::Command;

    void start() override;

private:
    void list(VideoPlatform *platform);
    void show(VideoPlatform *platform, const QString &roomId);
    void create(VideoPlatform *platform, const RoomDefinition &definition);
    void update(VideoPlatform *platform, const QString &roomId);
    void deleteNext(VideoPlatform *platform);
    void printRoom(const Room &room) const;

    QStringList m_toDelete;
    QStringList m_deleted;
};

} // namespace confero::cli
