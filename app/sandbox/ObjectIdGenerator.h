#pragma once

#include <QDateTime>
#include <QString>

namespace confero::sandbox {

// 24-hex MongoDB-style ObjectIds (video-api.md 1.4): 4 bytes of seconds since the epoch, 5 random
// bytes, a 3-byte counter. The platform's ids have this shape, so clients that check it keep working.
class ObjectIdGenerator
{
public:
    QString next(const QDateTime &now);

    static bool isObjectId(const QString &text);

private:
    quint32 m_counter = 0;
};

} // namespace confero::sandbox
