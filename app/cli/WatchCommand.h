#pragma once

#include "Command.h"

#include <memory>

class QSocketNotifier;

namespace confero {
class RelayConnection;
}

namespace confero::cli {

// conferoctl watch: runs the project's relay link headless, as the console would, until SIGINT or
// SIGTERM; prints a line (or, with --json, a JSON object per line) for every batch of events stored.
class WatchCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchCommand)

public:
    explicit WatchCommand(CliContext *context, QObject *parent = nullptr);
    ~WatchCommand() override;

    void start() override;

private:
    void watchSignals();

    std::unique_ptr<RelayConnection> m_connection;
    QSocketNotifier *m_signalNotifier = nullptr;
};

} // namespace confero::cli
