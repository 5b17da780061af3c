#pragma once

#include <QByteArray>
#include <QByteArrayView>

struct evp_md_ctx_st;

namespace confero {

// A running SHA-256, through OpenSSL's libcrypto, which uses the processor's SHA instructions where
// it has them: Qt 6.4's QCryptographicHash is portable C, slower than a loopback download, and the
// download checks every byte it writes.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void reset();
    void addData(QByteArrayView data);
    // The 32-byte digest of what was added since the last reset; adding may go on after.
    QByteArray result() const;

    static QByteArray hash(QByteArrayView data);

private:
    evp_md_ctx_st *m_context;
};

} // namespace confero
