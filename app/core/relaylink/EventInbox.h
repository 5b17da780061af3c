#pragma once

#include "StreamEvent.h"
#include "store/StoreError.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace confero {

// The console's side of "store, then ack": events from a relay go into the `events` table together
// with the stream's cursor, in one transaction. A redelivered event (same relay id) is skipped, so
// the same frames can arrive again after a reconnect without doubling anything.
class EventInbox
{
public:
    EventInbox(const QSqlDatabase &db, qint64 projectId, QString relayUrl);

    // Commits the events not yet stored and moves the cursor to the highest seq given; the number of
    // events newly stored.
    StoreResult<int> store(const QList<protocol::StreamEvent> &events);
    // The highest seq committed from this relay (0 before the first).
    StoreResult<qint64> cursor() const;

private:
    QSqlDatabase m_db;
    qint64 m_projectId;
    QString m_relayUrl;
};

} // namespace confero
