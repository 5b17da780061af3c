// Fuzzes confero::protocol::StreamFrameCodec::decode, which reads every frame a relay (or anything
// posing as one) sends to a console, and every ack a console sends to the relay.
//
// A frame that decodes must encode back to a frame that decodes to the same value: what the console
// stores and signs over is then exactly what came in.

#include "FuzzCheck.h"

#include "FrameSignature.h"
#include "StreamFrameCodec.h"

#include <cstddef>
#include <cstdint>

using namespace confero::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    const StreamFrameCodec::Decoded decoded = StreamFrameCodec::decode(text);
    CONFERO_FUZZ_CHECK(decoded.frame.has_value() != !decoded.error.isEmpty());
    if (!decoded.frame)
        return 0;

    if (const auto *event = std::get_if<EventFrame>(&*decoded.frame)) {
        const std::optional<QByteArray> again = StreamFrameCodec::encodeEvent(event->event, "fuzz-key");
        // A decoded body came from a JSON string, so it is valid UTF-8 and within the limit.
        CONFERO_FUZZ_CHECK(again.has_value());
        const StreamFrameCodec::Decoded redecoded = StreamFrameCodec::decode(*again);
        CONFERO_FUZZ_CHECK(redecoded.frame.has_value());
        const auto *same = std::get_if<EventFrame>(&*redecoded.frame);
        CONFERO_FUZZ_CHECK(same && same->event == event->event);
        CONFERO_FUZZ_CHECK(FrameSignature::verify("fuzz-key", same->event, same->signature));
    } else if (const auto *heartbeat = std::get_if<HeartbeatFrame>(&*decoded.frame)) {
        const StreamFrameCodec::Decoded redecoded =
            StreamFrameCodec::decode(StreamFrameCodec::encodeHeartbeat(*heartbeat));
        CONFERO_FUZZ_CHECK(redecoded.frame && std::get<HeartbeatFrame>(*redecoded.frame) == *heartbeat);
    } else {
        const auto &ack = std::get<AckFrame>(*decoded.frame);
        const StreamFrameCodec::Decoded redecoded = StreamFrameCodec::decode(StreamFrameCodec::encodeAck(ack));
        CONFERO_FUZZ_CHECK(redecoded.frame && std::get<AckFrame>(*redecoded.frame) == ack);
    }
    return 0;
}
