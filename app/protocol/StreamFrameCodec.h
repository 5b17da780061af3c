#pragma once

#include "StreamFrame.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace confero::protocol {

// Text frames of the relay stream (one WebSocket text message each), as JSON objects:
//   event      {"body":"<exact bytes>","id":"…","project":"…","received_at":<ms>,"seq":N,"sig":"v1,…"}
//   heartbeat  {"head":N,"heartbeat":<ms>}
//   ack        {"ack":N}
// The body travels as a JSON string, not an object: re-serialised JSON is not the same bytes (key
// order, 1.50 -> 1.5, escapes) and the signature covers the bytes. Keys a reader does not know are
// ignored, so later versions can add some. Encoders write keys sorted and compact, which is what
// test-vectors/stream-v1.json holds.
class StreamFrameCodec
{
public:
    // Bounds a reader enforces before trusting anything (the body limit is ingress's, 1 MiB; escaping
    // can make its JSON string up to six times longer).
    static constexpr qsizetype MaxBodyBytes = 1024 * 1024;
    static constexpr qsizetype MaxFrameBytes = 6 * MaxBodyBytes + 64 * 1024;
    static constexpr qsizetype MaxIdLength = 256;
    static constexpr qint64 MaxInteger = qint64(1) << 53; // exact in every JSON reader

    struct Decoded
    {
        std::optional<StreamFrame> frame;
        QString error; // why the text is not a frame, for the log: the peer is not trusted
    };

    // The event frame signed with the subscriber's key; nothing when the body is not valid UTF-8 or
    // exceeds MaxBodyBytes (ingress never stores such a body).
    static std::optional<QByteArray> encodeEvent(const StreamEvent &event, QByteArrayView subscriberKey);
    static QByteArray encodeHeartbeat(const HeartbeatFrame &heartbeat);
    static QByteArray encodeAck(const AckFrame &ack);

    // Reads any frame. It does not check an event's signature (FrameSignature::verify does, with the
    // reader's key), only its shape.
    static Decoded decode(QByteArrayView text);

    static bool isValidUtf8(QByteArrayView bytes);
};

} // namespace confero::protocol
