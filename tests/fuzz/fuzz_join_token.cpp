// Fuzzes confero::JoinToken::decode, which reads tokens pasted by the user or returned by the platform.
//
// Byte 0 chooses how the rest is used: as the token text itself (reaches the base64 and trimming
// paths), or base64-encoded first (reaches the JSON and field reading behind it).

#include "FuzzCheck.h"

#include "domain/JoinToken.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

using confero::JoinToken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray payload(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QString raw = (data[0] & 1) ? QString::fromLatin1(payload.toBase64()) : QString::fromUtf8(payload);

    const std::optional<JoinToken> token = JoinToken::decode(raw);
    if (!token)
        return 0;
    CONFERO_FUZZ_CHECK(!token->tokenId.isEmpty());
    CONFERO_FUZZ_CHECK(token->raw == raw.trimmed());
    CONFERO_FUZZ_CHECK(token->decoded.value(u"tokenId").toString() == token->tokenId);

    // Decoding is a pure function of the text: the same token again gives the same fields.
    const std::optional<JoinToken> again = JoinToken::decode(token->raw);
    CONFERO_FUZZ_CHECK(again.has_value());
    CONFERO_FUZZ_CHECK(again->decoded == token->decoded && again->roomId == token->roomId
                       && again->roomName == token->roomName && again->host == token->host);
    return 0;
}
