#include "ObjectIdGenerator.h"

#include <QByteArray>
#include <QRandomGenerator>

namespace confero::sandbox {

QString ObjectIdGenerator::next(const QDateTime &now)
{
    if (m_counter == 0)
        m_counter = QRandomGenerator::global()->bounded(0x1000000u);
    QByteArray bytes(12, '\0');
    const quint32 seconds = quint32(now.toSecsSinceEpoch());
    for (int i = 0; i < 4; ++i)
        bytes[i] = char((seconds >> (24 - 8 * i)) & 0xff);
    for (int i = 4; i < 9; ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    const quint32 counter = m_counter++ & 0xffffff;
    for (int i = 0; i < 3; ++i)
        bytes[9 + i] = char((counter >> (16 - 8 * i)) & 0xff);
    return QString::fromLatin1(bytes.toHex());
}

bool ObjectIdGenerator::isObjectId(const QString &text)
{
    if (text.size() != 24)
        return false;
    for (const QChar c : text) {
        const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
        if (!hex)
            return false;
    }
    return true;
}

} // namespace confero::sandbox
