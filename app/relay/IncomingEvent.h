#pragma once

#include <QByteArray>
#include <QString>

namespace confero::relay {

// A webhook that passed WebhookCheck and the project's auth, on its way into the event log.
struct IncomingEvent
{
    QString project;
    QString type;
    QByteArray body; // the exact bytes received (valid UTF-8)
    qint64 receivedAtMs = 0;
};

} // namespace confero::relay
