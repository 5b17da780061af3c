#include "SandboxClock.h"

namespace confero::sandbox {

QDateTime SandboxClock::now() const
{
    return QDateTime::currentDateTimeUtc().addSecs(m_offsetSeconds);
}

qint64 SandboxClock::offsetSeconds() const
{
    return m_offsetSeconds;
}

void SandboxClock::setOffsetSeconds(qint64 seconds)
{
    m_offsetSeconds = seconds;
}

} // namespace confero::sandbox
