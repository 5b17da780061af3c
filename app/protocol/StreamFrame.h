#pragma once

#include "StreamEvent.h"

#include <QByteArray>

#include <variant>

namespace confero::protocol {

// Relay -> console: one stored event and its signature ("v1,<base64 HMAC-SHA256>").
struct EventFrame
{
    StreamEvent event;
    QByteArray signature;

    friend bool operator==(const EventFrame &, const EventFrame &) = default;
};

// Relay -> console, when nothing else was sent for a while: the relay is alive, and `head` is the
// last committed seq, so a console can tell "quiet" from "stuck behind".
struct HeartbeatFrame
{
    qint64 sentAtMs = 0;
    qint64 head = 0;

    friend bool operator==(const HeartbeatFrame &, const HeartbeatFrame &) = default;
};

// Console -> relay: every event up to and including `seq` is committed in the console's store.
struct AckFrame
{
    qint64 seq = 0;

    friend bool operator==(const AckFrame &, const AckFrame &) = default;
};

using StreamFrame = std::variant<EventFrame, HeartbeatFrame, AckFrame>;

} // namespace confero::protocol
