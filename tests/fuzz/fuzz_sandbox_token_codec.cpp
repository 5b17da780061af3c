// Fuzzes confero::sandbox::TokenCodec, which checks the join tokens clients present to the sandbox.
//
// The input is tried as a token (it must never verify unless signed with the secret), and, when it is
// a JSON object, encoded and decoded again: what comes back must sign to the same bytes.

#include "FuzzCheck.h"

#include "TokenCodec.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;
using confero::sandbox::TokenCodec;

namespace {

// The seed corpus holds a token signed with this secret, so the verified path is reached from the start.
const TokenCodec &codec()
{
    static const TokenCodec codec(QByteArrayLiteral("confero-fuzz-secret"));
    return codec;
}

QByteArray canonical(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    if (const std::optional<QJsonObject> payload = codec().decode(input)) {
        CONFERO_FUZZ_CHECK(!payload->contains(u"signature"));
        // Another secret must not accept what this one signed.
        CONFERO_FUZZ_CHECK(!TokenCodec(QByteArrayLiteral("another-secret")).decode(input).has_value());
        const std::optional<QJsonObject> again = codec().decode(codec().encode(*payload));
        CONFERO_FUZZ_CHECK(again.has_value() && canonical(*again) == canonical(*payload));
    }

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(input, &error);
    if (error.error == QJsonParseError::NoError && document.isObject()) {
        QJsonObject payload = document.object();
        const QByteArray token = codec().encode(payload);
        const std::optional<QJsonObject> decoded = codec().decode(token);
        CONFERO_FUZZ_CHECK(decoded.has_value());
        payload.remove(u"signature"_s);
        CONFERO_FUZZ_CHECK(canonical(*decoded) == canonical(payload));
    }
    return 0;
}
