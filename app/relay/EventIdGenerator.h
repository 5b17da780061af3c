#pragma once

#include <QString>
#include <QtGlobal>

namespace confero::relay {

// Makes the relay id of each accepted webhook: a UUID version 7 (RFC 9562), the Unix time in ms
// followed by a counter and random bits, as lower-case text. Ids made one after another sort in
// the order they were made. That is what keeps the unique index on events.id (here and in every
// console's store) cheap: a random UUID lands on a random page of the index, so every event of a
// group commit dirtied a page of its own and the log wrote about 15 KB to disk per 200-byte
// webhook; ordered ids append to the index's last page. Not thread-safe: one per thread.
class EventIdGenerator
{
public:
    QString next();
    // The same for a given clock reading; next() reads the system clock.
    QString nextAt(qint64 unixMs);

private:
    qint64 m_lastMs = -1;
    quint32 m_counter = 0;
};

} // namespace confero::relay
