#pragma once

#include "Command.h"

#include "recordings/ArchiveEntry.h"
#include "recordings/DownloadManager.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QSet>

#include <memory>

namespace confero::cli {

// conferoctl recordings list  [--from D --to D] [--room ID] [--conf N]
// conferoctl recordings fetch [--from D --to D] [--room ID] [--conf N] [--kinds K,K] [--parallel N]
//                             [--library DIR]
// The selection is an archive route's: --conf N, --room ID (with --from/--to: room and period), or
// --from/--to. fetch downloads through DownloadManager into <library>/<room_id>/<conf_num>/<file>
// (default library <data dir>/recordings), resuming what an earlier run left; the recording-file
// credentials come from CONFERO_RECORDING_USER and CONFERO_RECORDING_PASSWORD.
class RecordingsCommand final : public Command
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingsCommand)

public:
    using Command::Command;
    ~RecordingsCommand() override;

    void start() override;

private:
    void list(const QList<ArchiveEntry> &entries);
    void fetch(const QList<ArchiveEntry> &entries);
    void report();
    QString libraryFolder() const;

    QNetworkAccessManager m_network;
    std::unique_ptr<DownloadManager> m_manager;
    QList<qint64> m_ids;
};

} // namespace confero::cli
