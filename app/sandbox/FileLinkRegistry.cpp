#include "FileLinkRegistry.h"

#include <QRandomGenerator>

namespace confero::sandbox {

QString FileLinkRegistry::mint(const QString &filePath, qint64 nowMs, qint64 lifetimeMs, int uses, int expiredStatus)
{
    while (m_links.size() >= MaxLinks && !m_order.empty()) {
        m_links.remove(m_order.front());
        m_order.pop_front();
    }
    // 128 random bits: a link cannot be guessed from another one, as a signed URL could not.
    quint64 bits[2];
    QRandomGenerator::system()->fillRange(bits);
    QString token = QString::fromLatin1(QByteArray::number(bits[0], 16).rightJustified(16, '0')
                                        + QByteArray::number(bits[1], 16).rightJustified(16, '0'));
    m_links.insert(token, FileLink{filePath, nowMs + lifetimeMs, uses, expiredStatus});
    m_order.push_back(token);
    return token;
}

FileLinkRegistry::Verdict FileLinkRegistry::use(const QString &token, const QString &filePath, qint64 nowMs,
                                                int *expiredStatus)
{
    const auto found = m_links.find(token);
    if (found == m_links.end() || found->filePath != filePath)
        return Verdict::Unknown;
    if (nowMs >= found->expiresMs || found->usesLeft == 0) {
        *expiredStatus = found->expiredStatus;
        return Verdict::Expired;
    }
    if (found->usesLeft > 0)
        --found->usesLeft;
    return Verdict::Valid;
}

void FileLinkRegistry::clear()
{
    m_links.clear();
    m_order.clear();
}

qsizetype FileLinkRegistry::size() const
{
    return m_links.size();
}

} // namespace confero::sandbox
