#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace confero::protocol {

// SHA-256 and HMAC-SHA256 through libcrypto, which uses the processor's SHA instructions where it
// has them: the relay signs every event for every subscriber and hashes every body, and the console
// checks every signature, so Qt's portable SHA-256 was a visible part of both under load.
class Digest
{
public:
    static QByteArray sha256(QByteArrayView data); // 32 raw bytes
    static QByteArray hmacSha256(QByteArrayView key, QByteArrayView data); // 32 raw bytes
};

} // namespace confero::protocol
