#pragma once

#include "StoreError.h"
#include "domain/Room.h"

#include <QDateTime>
#include <QList>

namespace confero {

class Store;

// The last room listing fetched for a project (`rooms`), so a view can show rooms before the
// platform answers. The raw JSON is kept, so nothing the platform sent is lost.
class RoomCache
{
public:
    explicit RoomCache(Store *store);

    // Replaces the project's cached listing in one transaction.
    StoreResult<bool> replace(qint64 projectId, const QList<Room> &rooms, const QDateTime &fetchedAt);
    QList<Room> rooms(qint64 projectId) const;
    QDateTime fetchedAt(qint64 projectId) const;

private:
    Store *m_store;
};

} // namespace confero
