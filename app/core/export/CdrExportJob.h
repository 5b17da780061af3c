#pragma once

#include "CdrExporter.h"
#include "store/CdrFilter.h"
#include "store/CdrSort.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace confero {

class Store;

// One export of a project's participant rows to a file, off the GUI thread: the job counts the
// rows the filter selects, then streams them (keyset pages of CdrExporter, never the whole result
// in memory) on a thread of its own with its own connection to the store, into "<file>.part". Only
// a complete file is renamed over the target (an atomic replace), so a cancelled or failed export
// removes its part file and leaves an existing target as it was. One export at a time per job.
// Signals arrive on the job's thread; the store must outlive the job.
class CdrExportJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CdrExportJob)

public:
    struct Request
    {
        CdrFilter filter;
        CdrSort sort;
        CdrExporter::Options options;
        QString path;
    };

    CdrExportJob(const Store *store, qint64 projectId, QObject *parent = nullptr);
    // Cancels a running export and waits for it to stop (its part file removed); no signal follows.
    ~CdrExportJob() override;

    // False (and nothing started) while an export is running.
    bool start(const Request &request);
    // Stops the running export after the page being written; cancelled() follows.
    void cancel();
    bool isRunning() const;

    // Where the export is written until it is complete.
    static QString partPath(const QString &path);

Q_SIGNALS:
    // After the count (rowsDone 0) and after each page; rowsDone can pass total when rows arrive
    // during the export (a sync on another connection).
    void progressed(qint64 rowsDone, qint64 total);
    void succeeded(qint64 rows, const QString &path);
    // A sentence for a person: what failed and, for the file, why (disk full, not writable).
    void failed(const QString &message);
    void cancelled();

private:
    void finish();

    const Store *m_store;
    qint64 m_projectId;
    std::unique_ptr<QThread> m_thread;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace confero
