#pragma once

#include "Command.h"

namespace confero::cli {

// conferoctl tokens create --room ID --name N --role R --user-ref U [--data KEY=VALUE]...
// Prints the token (alone on stdout, for scripts) and records a hash of it in the token log.
class TokensCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokensCommand)

public:
    using Command::Command;

    void start() override;
};

} // namespace confero::cli
