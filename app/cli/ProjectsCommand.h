#pragma once

#include "Command.h"

namespace confero::cli {

// conferoctl projects list | add NAME --url URL --app-id ID | remove NAME | use NAME.
// The App Key of `add` comes from CONFERO_APP_KEY or the first line of stdin, never from an
// argument (arguments are visible to every user through /proc), and goes only to the keychain.
class ProjectsCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectsCommand)

public:
    using Command::Command;

    void start() override;

private:
    void list();
    void add(const QString &name);
    void remove(const QString &name);
    void use(const QString &name);
};

} // namespace confero::cli
