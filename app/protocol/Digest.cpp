#include "Digest.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace confero::protocol {

QByteArray Digest::sha256(QByteArrayView data)
{
    QByteArray digest(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    SHA256(reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()),
           reinterpret_cast<unsigned char *>(digest.data()));
    return digest;
}

QByteArray Digest::hmacSha256(QByteArrayView key, QByteArrayView data)
{
    QByteArray mac(SHA256_DIGEST_LENGTH, Qt::Uninitialized);
    unsigned int length = 0;
    // An empty key is a valid HMAC key; libcrypto wants a non-null pointer for it.
    static const unsigned char emptyKey = 0;
    const auto *keyBytes = key.isEmpty() ? &emptyKey : reinterpret_cast<const unsigned char *>(key.data());
    if (!HMAC(EVP_sha256(), keyBytes, int(key.size()), reinterpret_cast<const unsigned char *>(data.data()),
              size_t(data.size()), reinterpret_cast<unsigned char *>(mac.data()), &length)
        || length != SHA256_DIGEST_LENGTH)
        qFatal("HMAC-SHA256 failed in libcrypto"); // only without memory; no signature is better than a wrong one
    return mac;
}

} // namespace confero::protocol
