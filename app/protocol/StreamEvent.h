#pragma once

#include <QByteArray>
#include <QString>

namespace confero::protocol {

// One webhook as the relay stored it: its place in the relay's log, its identity, and the exact bytes
// the platform sent (valid UTF-8: ingress refuses anything else).
struct StreamEvent
{
    qint64 seq = 0; // 1, 2, 3... in commit order; a subscriber's cursor is the last seq it acked
    QString id; // the relay's id for this delivery; a console dedupes on it
    QString project;
    qint64 receivedAtMs = 0; // Unix ms when ingress received it
    QByteArray body;

    friend bool operator==(const StreamEvent &, const StreamEvent &) = default;
};

} // namespace confero::protocol
