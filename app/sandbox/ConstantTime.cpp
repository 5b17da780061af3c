#include "ConstantTime.h"

#include <QCryptographicHash>

namespace confero::sandbox {

bool ConstantTime::equals(const QByteArray &a, const QByteArray &b)
{
    // Hashing first makes both sides the same length, so the loop below never stops early and the
    // length of the expected value is not revealed either.
    const QByteArray ha = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray hb = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < ha.size(); ++i)
        difference |= static_cast<unsigned char>(ha.at(i) ^ hb.at(i));
    return difference == 0;
}

} // namespace confero::sandbox
