// Fuzzes confero::relay::WebhookCheck::check, the first thing the relay does with a body that anyone
// on the internet can post to it.
//
// What it accepts must be what the rest of the relay relies on: valid UTF-8 (the stream carries the
// body as a JSON string), a JSON object, a non-empty type, at most 1 MiB.

#include "FuzzCheck.h"

#include "StreamFrameCodec.h"
#include "WebhookCheck.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using confero::relay::WebhookCheck;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    const WebhookCheck::Result result = WebhookCheck::check(body);
    CONFERO_FUZZ_CHECK(result.status == 200 || result.status == 400 || result.status == 413);
    CONFERO_FUZZ_CHECK(result.accepted() == result.error.isEmpty());
    if (!result.accepted())
        return 0;
    CONFERO_FUZZ_CHECK(body.size() <= WebhookCheck::MaxBodyBytes);
    CONFERO_FUZZ_CHECK(confero::protocol::StreamFrameCodec::isValidUtf8(body));
    CONFERO_FUZZ_CHECK(!result.type.trimmed().isEmpty());
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray());
    CONFERO_FUZZ_CHECK(document.isObject());
    CONFERO_FUZZ_CHECK(document.object().value(u"type").toString() == result.type);
    return 0;
}
