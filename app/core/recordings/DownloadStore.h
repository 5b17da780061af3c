#pragma once

#include "DownloadRecord.h"

#include "store/StoreError.h"

#include <QList>

namespace confero {

class Store;

// The `recordings` table: the download list of a project. Small statements on the owner's
// connection (a row per file, written on state changes and every few MB of progress).
class DownloadStore
{
public:
    explicit DownloadStore(Store *store);

    // Inserts the file, or returns the existing row of the same (project, room, conf, kind, name)
    // with its url refreshed.
    StoreResult<DownloadRecord> add(const DownloadRecord &record);
    StoreResult<bool> update(const DownloadRecord &record);
    StoreResult<QList<DownloadRecord>> list(qint64 projectId) const;

private:
    Store *m_store = nullptr;
};

} // namespace confero
