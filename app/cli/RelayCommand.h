#pragma once

#include "Command.h"

namespace confero::cli {

// conferoctl relay add --url URL --token T | relay show | relay remove
// Which confero-relay the project streams its webhooks from; the token goes to the keychain.
class RelayCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayCommand)

public:
    using Command::Command;

    void start() override;

private:
    void add(qint64 projectId);
    void show(qint64 projectId);
    void remove(qint64 projectId);
};

} // namespace confero::cli
